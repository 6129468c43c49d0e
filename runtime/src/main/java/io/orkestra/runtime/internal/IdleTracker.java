package io.orkestra.runtime.internal;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides when {@code ork run --until-idle} may stop: every expected custom resource's newest
 * reconcile succeeded, every published event was acknowledged by every sink it is routed to (the
 * broker, each webhook, each Katalog sink whose filter passes it) and, when events are read back, every event the broker acknowledged was read back.
 *
 * <p>Created with a "loops quiet" test ({@link #IdleTracker(boolean, Map, BooleanSupplier)}), the
 * tracker is also gated on the initial list: it is never idle before {@link #listed()} (the runner
 * calls it once it has registered every custom resource that existed at start, those of {@code
 * crFiles} and those already in the cluster), and idle also needs every operator's queue empty
 * with nothing in flight, so custom resources created while running are waited for too. With no
 * custom resource at all it is then idle as soon as the loops are quiet ("reconciled 0/0").
 * Thread-safe.
 */
public final class IdleTracker {

  private final Set<ResourceKey> expected = ConcurrentHashMap.newKeySet();
  private final Map<ResourceKey, ReconcileResult> latest = new ConcurrentHashMap<>();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong readBack = new AtomicLong();
  private final boolean requireReadBack;
  private final List<String> sinks;
  private final Map<String, AtomicLong> acknowledgedBySink = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> expectedBySink = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.Predicate<io.orkestra.core.ReconcileEvent>> routes;
  private final @Nullable BooleanSupplier loopsQuiet;
  private volatile boolean listed;

  /**
   * Creates a tracker for the Kafka sink alone.
   *
   * @param requireReadBack whether idle also needs every acknowledged event read back
   */
  public IdleTracker(boolean requireReadBack) {
    this(requireReadBack, List.of());
  }

  /**
   * Creates a tracker that also waits for other sinks.
   *
   * @param requireReadBack whether idle also needs every event the broker acknowledged read back
   * @param otherSinks names of the sinks besides Kafka ({@code DeliveryResult#sink()}) that must
   *     each acknowledge every published event
   */
  public IdleTracker(boolean requireReadBack, List<String> otherSinks) {
    this(requireReadBack, everything(otherSinks), null);
  }

  /**
   * Creates a tracker gated on the initial list and on quiet loops (see the class comment).
   *
   * @param requireReadBack whether idle also needs every event the broker acknowledged read back
   * @param otherSinks names of the sinks besides Kafka that must each acknowledge every event
   * @param loopsQuiet {@code true} when every operator's queue is empty and nothing is in flight
   */
  public IdleTracker(boolean requireReadBack, List<String> otherSinks, @Nullable BooleanSupplier loopsQuiet) {
    this(requireReadBack, everything(otherSinks), loopsQuiet);
  }

  /**
   * Creates a tracker that also waits for other sinks, each of which receives only the events its
   * filter passes (Katalog {@code notification.sinks}).
   *
   * @param requireReadBack whether idle also needs every event the broker acknowledged read back
   * @param routes the sinks besides the main Kafka topic by name ({@code DeliveryResult#sink()}),
   *     each with the events it must acknowledge
   */
  public IdleTracker(boolean requireReadBack,
      Map<String, java.util.function.Predicate<io.orkestra.core.ReconcileEvent>> routes) {
    this(requireReadBack, routes, null);
  }

  /**
   * Creates a tracker with filtered sinks, gated on the initial list and on quiet loops when
   * {@code loopsQuiet} is given (see the class comment).
   *
   * @param requireReadBack whether idle also needs every event the broker acknowledged read back
   * @param routes the sinks besides the main Kafka topic by name ({@code DeliveryResult#sink()}),
   *     each with the events it must acknowledge
   * @param loopsQuiet {@code true} when every operator's queue is empty and nothing is in flight;
   *     {@code null} for a tracker that only counts the expected resources
   */
  public IdleTracker(boolean requireReadBack,
      Map<String, java.util.function.Predicate<io.orkestra.core.ReconcileEvent>> routes,
      @Nullable BooleanSupplier loopsQuiet) {
    this.loopsQuiet = loopsQuiet;
    this.requireReadBack = requireReadBack;
    this.routes = new LinkedHashMap<>(routes);
    this.sinks = List.copyOf(routes.keySet());
    for (String sink : sinks) {
      acknowledgedBySink.put(sink, new AtomicLong());
      expectedBySink.put(sink, new AtomicLong());
    }
  }

  private static Map<String, java.util.function.Predicate<io.orkestra.core.ReconcileEvent>>
      everything(List<String> sinks) {
    Map<String, java.util.function.Predicate<io.orkestra.core.ReconcileEvent>> out =
        new LinkedHashMap<>();
    sinks.forEach(s -> out.put(s, e -> true));
    return out;
  }

  /**
   * Tells that every custom resource present at start has been {@linkplain #expect expected}:
   * from now on the tracker may become idle.
   */
  public void listed() {
    listed = true;
  }

  /**
   * A custom resource that must be reconciled before the runtime is idle.
   *
   * @param key the resource
   */
  public void expect(ResourceKey key) {
    expected.add(key);
  }

  /**
   * Records a reconcile.
   *
   * @param r the result
   */
  public void onResult(ReconcileResult r) {
    latest.put(r.event().key(), r);
    if (r.publishable()) {
      published.incrementAndGet();
      routes.forEach((sink, passes) -> {
        if (passes.test(r.event())) {
          expectedBySink.get(sink).incrementAndGet();
        }
      });
    }
  }

  /**
   * Records a delivery.
   *
   * @param d the delivery result
   */
  public void onDelivery(DeliveryResult d) {
    AtomicLong other = acknowledgedBySink.get(d.sink());
    if (d.delivered() && other != null) {
      other.incrementAndGet();
    } else if (d.delivered()) {
      acknowledged.incrementAndGet();
    } else {
      undelivered.incrementAndGet();
    }
  }

  /** Records an event read back from the broker. */
  public void onReadBack() {
    readBack.incrementAndGet();
  }

  /**
   * Whether the runtime is idle now.
   *
   * @return {@code true} when every expectation holds
   */
  public boolean idle() {
    BooleanSupplier quiet = loopsQuiet;
    if (quiet != null) {
      if (!listed || !quiet.getAsBoolean()) {
        return false;
      }
    } else if (expected.isEmpty()) {
      return false;
    }
    for (ResourceKey k : expected) {
      ReconcileResult r = latest.get(k);
      if (r == null || r.event().outcome() != Outcome.SUCCEEDED) {
        return false;
      }
    }
    long acked = acknowledged.get();
    long total = published.get();
    for (Map.Entry<String, AtomicLong> other : acknowledgedBySink.entrySet()) {
      if (other.getValue().get() != expectedBySink.get(other.getKey()).get()) {
        return false;
      }
    }
    return acked == total && (!requireReadBack || readBack.get() >= acked);
  }

  /**
   * Number of expected resources whose newest reconcile succeeded.
   *
   * @return the count
   */
  public long reconciled() {
    return expected.stream()
        .map(latest::get)
        .filter(r -> r != null && r.event().outcome() == Outcome.SUCCEEDED)
        .count();
  }

  /**
   * Number of expected resources.
   *
   * @return the count
   */
  public int expectedCount() {
    return expected.size();
  }

  /**
   * Events acknowledged by the broker.
   *
   * @return the count
   */
  public long acknowledged() {
    return acknowledged.get();
  }

  /**
   * Events handed to the sink.
   *
   * @return the count
   */
  public long published() {
    return published.get();
  }

  /**
   * The summary line printed when idle: {@code reconciled N/N resources, published M events}.
   *
   * @return the line
   */
  public String summary() {
    String line = "reconciled " + reconciled() + "/" + expectedCount() + " resources, published "
        + acknowledged() + " events";
    for (String sink : sinks) {
      line += ", " + acknowledgedBySink.get(sink).get() + " delivered to " + sink;
    }
    return line;
  }

  /**
   * Why the runtime is not idle, for the timeout message.
   *
   * @return resource → state, only for resources that are not reconciled
   */
  public Map<ResourceKey, String> pending() {
    Map<ResourceKey, String> out = new LinkedHashMap<>();
    for (ResourceKey k : expected) {
      @Nullable ReconcileResult r = latest.get(k);
      if (r == null) {
        out.put(k, "not reconciled yet");
      } else if (r.event().outcome() != Outcome.SUCCEEDED) {
        out.put(k, r.event().outcome().wireName() + ": " + r.event().error());
      }
    }
    return out;
  }

  /**
   * Events the sink failed to deliver.
   *
   * @return the count
   */
  public long undelivered() {
    return undelivered.get();
  }
}

package io.orkestra.runtime.internal;

import io.orkestra.core.HealthState;
import io.orkestra.core.OperatorStats;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileListener;
import io.orkestra.core.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The runtime's reconcile metrics, rendered in the Prometheus text exposition format (version
 * 0.0.4). Counters and the duration histogram are fed by the loop through {@link
 * ReconcileListener}; gauges (queue depth, in flight, health) are read from {@link OperatorStats}
 * snapshots at scrape time. Thread-safe and lock-free on the reconcile path.
 *
 * <p>Micrometer is in the BOM, but neither micrometer-core nor the Prometheus registry is in the
 * offline repository this project builds from; this small registry keeps the same metric names a
 * Micrometer binding would use, so swapping it later changes no dashboard.
 */
public final class ReconcileMetrics implements ReconcileListener {

  /** Upper bounds of the duration histogram, in seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final Map<String, LongAdder> reconciles = new ConcurrentHashMap<>();
  private final Map<String, Histogram> durations = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requeues = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
  private final Supplier<List<OperatorStats>> gauges;
  private volatile @org.jspecify.annotations.Nullable SinkMetrics sinks;

  /**
   * Creates the metrics.
   *
   * @param gauges reads the loop's gauges at scrape time (e.g. {@code OperatorRuntime::stats})
   */
  public ReconcileMetrics(Supplier<List<OperatorStats>> gauges) {
    this.gauges = gauges;
  }

  /**
   * Also renders the event-sink and notification metrics.
   *
   * @param value the sink metrics
   */
  public void withSinks(SinkMetrics value) {
    this.sinks = value;
  }

  @Override
  public void onReconciled(String operator, ResourceKey key, Outcome outcome, Duration duration) {
    reconciles.computeIfAbsent(operator + "\u0000" + outcome.wireName(), k -> new LongAdder())
        .increment();
    durations.computeIfAbsent(operator, k -> new Histogram()).record(duration);
  }

  @Override
  public void onRetryScheduled(String operator, ResourceKey key, int attempt, Duration delay) {
    retries.computeIfAbsent(operator, k -> new LongAdder()).increment();
  }

  @Override
  public void onRequeueScheduled(String operator, ResourceKey key, Duration delay) {
    requeues.computeIfAbsent(operator, k -> new LongAdder()).increment();
  }

  @Override
  public void onDropped(String operator, ResourceKey key) {
    dropped.computeIfAbsent(operator, k -> new LongAdder()).increment();
  }

  /**
   * Renders every metric in the Prometheus text format; label values are escaped, series sorted.
   *
   * @return the exposition
   */
  public String scrape() {
    StringBuilder out = new StringBuilder(2048);
    List<OperatorStats> stats = gauges.get();
    header(out, "orkestra_reconcile_total", "counter", "Reconciles by operator and outcome.");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(reconciles).entrySet()) {
      String[] parts = e.getKey().split("\u0000", 2);
      out.append("orkestra_reconcile_total{operator=\"").append(escape(parts[0]))
          .append("\",outcome=\"").append(parts[1]).append("\"} ").append(e.getValue().sum())
          .append('\n');
    }
    header(out, "orkestra_reconcile_duration_seconds", "histogram",
        "Time from dequeue to the end of a reconcile.");
    for (Map.Entry<String, Histogram> e : new TreeMap<>(durations).entrySet()) {
      e.getValue().render(out, "orkestra_reconcile_duration_seconds", escape(e.getKey()));
    }
    counter(out, "orkestra_reconcile_retries_total", "Failed reconciles scheduled for a retry.",
        retries);
    counter(out, "orkestra_requeues_total", "Successful reconciles scheduled to run again"
        + " (requeue.after).", requeues);
    counter(out, "orkestra_queue_dropped_total", "Triggers dropped because the queue was full"
        + " (queue.maxDepth).", dropped);
    header(out, "orkestra_queue_depth", "gauge",
        "Keys with pending work: queued, running or waiting for a retry.");
    for (OperatorStats s : stats) {
      gauge(out, "orkestra_queue_depth", s.operator(), s.queueDepth());
    }
    header(out, "orkestra_reconciles_in_flight", "gauge", "Reconciles running now.");
    for (OperatorStats s : stats) {
      gauge(out, "orkestra_reconciles_in_flight", s.operator(), s.inFlight());
    }
    header(out, "orkestra_operator_failing_keys", "gauge",
        "Keys that reached queue.failureThreshold consecutive failures.");
    for (OperatorStats s : stats) {
      gauge(out, "orkestra_operator_failing_keys", s.operator(), s.failingKeys());
    }
    header(out, "orkestra_operator_health", "gauge",
        "1 for the operator's current health state, 0 for the others.");
    for (OperatorStats s : stats) {
      for (HealthState state : HealthState.values()) {
        out.append("orkestra_operator_health{operator=\"").append(escape(s.operator()))
            .append("\",state=\"").append(state.wireName()).append("\"} ")
            .append(s.health() == state ? 1 : 0).append('\n');
      }
    }
    SinkMetrics sinkMetrics = sinks;
    if (sinkMetrics != null) {
      sinkMetrics.render(out);
    }
    return out.toString();
  }

  private static void counter(
      StringBuilder out, String name, String help, Map<String, LongAdder> values) {
    header(out, name, "counter", help);
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(values).entrySet()) {
      gauge(out, name, e.getKey(), e.getValue().sum());
    }
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String operator, long value) {
    out.append(name).append("{operator=\"").append(escape(operator)).append("\"} ").append(value)
        .append('\n');
  }

  /** Prometheus label value escaping: backslash, double quote and line feed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A fixed-bucket histogram: cumulative counts are computed at render time. */
  private static final class Histogram {
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    void record(Duration d) {
      double seconds = d.toNanos() / 1e9;
      int i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]) {
        i++;
      }
      counts.incrementAndGet(i);
      sumNanos.add(d.toNanos());
      count.increment();
    }

    void render(StringBuilder out, String name, String operator) {
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += counts.get(i);
        out.append(name).append("_bucket{operator=\"").append(operator).append("\",le=\"")
            .append(le(BUCKETS[i])).append("\"} ").append(cumulative).append('\n');
      }
      cumulative += counts.get(BUCKETS.length);
      out.append(name).append("_bucket{operator=\"").append(operator).append("\",le=\"+Inf\"} ")
          .append(cumulative).append('\n');
      out.append(name).append("_sum{operator=\"").append(operator).append("\"} ")
          .append(String.format(Locale.ROOT, "%.6f", sumNanos.sum() / 1e9)).append('\n');
      out.append(name).append("_count{operator=\"").append(operator).append("\"} ")
          .append(count.sum()).append('\n');
    }

    private static String le(double bound) {
      return bound == Math.rint(bound) ? String.format(Locale.ROOT, "%.1f", bound)
          : Double.toString(bound);
    }
  }
}

package io.orkestra.notify.internal;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.SinkFilter;
import io.orkestra.notify.SinkStats;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Delivery machinery shared by sinks that send one event per call: filter, bounded in-flight,
 * one event at a time per key, retry with backoff, and the durable spill with its replay loop.
 * The sink itself is a function that attempts one delivery ({@code Mono<Void>}: completes when
 * acknowledged, errors otherwise; {@link RetryPolicy#isTransient} decides about retries).
 *
 * <p>Routing of an event: if the spill holds anything, the event is appended to it (so it queues
 * behind the spilled events, keeping per-key order); otherwise it is attempted directly and, when
 * every attempt failed with a transient error, appended. The replay loop takes the oldest
 * segment, delivers its records (bounded concurrency, per key in order), deletes it once all are
 * delivered, and pauses {@code replayInterval} after a failed attempt. A publish completes when
 * upstream completed, every direct event finished and the spill is empty.
 */
public final class ResilientSink {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientSink.class);

  private final String sink;
  private final int maxInFlight;
  private final RetryPolicy retry;
  private final SinkFilter filter;
  private final @Nullable SpillStore store;
  private final Duration replayInterval;
  private final Function<ReconcileEvent, Mono<Void>> attempt;
  private final KeyedTurns turns = new KeyedTurns();
  // replay has its own turns: a direct event waiting for spill space holds its key's direct turn,
  // and the replay that frees the space must not wait for it. Direct and replayed events of one
  // key never overlap anyway: an event goes direct only while the spill is empty.
  private final KeyedTurns replayTurns = new KeyedTurns();
  private final AtomicBoolean publishing = new AtomicBoolean();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong spilled = new AtomicLong();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong corrupted = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlightSeen = new AtomicInteger();

  /**
   * Creates the machinery for one sink.
   *
   * @param sink sink name for results and messages
   * @param maxInFlight events taken from upstream and not finished, at most
   * @param retry retry policy
   * @param filter which events the sink receives
   * @param store the spill, {@code null} for none
   * @param replayInterval pause after a failed replay attempt (and poll period while idle)
   * @param attempt one delivery attempt
   */
  public ResilientSink(
      String sink,
      int maxInFlight,
      RetryPolicy retry,
      SinkFilter filter,
      @Nullable SpillStore store,
      Duration replayInterval,
      Function<ReconcileEvent, Mono<Void>> attempt) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.maxInFlight = maxInFlight;
    this.retry = Objects.requireNonNull(retry, "retry");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.store = store;
    this.replayInterval = Objects.requireNonNull(replayInterval, "replayInterval");
    this.attempt = Objects.requireNonNull(attempt, "attempt");
  }

  /**
   * The counters now.
   *
   * @return a snapshot
   */
  public SinkStats stats() {
    return new SinkStats(
        delivered.get(),
        failed.get(),
        spilled.get(),
        replayed.get(),
        corrupted.get(),
        inFlight.get(),
        maxInFlightSeen.get(),
        store == null ? 0 : store.bytes());
  }

  /**
   * Delivers events; see {@code WebhookNotifier#publish} for the contract.
   *
   * @param events the events
   * @return one result per event passing the filter
   */
  public Flux<DeliveryResult> publish(Publisher<ReconcileEvent> events) {
    Objects.requireNonNull(events, "events");
    return Flux.defer(
        () -> {
          if (store != null && !publishing.compareAndSet(false, true)) {
            return Flux.error(
                new OrkestraException(
                    sink + " is already publishing; one publish at a time shares its spill"));
          }
          Sinks.One<Boolean> upstreamDone = Sinks.one();
          Flux<DeliveryResult> direct =
              Flux.from(events)
                  .filter(filter::matches)
                  .flatMapDelayError(this::direct, maxInFlight, 1)
                  .doFinally(s -> upstreamDone.tryEmitValue(Boolean.TRUE));
          if (store == null) {
            return direct;
          }
          SpillStore s = store;
          return Mono.fromRunnable(s::open)
              .subscribeOn(Schedulers.boundedElastic())
              .thenMany(Flux.merge(direct, replayLoop(s, upstreamDone.asMono())))
              .doFinally(signal -> publishing.set(false));
        });
  }

  private Mono<DeliveryResult> direct(ReconcileEvent event) {
    return Mono.defer(
        () -> {
          // counted down before the result travels downstream, i.e. before flatMap asks upstream
          // for the event that takes this slot, so the counter never shows more than maxInFlight
          AtomicBoolean finished = new AtomicBoolean();
          Runnable finish =
              () -> {
                if (finished.compareAndSet(false, true)) {
                  inFlight.decrementAndGet();
                }
              };
          return turns
              .inTurn(event.key().eventKey(), deliverOrSpill(event))
              .doOnSubscribe(
                  sub -> maxInFlightSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
              .doOnTerminate(finish)
              .doOnCancel(finish);
        });
  }

  private Mono<DeliveryResult> deliverOrSpill(ReconcileEvent event) {
    return Mono.defer(
        () -> {
          SpillStore s = store;
          if (s != null && s.hasSegments()) {
            return spill(s, event);
          }
          return attemptWithRetry(event)
              .thenReturn(deliveredResult(event, false))
              .onErrorResume(
                  failure -> {
                    if (s != null && RetryPolicy.isTransient(failure)) {
                      LOG.debug("{}: event {} spilled after retries: {}", sink, event.id(), failure);
                      return spill(s, event);
                    }
                    failed.incrementAndGet();
                    return Mono.just(new DeliveryResult(event, sink, failure));
                  });
        });
  }

  private Mono<Void> attemptWithRetry(ReconcileEvent event) {
    return Mono.defer(() -> attempt.apply(event)).retryWhen(retry.spec());
  }

  private DeliveryResult deliveredResult(ReconcileEvent event, boolean fromSpill) {
    delivered.incrementAndGet();
    if (fromSpill) {
      replayed.incrementAndGet();
    }
    return new DeliveryResult(event, sink, null);
  }

  private Mono<DeliveryResult> spill(SpillStore s, ReconcileEvent event) {
    return Mono.fromCallable(() -> s.append(SpillCodec.encode(event)))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            appended -> {
              if (appended) {
                spilled.incrementAndGet();
                return Mono.<DeliveryResult>empty();
              }
              // spill full: hold the slot (upstream demand stops) and look again later
              return Mono.delay(replayInterval).then(deliverOrSpill(event));
            });
  }

  private Flux<DeliveryResult> replayLoop(SpillStore s, Mono<Boolean> upstreamDone) {
    AtomicBoolean lastFailed = new AtomicBoolean();
    return Flux.defer(() -> replayOldest(s, lastFailed))
        .repeatWhen(
            completions ->
                completions
                    .concatMap(
                        n -> {
                          if (s.hasSegments()) {
                            return lastFailed.get()
                                ? Mono.delay(replayInterval).thenReturn(Boolean.TRUE)
                                : Mono.just(Boolean.TRUE);
                          }
                          // empty: done once upstream is, else look again after a pause
                          return Mono.firstWithSignal(
                              Mono.delay(replayInterval).thenReturn(Boolean.TRUE),
                              upstreamDone.map(done -> s.hasSegments()));
                        })
                    .takeWhile(again -> again));
  }

  private Flux<DeliveryResult> replayOldest(SpillStore s, AtomicBoolean lastFailed) {
    return Mono.fromCallable(
            () -> {
              SpillStore.Segment segment = s.oldest();
              if (segment == null) {
                return new Replay(null, List.of(), 0);
              }
              SpillStore.Contents contents = s.read(segment);
              return new Replay(segment, contents.records(), contents.corrupted());
            })
        .subscribeOn(Schedulers.boundedElastic())
        .flatMapMany(
            replay -> {
              SpillStore.Segment segment = replay.segment();
              if (segment == null) {
                lastFailed.set(false);
                return Flux.empty();
              }
              if (replay.corrupted() > 0 && !segment.corruptionReported) {
                segment.corruptionReported = true;
                corrupted.addAndGet(replay.corrupted());
                LOG.warn(
                    "{}: spill segment {} has {} damaged record region(s) (checksum mismatch);"
                        + " skipped, the other records are delivered",
                    sink,
                    segment.file().getFileName(),
                    replay.corrupted());
              }
              AtomicBoolean failedNow = new AtomicBoolean();
              return Flux.range(0, replay.records().size())
                  .filter(i -> !segment.delivered.contains(i))
                  .flatMap(
                      i -> replayRecord(segment, i, replay.records().get(i), failedNow),
                      maxInFlight)
                  .concatWith(
                      Mono.defer(
                          () -> {
                            lastFailed.set(failedNow.get());
                            if (failedNow.get()) {
                              return Mono.empty();
                            }
                            return Mono.<DeliveryResult>fromRunnable(() -> s.delete(segment))
                                .subscribeOn(Schedulers.boundedElastic());
                          }));
            });
  }

  private Mono<DeliveryResult> replayRecord(
      SpillStore.Segment segment, int index, byte[] payload, AtomicBoolean failedNow) {
    ReconcileEvent event;
    try {
      event = SpillCodec.decode(payload);
    } catch (OrkestraException undecodable) {
      segment.delivered.add(index);
      corrupted.incrementAndGet();
      LOG.warn("{}: skipped a spill record that does not decode: {}", sink, undecodable.getMessage());
      return Mono.empty();
    }
    Mono<DeliveryResult> send =
        Mono.defer(
            () -> {
              if (failedNow.get()) {
                return Mono.empty();
              }
              // one attempt per replay round: replayInterval paces the probing of a down sink
              return Mono.defer(() -> attempt.apply(event))
                  .then(
                      Mono.fromCallable(
                          () -> {
                            segment.delivered.add(index);
                            return deliveredResult(event, true);
                          }))
                  .onErrorResume(
                      failure -> {
                        if (RetryPolicy.isTransient(failure)) {
                          failedNow.set(true);
                          return Mono.empty();
                        }
                        segment.delivered.add(index);
                        failed.incrementAndGet();
                        return Mono.just(new DeliveryResult(event, sink, failure));
                      });
            });
    return replayTurns.inTurn(event.key().eventKey(), send);
  }

  private record Replay(SpillStore.@Nullable Segment segment, List<byte[]> records, int corrupted) {}
}

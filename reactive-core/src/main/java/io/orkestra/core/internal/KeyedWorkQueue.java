package io.orkestra.core.internal;

import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Level-triggered work queue keyed by {@link ResourceKey}.
 *
 * <ul>
 *   <li>Latest state per key wins: events for a key that is already queued replace its state.
 *   <li>One reconcile in flight per key: an event arriving while its key runs marks the key dirty,
 *       and the key runs again, with the newest state, once the running reconcile ends.
 *   <li>At most {@code workers} reconciles in flight in total.
 *   <li>A failed reconcile is retried after an exponential backoff with jitter (initial doubling to
 *       max); a success resets the backoff. A newer event retries at once.
 * </ul>
 *
 * <p>Overflow: the ready queue holds each key at most once, so memory is bounded by the number of
 * distinct objects, never by the number of events. When downstream stops requesting results, no new
 * reconcile starts; keys wait in the ready queue.
 *
 * @param <R> the result of one reconcile
 */
public final class KeyedWorkQueue<R> {

  private final ConcurrentHashMap<ResourceKey, Slot> slots = new ConcurrentHashMap<>();
  private final BiFunction<ResourceKey, WatchEvent, Mono<R>> reconciler;
  private final Predicate<R> failed;
  private final int workers;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Scheduler timer;
  private volatile @Nullable FluxSink<ResourceKey> ready;

  /**
   * Creates a queue.
   *
   * @param reconciler reconciles one key with its newest event; must not error (failures are values)
   * @param failed tells whether a result is a failure that must be retried with backoff
   * @param workers reconciles in flight at most
   * @param initialBackoff first retry delay
   * @param maxBackoff retry delay cap
   * @param timer scheduler for retry delays
   */
  public KeyedWorkQueue(
      BiFunction<ResourceKey, WatchEvent, Mono<R>> reconciler,
      Predicate<R> failed,
      int workers,
      Duration initialBackoff,
      Duration maxBackoff,
      Scheduler timer) {
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.failed = Objects.requireNonNull(failed, "failed");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    this.workers = workers;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.timer = timer;
  }

  /**
   * Runs the queue over a source of watch events. Each subscription starts the source; results are
   * emitted as reconciles end (order across keys is not defined; per key it is sequential).
   * Completes when the source completes and every queued key has been reconciled once more.
   *
   * @param events the watch events
   * @return one result per reconcile
   */
  public Flux<R> run(Flux<WatchEvent> events) {
    return Flux.defer(
        () -> {
          Flux<ResourceKey> keys =
              Flux.create(
                  sink -> {
                    ready = sink;
                    Disposable upstream =
                        events.subscribe(
                            this::offer, sink::error, () -> sourceDone(sink));
                    sink.onDispose(upstream);
                  },
                  FluxSink.OverflowStrategy.BUFFER);
          return keys.flatMap(this::reconcile, workers, 1);
        });
  }

  private volatile boolean sourceCompleted;

  private void sourceDone(FluxSink<ResourceKey> sink) {
    sourceCompleted = true;
    completeIfDrained(sink);
  }

  private void completeIfDrained(FluxSink<ResourceKey> sink) {
    if (sourceCompleted && slots.isEmpty()) {
      sink.complete();
    }
  }

  /**
   * Offers an event: records it as the key's newest state and queues the key unless it is queued
   * or running already.
   *
   * @param event the event
   */
  public void offer(WatchEvent event) {
    boolean enqueue;
    while (true) {
      Slot slot = slots.computeIfAbsent(event.key(), k -> new Slot());
      synchronized (slot) {
        if (slot.removed) {
          continue; // lost a race with finished(): take the fresh slot
        }
        enqueue = offerLocked(slot, event);
      }
      break;
    }
    if (enqueue) {
      emit(event.key());
    }
  }

  private static boolean offerLocked(Slot slot, WatchEvent event) {
    boolean enqueue;
    {
      slot.latest = event;
      slot.retryPending = false;
      if (slot.running) {
        slot.dirty = true;
        enqueue = false;
      } else {
        enqueue = !slot.queued;
        slot.queued = true;
      }
    }
    return enqueue;
  }

  /**
   * Number of distinct keys queued, running or waiting for a retry.
   *
   * @return the depth
   */
  public int depth() {
    return slots.size();
  }

  private void emit(ResourceKey key) {
    FluxSink<ResourceKey> sink = ready;
    if (sink != null) {
      sink.next(key);
    }
  }

  private Mono<R> reconcile(ResourceKey key) {
    Slot slot = slots.get(key);
    if (slot == null) {
      return Mono.empty();
    }
    WatchEvent event;
    synchronized (slot) {
      slot.queued = false;
      slot.running = true;
      slot.dirty = false;
      event = Objects.requireNonNull(slot.latest, "latest");
    }
    // bookkeeping runs after the result went downstream, so results of one key keep their order
    boolean[] failure = {false};
    return Mono.defer(() -> reconciler.apply(key, event))
        .doOnNext(result -> failure[0] = failed.test(result))
        .onErrorResume(
            e -> {
              failure[0] = true; // a reconciler must not error; retry it like a failed reconcile
              return Mono.empty();
            })
        .doAfterTerminate(() -> finished(key, slot, event, failure[0]));
  }

  private void finished(ResourceKey key, Slot slot, WatchEvent event, boolean failure) {
    boolean again = false;
    Duration retryIn = null;
    synchronized (slot) {
      slot.running = false;
      if (slot.dirty) {
        slot.dirty = false;
        slot.queued = true;
        slot.attempts = 0;
        again = true;
      } else if (failure) {
        slot.attempts++;
        slot.retryPending = true;
        retryIn = backoff(slot.attempts);
      } else {
        slot.attempts = 0;
        // done with this key until its next event: the object lives in the informer cache
        slot.removed = true;
        slots.remove(key, slot);
      }
    }
    if (again) {
      emit(key);
    } else if (retryIn != null) {
      timer.schedule(() -> retry(key, slot), retryIn.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } else {
      FluxSink<ResourceKey> sink = ready;
      if (sink != null) {
        completeIfDrained(sink);
      }
    }
  }

  private void retry(ResourceKey key, Slot slot) {
    boolean enqueue;
    synchronized (slot) {
      if (!slot.retryPending || slots.get(key) != slot) {
        return;
      }
      slot.retryPending = false;
      enqueue = !slot.queued && !slot.running;
      if (enqueue) {
        slot.queued = true;
      }
    }
    if (enqueue) {
      emit(key);
    }
  }

  /**
   * Exponential backoff with jitter: {@code initial * 2^(attempt-1)}, capped, then scaled by a
   * random factor in [0.5, 1.0].
   *
   * @param attempt failed attempts so far, from 1
   * @return the delay
   */
  Duration backoff(int attempt) {
    long initial = initialBackoff.toNanos();
    long max = maxBackoff.toNanos();
    int shift = Math.min(attempt - 1, 62);
    long delay = initial > (max >> shift) ? max : Math.min(max, initial << shift);
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return Duration.ofNanos(Math.max(1, (long) (delay * jitter)));
  }

  /** Per-key state. Guarded by its own monitor. */
  private static final class Slot {
    @Nullable WatchEvent latest;
    boolean queued;
    boolean running;
    boolean dirty;
    boolean retryPending;
    boolean removed;
    int attempts;
  }

  /**
   * Default timer: Reactor's parallel scheduler (delays only, no blocking).
   *
   * @return the scheduler
   */
  public static Scheduler defaultTimer() {
    return Schedulers.parallel();
  }
}

package io.orkestra.core.internal;

import io.orkestra.core.Leadership;
import io.orkestra.core.QueuePolicy;
import io.orkestra.core.ReconcileListener;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>A failed reconcile is retried after an exponential backoff with jitter (initial, growing by
 *       {@code multiplier} per attempt, to max); a success resets the backoff. A newer event
 *       retries at once. After {@code maxAttempts} failures (when set) the key waits for its next
 *       trigger.
 *   <li>Requeue: after a successful reconcile the key runs again after the delay the {@code
 *       requeue} function names, with its newest state; any other trigger before then replaces the
 *       pending requeue (deduplicated, never two runs for one trigger).
 *   <li>Health: a key failing {@code failureThreshold} times in a row degrades the operator (see
 *       {@link HealthTracker}).
 *   <li>Leadership: while {@link Leadership#isLeader()} is false, a key that comes up for a
 *       reconcile is parked instead (still one entry, newest state kept); when leadership is
 *       acquired every parked key is queued again.
 * </ul>
 *
 * <p>Overflow: the queue holds each key at most once, so memory is bounded by the number of
 * distinct objects, never by the number of events. With {@code maxDepth > 0} at most that many
 * keys are tracked (queued, running or waiting for a retry); a trigger for another key is dropped,
 * counted and told to the listener (Orkestra's soft limit: the next resync brings it back). Pending
 * requeues hold one entry per object. When downstream stops requesting results, no new reconcile
 * starts; keys wait in the queue.
 *
 * @param <R> the result of one reconcile
 */
public final class KeyedWorkQueue<R> {

  /**
   * Tells, after a reconcile, how long until the key runs again without a new trigger.
   *
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface Requeue<R> {
    /**
     * The requeue delay.
     *
     * @param result the result of a successful reconcile
     * @param event the event it reconciled
     * @return the delay, {@link Duration#ZERO} for none
     */
    Duration after(R result, WatchEvent event);
  }

  private final ConcurrentHashMap<ResourceKey, Slot> slots = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ResourceKey, Pending> requeues = new ConcurrentHashMap<>();
  private final BiFunction<ResourceKey, WatchEvent, Mono<R>> reconciler;
  private final Predicate<R> failed;
  private final Requeue<R> requeue;
  private final int workers;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final QueuePolicy policy;
  private final HealthTracker health;
  private final Scheduler timer;
  private final Leadership leadership;
  private final java.util.Set<ResourceKey> parked = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile @Nullable FluxSink<ResourceKey> ready;
  private volatile boolean sourceCompleted;

  /**
   * Creates a queue with the default policy and no listener (tests and simple uses).
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
    this(
        reconciler,
        failed,
        (r, e) -> Duration.ZERO,
        workers,
        QueuePolicy.defaults().withRetryBackoff(initialBackoff, maxBackoff),
        new HealthTracker("queue", ReconcileListener.NONE),
        timer);
  }

  /**
   * Creates a queue that always holds leadership.
   *
   * @param reconciler reconciles one key with its newest event; must not error (failures are values)
   * @param failed tells whether a result is a failure that must be retried with backoff
   * @param requeue tells how long after a success a key runs again
   * @param workers reconciles in flight at most
   * @param policy depth, threshold and backoff; its backoff bounds must be set
   * @param health health of the operator, also the holder of the listener
   * @param timer scheduler for retry and requeue delays
   */
  public KeyedWorkQueue(
      BiFunction<ResourceKey, WatchEvent, Mono<R>> reconciler,
      Predicate<R> failed,
      Requeue<R> requeue,
      int workers,
      QueuePolicy policy,
      HealthTracker health,
      Scheduler timer) {
    this(reconciler, failed, requeue, workers, policy, health, timer, Leadership.always());
  }

  /**
   * Creates a queue.
   *
   * @param reconciler reconciles one key with its newest event; must not error (failures are values)
   * @param failed tells whether a result is a failure that must be retried with backoff
   * @param requeue tells how long after a success a key runs again
   * @param workers reconciles in flight at most
   * @param policy depth, threshold and backoff; its backoff bounds must be set
   * @param health health of the operator, also the holder of the listener
   * @param timer scheduler for retry and requeue delays
   * @param leadership reconciles start only while it is held
   */
  public KeyedWorkQueue(
      BiFunction<ResourceKey, WatchEvent, Mono<R>> reconciler,
      Predicate<R> failed,
      Requeue<R> requeue,
      int workers,
      QueuePolicy policy,
      HealthTracker health,
      Scheduler timer,
      Leadership leadership) {
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.failed = Objects.requireNonNull(failed, "failed");
    this.requeue = Objects.requireNonNull(requeue, "requeue");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    this.workers = workers;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.initialBackoff = Objects.requireNonNull(policy.initialBackoff(), "policy.initialBackoff");
    this.maxBackoff = Objects.requireNonNull(policy.maxBackoff(), "policy.maxBackoff");
    this.health = Objects.requireNonNull(health, "health");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.leadership = Objects.requireNonNull(leadership, "leadership");
  }

  /**
   * Runs the queue over a source of watch events. Each subscription starts the source; results are
   * emitted as reconciles end (order across keys is not defined; per key it is sequential).
   * Completes when the source completes and every queued key has been reconciled once more; pending
   * requeues are dropped when the source completes or the subscription is cancelled.
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
                    health.started(this::depth, inFlight::get);
                    Disposable upstream =
                        events.subscribe(this::offer, sink::error, () -> sourceDone(sink));
                    Disposable leading =
                        leadership.changes().filter(Boolean::booleanValue)
                            .subscribe(acquired -> unpark());
                    sink.onDispose(
                        () -> {
                          upstream.dispose();
                          leading.dispose();
                          cancelRequeues();
                        });
                  },
                  FluxSink.OverflowStrategy.BUFFER);
          return keys.flatMap(this::reconcile, workers, 1);
        });
  }

  private void sourceDone(FluxSink<ResourceKey> sink) {
    sourceCompleted = true;
    cancelRequeues();
    completeIfDrained(sink);
  }

  private void cancelRequeues() {
    for (ResourceKey key : requeues.keySet()) {
      Pending p = requeues.remove(key);
      if (p != null) {
        p.timer.dispose();
      }
    }
  }

  private void completeIfDrained(FluxSink<ResourceKey> sink) {
    if (sourceCompleted && slots.isEmpty()) {
      sink.complete();
    }
  }

  /**
   * Offers an event: records it as the key's newest state and queues the key unless it is queued
   * or running already. Replaces a pending requeue of the key. Dropped (and told to the listener)
   * when the key is not tracked and {@code maxDepth} keys are.
   *
   * @param event the event
   */
  public void offer(WatchEvent event) {
    Pending pending = requeues.remove(event.key());
    if (pending != null) {
      pending.timer.dispose();
    }
    enqueue(event);
  }

  private void enqueue(WatchEvent event) {
    boolean enqueue;
    while (true) {
      Slot slot = slots.get(event.key());
      if (slot == null) {
        if (policy.maxDepth() > 0 && slots.size() >= policy.maxDepth()) {
          health.listener().onDropped(health.operator(), event.key());
          return;
        }
        slot = slots.computeIfAbsent(event.key(), k -> new Slot());
      }
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
    slot.latest = event;
    slot.retryPending = false;
    if (slot.running) {
      slot.dirty = true;
      return false;
    }
    boolean enqueue = !slot.queued;
    slot.queued = true;
    return enqueue;
  }

  /**
   * Number of distinct keys queued, running or waiting for a retry (not those waiting for a
   * requeue).
   *
   * @return the depth
   */
  public int depth() {
    return slots.size();
  }

  /**
   * Reconciles running now.
   *
   * @return the count
   */
  public int inFlight() {
    return inFlight.get();
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
    if (!leadership.isLeader()) {
      synchronized (slot) {
        slot.queued = false;
      }
      parked.add(key);
      if (leadership.isLeader()) {
        unpark(); // acquired between the check and parking: do not wait for the next change
      }
      return Mono.empty();
    }
    WatchEvent event;
    synchronized (slot) {
      slot.queued = false;
      slot.running = true;
      slot.dirty = false;
      event = Objects.requireNonNull(slot.latest, "latest");
    }
    inFlight.incrementAndGet();
    // bookkeeping runs after the result went downstream, so results of one key keep their order
    @SuppressWarnings("unchecked")
    R[] outcome = (R[]) new Object[1];
    boolean[] failure = {false};
    return Mono.defer(() -> reconciler.apply(key, event))
        .doOnNext(
            result -> {
              outcome[0] = result;
              failure[0] = failed.test(result);
            })
        .onErrorResume(
            e -> {
              failure[0] = true; // a reconciler must not error; retry it like a failed reconcile
              return Mono.empty();
            })
        .doAfterTerminate(() -> finished(key, slot, event, failure[0], outcome[0]));
  }

  private void finished(
      ResourceKey key, Slot slot, WatchEvent event, boolean failure, @Nullable R result) {
    inFlight.decrementAndGet();
    boolean again = false;
    Duration retryIn = null;
    int attempts;
    synchronized (slot) {
      slot.running = false;
      if (failure) {
        slot.attempts++;
      } else {
        slot.attempts = 0;
      }
      attempts = slot.attempts;
      if (slot.dirty) {
        slot.dirty = false;
        slot.queued = true;
        again = true;
      } else if (failure
          && (policy.maxAttempts() == 0 || slot.attempts < policy.maxAttempts())) {
        slot.retryPending = true;
        retryIn = backoff(slot.attempts);
      } else {
        // done with this key until its next trigger: the object lives in the informer cache
        slot.removed = true;
        slots.remove(key, slot);
      }
    }
    if (failure) {
      health.failed(key, attempts, policy.failureThreshold());
    } else {
      health.succeeded(key);
    }
    if (again) {
      emit(key);
      return;
    }
    if (retryIn != null) {
      health.listener().onRetryScheduled(health.operator(), key, attempts, retryIn);
      timer.schedule(() -> retry(key, slot), retryIn.toNanos(), TimeUnit.NANOSECONDS);
      return;
    }
    if (!failure && result != null && !sourceCompleted) {
      scheduleRequeue(key, event, requeue.after(result, event));
    }
    FluxSink<ResourceKey> sink = ready;
    if (sink != null) {
      completeIfDrained(sink);
    }
  }

  private void scheduleRequeue(ResourceKey key, WatchEvent event, Duration after) {
    if (after.isZero() || after.isNegative() || event instanceof WatchEvent.Deleted) {
      return;
    }
    Pending pending = new Pending(event);
    Pending previous = requeues.put(key, pending);
    if (previous != null) {
      previous.timer.dispose();
    }
    health.listener().onRequeueScheduled(health.operator(), key, after);
    pending.timer =
        timer.schedule(() -> requeueNow(key, pending), after.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void requeueNow(ResourceKey key, Pending pending) {
    if (sourceCompleted || !requeues.remove(key, pending)) {
      return; // superseded by a newer trigger, or shutting down
    }
    if (slots.containsKey(key)) {
      // a newer trigger raced the scheduling: the key already has work with a state at least as
      // new, whose success plans the next requeue; never replace it with this older state
      return;
    }
    enqueue(new WatchEvent.Resynced(key, pending.event.object()));
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

  /** Queues every parked key again (leadership acquired). */
  private void unpark() {
    for (ResourceKey key : parked) {
      if (!parked.remove(key)) {
        continue;
      }
      Slot slot = slots.get(key);
      if (slot == null) {
        continue;
      }
      boolean enqueue;
      synchronized (slot) {
        enqueue = !slot.removed && !slot.queued && !slot.running;
        if (enqueue) {
          slot.queued = true;
        }
      }
      if (enqueue) {
        emit(key);
      }
    }
  }

  /**
   * Number of keys waiting for leadership.
   *
   * @return the count
   */
  public int parked() {
    return parked.size();
  }

  /**
   * Exponential backoff with jitter: {@code initial * multiplier^(attempt-1)}, capped, then scaled
   * by a random factor in [0.5, 1.0].
   *
   * @param attempt failed attempts so far, from 1
   * @return the delay
   */
  Duration backoff(int attempt) {
    double initial = initialBackoff.toNanos();
    double max = maxBackoff.toNanos();
    double delay = Math.min(max, initial * Math.pow(policy.multiplier(), Math.max(0, attempt - 1)));
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

  /** A scheduled requeue: the state it will reconcile and its timer. */
  private static final class Pending {
    final WatchEvent event;
    volatile Disposable timer = () -> {};

    Pending(WatchEvent event) {
      this.event = event;
    }
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

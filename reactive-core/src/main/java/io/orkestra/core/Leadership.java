package io.orkestra.core;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Whether this runtime replica may reconcile: the gate that leader election opens and closes.
 *
 * <p>While a runtime is not the leader, its watches keep running (caches stay warm) and triggers
 * are kept in the work queue, one entry per key with the newest state, but no reconcile starts, so
 * nothing is written and no event is published. When leadership is {@linkplain #acquire()
 * acquired}, every key that waited is reconciled with its newest state. When it is {@linkplain
 * #release() released}, reconciles already running finish and no new one starts.
 *
 * <p>A single replica uses {@link #always()}. Thread-safe; {@link #acquire()} and {@link
 * #release()} may be called from any thread and never block.
 */
public final class Leadership {

  private final AtomicBoolean leader;
  private final Sinks.Many<Boolean> changes = Sinks.many().replay().latest();

  private Leadership(boolean leader) {
    this.leader = new AtomicBoolean(leader);
    changes.tryEmitNext(leader);
  }

  /**
   * Leadership that is held from the start and never lost: a runtime without leader election.
   *
   * @return a new, held leadership
   */
  public static Leadership always() {
    return new Leadership(true);
  }

  /**
   * Leadership that is not held until {@link #acquire()} is called (leader election).
   *
   * @return a new leadership, not held
   */
  public static Leadership awaiting() {
    return new Leadership(false);
  }

  /**
   * Whether reconciles may start now.
   *
   * @return {@code true} while leading
   */
  public boolean isLeader() {
    return leader.get();
  }

  /** Becomes the leader: waiting keys are reconciled. Idempotent. */
  public void acquire() {
    if (leader.compareAndSet(false, true)) {
      emitCurrent();
    }
  }

  /** Stops leading: no new reconcile starts until {@link #acquire()}. Idempotent. */
  public void release() {
    if (leader.compareAndSet(true, false)) {
      emitCurrent();
    }
  }

  private void emitCurrent() {
    // concurrent acquire/release calls may race here: retry instead of dropping a change, and emit
    // the state as it is now, so the last value emitted is the state after the last change
    while (changes.tryEmitNext(leader.get()) == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
      Thread.onSpinWait();
    }
  }

  /**
   * The current state, then every change. Hot, replays the latest state; never completes.
   *
   * @return {@code true} when leadership is acquired, {@code false} when released
   */
  public Flux<Boolean> changes() {
    return changes.asFlux();
  }
}

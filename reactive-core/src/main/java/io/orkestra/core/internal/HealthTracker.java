package io.orkestra.core.internal;

import io.orkestra.core.HealthState;
import io.orkestra.core.OperatorStats;
import io.orkestra.core.ReconcileListener;
import io.orkestra.core.ResourceKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Health of one operator: {@code PENDING} until its queue starts, {@code STARTED} until a reconcile
 * succeeds, then {@code HEALTHY}, or {@code DEGRADED} while some key has failed {@code threshold}
 * times in a row and not succeeded (or been deleted) since. State changes are replayed to late
 * subscribers (latest only) and told to the listener.
 */
public final class HealthTracker {

  private final String operator;
  private final ReconcileListener listener;
  private final Set<ResourceKey> failing = ConcurrentHashMap.newKeySet();
  private final Sinks.Many<HealthState> changes = Sinks.many().replay().latest();
  private HealthState state = HealthState.PENDING;
  private volatile IntSupplier depth = () -> 0;
  private volatile IntSupplier inFlight = () -> 0;

  /**
   * Creates a tracker in state {@code PENDING}.
   *
   * @param operator the CRD entry name
   * @param listener told about changes
   */
  public HealthTracker(String operator, ReconcileListener listener) {
    this.operator = operator;
    this.listener = listener;
    changes.tryEmitNext(HealthState.PENDING);
  }

  /**
   * The operator's name.
   *
   * @return the CRD entry name
   */
  public String operator() {
    return operator;
  }

  /**
   * The listener this tracker tells.
   *
   * @return the listener
   */
  public ReconcileListener listener() {
    return listener;
  }

  /**
   * The current state and every later change; never completes.
   *
   * @return the states
   */
  public Flux<HealthState> states() {
    return changes.asFlux();
  }

  /**
   * The current state.
   *
   * @return the state
   */
  public synchronized HealthState state() {
    return state;
  }

  /**
   * A queue started working for this operator.
   *
   * @param queueDepth reads the queue's depth
   * @param running reads the reconciles in flight
   */
  void started(IntSupplier queueDepth, IntSupplier running) {
    this.depth = queueDepth;
    this.inFlight = running;
    failing.clear();
    move(HealthState.STARTED);
  }

  /**
   * A key was reconciled successfully or is gone.
   *
   * @param key the key
   */
  void succeeded(ResourceKey key) {
    failing.remove(key);
    if (failing.isEmpty()) {
      move(HealthState.HEALTHY);
    }
  }

  /**
   * A key failed; at {@code threshold} consecutive failures the operator is degraded.
   *
   * @param key the key
   * @param consecutive consecutive failures of the key, from 1
   * @param threshold the failure threshold
   */
  void failed(ResourceKey key, int consecutive, int threshold) {
    if (consecutive >= threshold) {
      failing.add(key);
      move(HealthState.DEGRADED);
    }
  }

  /**
   * The loop's gauges now.
   *
   * @return the snapshot
   */
  public OperatorStats stats() {
    return new OperatorStats(
        operator, state(), depth.getAsInt(), inFlight.getAsInt(), failing.size());
  }

  private void move(HealthState next) {
    synchronized (this) {
      if (state == next
          || (next == HealthState.HEALTHY && state == HealthState.PENDING)
          || (next == HealthState.HEALTHY && !failing.isEmpty())) {
        return;
      }
      state = next;
      changes.emitNext(next, Sinks.EmitFailureHandler.FAIL_FAST);
    }
    listener.onHealthChanged(operator, next);
  }
}

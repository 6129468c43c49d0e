package io.orkestra.core;

import java.time.Duration;

/**
 * Receives what the reconcile loop does, for metrics and logs. Every method has a no-op default;
 * implementations must be thread-safe and must not block: they are called on the thread that ended
 * the reconcile, offered the event or fired the timer.
 *
 * <p>Gauges (queue depth, reconciles in flight, health) are read with {@link
 * OperatorRuntime#stats()} instead.
 */
public interface ReconcileListener {

  /** Ignores everything. */
  ReconcileListener NONE = new ReconcileListener() {};

  /**
   * A reconcile ended.
   *
   * @param operator the CRD entry name
   * @param key the custom resource
   * @param outcome how it ended
   * @param duration how long it took
   */
  default void onReconciled(String operator, ResourceKey key, Outcome outcome, Duration duration) {}

  /**
   * A failed reconcile will be retried.
   *
   * @param operator the CRD entry name
   * @param key the custom resource
   * @param attempt failed attempts so far, from 1
   * @param delay the backoff before the retry
   */
  default void onRetryScheduled(String operator, ResourceKey key, int attempt, Duration delay) {}

  /**
   * A successful reconcile will run again ({@code requeue.after}).
   *
   * @param operator the CRD entry name
   * @param key the custom resource
   * @param delay the delay
   */
  default void onRequeueScheduled(String operator, ResourceKey key, Duration delay) {}

  /**
   * A trigger was dropped because the queue was full ({@code queue.maxDepth}).
   *
   * @param operator the CRD entry name
   * @param key the custom resource whose trigger was dropped
   */
  default void onDropped(String operator, ResourceKey key) {}

  /**
   * The operator's health changed.
   *
   * @param operator the CRD entry name
   * @param state the new state
   */
  default void onHealthChanged(String operator, HealthState state) {}
}

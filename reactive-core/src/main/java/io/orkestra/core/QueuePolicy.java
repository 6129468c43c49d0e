package io.orkestra.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-CRD work queue policy: {@code operatorBox.reconcile.queue} and {@code requeue} (spec
 * sections 2.12 and 5.8). Immutable; start from {@link #defaults()}.
 *
 * @param failureThreshold consecutive failures of one key after which the operator's health is
 *     {@link HealthState#DEGRADED} ({@code queue.failureThreshold}, default 5)
 * @param maxDepth keys with pending work at most, {@code 0} = unlimited ({@code queue.maxDepth});
 *     when full, triggers for keys that are not tracked yet are dropped (the periodic resync
 *     recovers them) and counted
 * @param initialBackoff first retry delay ({@code queue.retryBackoff.initial}, or the shorthand
 *     {@code retryBackoff: 2s}); {@code null} = the runtime's ({@link RuntimeOptions#initialBackoff()})
 * @param maxBackoff retry delay cap ({@code queue.retryBackoff.max}); {@code null} = the runtime's
 * @param multiplier growth of the retry delay per failed attempt ({@code
 *     queue.retryBackoff.multiplier}, default 2)
 * @param maxAttempts failed attempts after which a key is no longer retried until its next trigger
 *     ({@code queue.retryBackoff.maxAttempts}), {@code 0} = unlimited
 * @param requeueAfter re-run delay after every successful reconcile ({@code requeue.after}),
 *     {@link Duration#ZERO} = no requeue
 */
public record QueuePolicy(
    int failureThreshold,
    int maxDepth,
    @Nullable Duration initialBackoff,
    @Nullable Duration maxBackoff,
    double multiplier,
    int maxAttempts,
    Duration requeueAfter) {

  /** Orkestra's default failure threshold (spec Appendix A). */
  public static final int DEFAULT_FAILURE_THRESHOLD = 5;

  /** Ranges and null checks; the values named in the messages. */
  public QueuePolicy {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
    }
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be >= 0, was " + maxDepth);
    }
    if (initialBackoff != null && (initialBackoff.isNegative() || initialBackoff.isZero())) {
      throw new IllegalArgumentException("initialBackoff must be > 0, was " + initialBackoff);
    }
    if (maxBackoff != null && (maxBackoff.isNegative() || maxBackoff.isZero())) {
      throw new IllegalArgumentException("maxBackoff must be > 0, was " + maxBackoff);
    }
    if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be >= 0, was " + maxAttempts);
    }
    Objects.requireNonNull(requeueAfter, "requeueAfter");
    if (requeueAfter.isNegative()) {
      throw new IllegalArgumentException("requeueAfter must not be negative, was " + requeueAfter);
    }
  }

  /**
   * Orkestra's defaults: threshold 5, unlimited depth, the runtime's backoff doubling per attempt,
   * unlimited attempts, no requeue.
   *
   * @return the defaults
   */
  public static QueuePolicy defaults() {
    return new QueuePolicy(DEFAULT_FAILURE_THRESHOLD, 0, null, null, 2.0, 0, Duration.ZERO);
  }

  /**
   * Copy with another failure threshold.
   *
   * @param threshold consecutive failures, at least 1
   * @return the copy
   */
  public QueuePolicy withFailureThreshold(int threshold) {
    return new QueuePolicy(
        threshold, maxDepth, initialBackoff, maxBackoff, multiplier, maxAttempts, requeueAfter);
  }

  /**
   * Copy with another depth limit.
   *
   * @param depth keys at most, {@code 0} = unlimited
   * @return the copy
   */
  public QueuePolicy withMaxDepth(int depth) {
    return new QueuePolicy(
        failureThreshold, depth, initialBackoff, maxBackoff, multiplier, maxAttempts, requeueAfter);
  }

  /**
   * Copy with other retry backoff bounds.
   *
   * @param initial first retry delay, or {@code null} for the runtime's
   * @param max delay cap, or {@code null} for the runtime's
   * @return the copy
   */
  public QueuePolicy withRetryBackoff(@Nullable Duration initial, @Nullable Duration max) {
    return new QueuePolicy(
        failureThreshold, maxDepth, initial, max, multiplier, maxAttempts, requeueAfter);
  }

  /**
   * Copy with another backoff growth and attempt limit.
   *
   * @param factor growth per failed attempt, at least 1
   * @param attempts failed attempts at most, {@code 0} = unlimited
   * @return the copy
   */
  public QueuePolicy withRetryLimits(double factor, int attempts) {
    return new QueuePolicy(
        failureThreshold, maxDepth, initialBackoff, maxBackoff, factor, attempts, requeueAfter);
  }

  /**
   * Copy with another requeue delay.
   *
   * @param after delay after a successful reconcile, {@link Duration#ZERO} = none
   * @return the copy
   */
  public QueuePolicy withRequeueAfter(Duration after) {
    return new QueuePolicy(
        failureThreshold, maxDepth, initialBackoff, maxBackoff, multiplier, maxAttempts, after);
  }

  /**
   * The requeue delay, when one is set.
   *
   * @return the delay, present only when positive
   */
  public Optional<Duration> requeue() {
    return requeueAfter.isZero() ? Optional.empty() : Optional.of(requeueAfter);
  }
}

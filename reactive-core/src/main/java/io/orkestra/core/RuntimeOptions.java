package io.orkestra.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the reconcile loop. Immutable; start from {@link #defaults()}.
 *
 * @param runtimeName name of this runtime instance, used in event sources
 * @param clock clock for event times and condition timestamps
 * @param initialBackoff first retry delay after a failed reconcile (Orkestra: 5 ms)
 * @param maxBackoff retry delay cap (Orkestra: 1000 s)
 * @param listener told about reconciles, retries, requeues, drops and health changes (metrics)
 * @param leadership reconciles start only while it is held ({@link Leadership#always()} without
 *     leader election)
 */
public record RuntimeOptions(
    String runtimeName,
    Clock clock,
    Duration initialBackoff,
    Duration maxBackoff,
    ReconcileListener listener,
    Leadership leadership) {

  /** Null checks and positive delays. */
  public RuntimeOptions {
    Objects.requireNonNull(runtimeName, "runtimeName");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(leadership, "leadership");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be > 0, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
  }

  /**
   * Orkestra's defaults: runtime name {@code orkestra}, UTC system clock, backoff 5 ms to 1000 s,
   * no listener, always the leader.
   *
   * @return the defaults
   */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(
        "orkestra", Clock.systemUTC(), Duration.ofMillis(5), Duration.ofSeconds(1000),
        ReconcileListener.NONE, Leadership.always());
  }

  /**
   * Copy with another runtime name.
   *
   * @param name the name
   * @return the copy
   */
  public RuntimeOptions withRuntimeName(String name) {
    return new RuntimeOptions(name, clock, initialBackoff, maxBackoff, listener, leadership);
  }

  /**
   * Copy with another clock.
   *
   * @param c the clock
   * @return the copy
   */
  public RuntimeOptions withClock(Clock c) {
    return new RuntimeOptions(runtimeName, c, initialBackoff, maxBackoff, listener, leadership);
  }

  /**
   * Copy with other backoff bounds.
   *
   * @param initial first retry delay
   * @param max delay cap
   * @return the copy
   */
  public RuntimeOptions withBackoff(Duration initial, Duration max) {
    return new RuntimeOptions(runtimeName, clock, initial, max, listener, leadership);
  }

  /**
   * Copy with another listener.
   *
   * @param l the listener, {@link ReconcileListener#NONE} for none
   * @return the copy
   */
  public RuntimeOptions withListener(ReconcileListener l) {
    return new RuntimeOptions(runtimeName, clock, initialBackoff, maxBackoff, l, leadership);
  }

  /**
   * Copy with another leadership gate (leader election).
   *
   * @param l the leadership; reconciles start only while it is held
   * @return the copy
   */
  public RuntimeOptions withLeadership(Leadership l) {
    return new RuntimeOptions(runtimeName, clock, initialBackoff, maxBackoff, listener, l);
  }
}

package io.orkestra.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link SlackNotifier} sends. Immutable; start from {@link #defaults()}.
 *
 * @param timeout limit of one POST, connecting included (spec §7: 5 s)
 * @param maxInFlight POSTs in flight at most
 * @param flushDelay how long send times are collected before one batched {@link
 *     ThrottleStore#save}
 * @param clock the throttle's clock
 * @param environment where {@code $NAME} / {@code ${NAME}} Slack URLs are looked up
 */
public record SlackOptions(
    Duration timeout,
    int maxInFlight,
    Duration flushDelay,
    Clock clock,
    Map<String, String> environment) {

  /** Null checks, ranges and an immutable copy. */
  public SlackOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(flushDelay, "flushDelay");
    Objects.requireNonNull(clock, "clock");
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (flushDelay.isNegative()) {
      throw new IllegalArgumentException("flushDelay must not be negative, was " + flushDelay);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
  }

  /**
   * 5 s timeout, 16 in flight, 1 s flush delay, the system UTC clock, the process environment.
   *
   * @return the defaults
   */
  public static SlackOptions defaults() {
    return new SlackOptions(
        Duration.ofSeconds(5), 16, Duration.ofSeconds(1), Clock.systemUTC(), System.getenv());
  }

  /**
   * Copy with another timeout.
   *
   * @param value the timeout
   * @return the copy
   */
  public SlackOptions withTimeout(Duration value) {
    return new SlackOptions(value, maxInFlight, flushDelay, clock, environment);
  }

  /**
   * Copy with another flush delay.
   *
   * @param value the delay ({@link Duration#ZERO}: save after every send)
   * @return the copy
   */
  public SlackOptions withFlushDelay(Duration value) {
    return new SlackOptions(timeout, maxInFlight, value, clock, environment);
  }

  /**
   * Copy with another clock (tests move time with it).
   *
   * @param value the clock
   * @return the copy
   */
  public SlackOptions withClock(Clock value) {
    return new SlackOptions(timeout, maxInFlight, flushDelay, value, environment);
  }

  /**
   * Copy with another environment.
   *
   * @param value variables by name
   * @return the copy
   */
  public SlackOptions withEnvironment(Map<String, String> value) {
    return new SlackOptions(timeout, maxInFlight, flushDelay, clock, value);
  }
}

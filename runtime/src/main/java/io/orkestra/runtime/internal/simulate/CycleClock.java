package io.orkestra.runtime.internal.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a simulation: fixed during a cycle, at {@code start + (cycle - 1) * step} ({@code
 * spec.clock}); with a zero step it never moves. The runner sets the cycle between cycles, while
 * no reconcile runs; reads from any thread see the latest cycle.
 */
final class CycleClock extends Clock {

  private final Instant start;
  private final Duration step;
  private volatile Instant now;

  CycleClock(Instant start, Duration step) {
    this.start = start;
    this.step = step;
    this.now = start;
  }

  /** Moves the clock to the instant of a cycle (from 1). */
  void cycle(int cycle) {
    now = start.plus(step.multipliedBy(cycle - 1L));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}

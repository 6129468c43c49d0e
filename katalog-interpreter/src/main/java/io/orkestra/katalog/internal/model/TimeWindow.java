package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.CronSchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The time conditions of spec §2.6, read in UTC against the instant of the injected clock (never
 * the system clock): {@code time: {after, before}}, {@code dayOfWeek: {...}} and {@code cron} with
 * its {@code duration} window.
 */
public sealed interface TimeWindow {

  /**
   * Whether the window holds at an instant.
   *
   * @param now the instant, from the injected clock
   * @return {@code true} inside the window
   */
  boolean test(Instant now);

  /**
   * {@code time: {after: "HH:MM", before: "HH:MM"}}: the time of day is at or after {@code after}
   * and before {@code before}; a window whose {@code after} is later than its {@code before} spans
   * midnight ({@code 22:00}-{@code 06:00}). Either bound may be omitted.
   *
   * @param after minute of the day the window opens, or -1 for no lower bound
   * @param before minute of the day the window closes (excluded), or -1 for no upper bound
   */
  record TimeOfDay(int after, int before) implements TimeWindow {
    @Override
    public boolean test(Instant now) {
      ZonedDateTime t = now.atZone(ZoneOffset.UTC);
      int m = t.getHour() * 60 + t.getMinute();
      if (after < 0) {
        return m < before;
      }
      if (before < 0) {
        return m >= after;
      }
      return after <= before ? m >= after && m < before : m >= after || m < before;
    }
  }

  /**
   * {@code dayOfWeek}: the UTC weekday is one of {@code days} ({@code weekday: true} is Monday to
   * Friday, {@code weekend: true} Saturday and Sunday, {@code in}/{@code notIn} name the days).
   *
   * @param days the matching days
   */
  record Days(Set<DayOfWeek> days) implements TimeWindow {
    /** Immutable copy. */
    public Days {
      days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    @Override
    public boolean test(Instant now) {
      return days.contains(now.atZone(ZoneOffset.UTC).getDayOfWeek());
    }
  }

  /**
   * {@code cron: "<5 fields>"} with {@code duration} (default 60s): true from each time the
   * schedule fires until {@code window} later.
   *
   * @param schedule the parsed expression
   * @param window how long each firing holds
   */
  record Cron(CronSchedule schedule, Duration window) implements TimeWindow {
    /** The longest window: a week of minutes is scanned at most. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    /** Null checks. */
    public Cron {
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(window, "window");
    }

    @Override
    public boolean test(Instant now) {
      ZonedDateTime t = now.atZone(ZoneOffset.UTC);
      ZonedDateTime minute = t.truncatedTo(ChronoUnit.MINUTES);
      ZonedDateTime earliest = t.minus(window);
      // a firing at minute f holds during [f, f + window): look back over the window's minutes
      for (ZonedDateTime f = minute; f.isAfter(earliest); f = f.minusMinutes(1)) {
        if (schedule.matches(f)) {
          return true;
        }
      }
      return false;
    }
  }
}

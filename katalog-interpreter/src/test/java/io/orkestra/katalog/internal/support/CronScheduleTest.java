package io.orkestra.katalog.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static boolean fires(String cron, String at) {
    return CronSchedule.parse(cron).matches(ZonedDateTime.parse(at));
  }

  @Test
  void matchesListsRangesStepsAndNames() {
    assertThat(fires("0,30 9-17/2 * * *", "2026-01-07T11:30:00Z")).isTrue();
    assertThat(fires("0,30 9-17/2 * * *", "2026-01-07T10:30:00Z")).isFalse();
    assertThat(fires("0 0 * JAN-MAR mon", "2026-01-05T00:00:00Z")).isTrue();
    assertThat(fires("0 0 * APR mon", "2026-01-05T00:00:00Z")).isFalse();
    assertThat(fires("5/20 * * * *", "2026-01-05T00:45:00Z")).isTrue();
  }

  @Test
  void sundayIsZeroOrSeven() {
    assertThat(fires("0 12 * * 7", "2026-01-11T12:00:00Z")).isTrue();
    assertThat(fires("0 12 * * 0", "2026-01-11T12:00:00Z")).isTrue();
    assertThat(fires("0 12 * * 0", "2026-01-12T12:00:00Z")).isFalse();
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEitherOne() {
    assertThat(fires("0 0 13 * 5", "2026-02-13T00:00:00Z")).isTrue(); // a Friday the 13th
    assertThat(fires("0 0 13 * 5", "2026-01-13T00:00:00Z")).isTrue(); // the 13th, a Tuesday
    assertThat(fires("0 0 13 * 5", "2026-01-09T00:00:00Z")).isTrue(); // a Friday
    assertThat(fires("0 0 13 * 5", "2026-01-12T00:00:00Z")).isFalse();
    assertThat(fires("0 0 13 * *", "2026-01-09T00:00:00Z")).isFalse();
  }

  @Test
  void refusesMalformedExpressionsNamingTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("* * * *"))
        .hasMessageContaining("5 fields").hasMessageContaining("got 4");
    assertThatThrownBy(() -> CronSchedule.parse("60 * * * *"))
        .hasMessage("minute field: '60' is not a value from 0 to 59");
    assertThatThrownBy(() -> CronSchedule.parse("* * * * FUN"))
        .hasMessage("day-of-week field: 'FUN' is not a value from 0 to 7");
    assertThatThrownBy(() -> CronSchedule.parse("* 5-2 * * *"))
        .hasMessage("hour range 5-2 runs backwards");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *"))
        .hasMessage("minute field: '0' is not a value from 1 to 59");
  }
}

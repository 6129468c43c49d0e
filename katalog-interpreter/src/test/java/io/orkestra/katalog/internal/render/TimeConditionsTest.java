package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.CompiledOperator;
import io.orkestra.core.ObservedState;
import io.orkestra.katalog.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time conditions ({@code time}, {@code dayOfWeek}, {@code cron}) read the injected clock in UTC:
 * {@code fixtures/render/conditions/time.yaml} rendered at several instants, each listing exactly
 * the ConfigMaps it desires (every other one is the false case of that instant).
 */
class TimeConditionsTest {

  private static final CompiledOperator OP = Fixtures.operator("render/conditions/time.yaml");

  static Stream<Arguments> instants() {
    return Stream.of(
        // Wednesday morning, 20 s after the 10:30 firing
        Arguments.of("2026-01-07T10:30:20Z", List.of("office-hours", "morning", "weekday",
            "notin-days", "cron-minute", "cron-window", "cron-step", "with-field", "or-time")),
        // one minute later: the default 60 s cron window and the 10:31 bound have closed
        Arguments.of("2026-01-07T10:31:00Z", List.of("office-hours", "morning", "weekday",
            "notin-days", "cron-window", "cron-step", "with-field")),
        // 17:00 is outside "before: 17:00"
        Arguments.of("2026-01-07T17:00:00Z", List.of("afternoon", "weekday", "notin-days",
            "negated", "with-field", "cron-step")),
        // Saturday night: the window across midnight, weekend days, cron by weekday
        Arguments.of("2026-01-10T23:30:00Z", List.of("night", "afternoon", "weekend",
            "not-weekday", "in-days", "cron-dom-or-dow", "cron-step", "negated", "or-time")),
        // Thursday the 1st: cron with day-of-month and day-of-week restricted matches either
        Arguments.of("2026-01-01T23:15:00Z", List.of("night", "afternoon", "weekday",
            "notin-days", "cron-dom-or-dow", "cron-step", "negated", "with-field")),
        // Sunday just after midnight, between the quarter-hour firings' windows
        Arguments.of("2026-01-11T00:07:00Z", List.of("night", "morning", "weekend",
            "not-weekday", "in-days", "negated", "or-time")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instants")
  void desiresExactlyTheChildrenWhoseWindowIsOpen(String instant, List<String> expected) {
    Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);

    List<String> desired =
        OP.interpret(Fixtures.cr("render/conditions/cr.yaml", 0), ObservedState.empty(), clock)
            .children().stream()
            .map(c -> c.key().name())
            .toList();

    assertThat(desired).containsExactlyInAnyOrderElementsOf(expected);
  }
}

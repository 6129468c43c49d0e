package io.orkestra.katalog.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

  @Test
  void parsesGoDurations() {
    assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("-1m")).isEqualTo(Duration.ofMinutes(-1));
  }

  @Test
  void rejectsWhatGoRejects() {
    assertThatThrownBy(() -> GoDuration.parse("10")).hasMessageContaining("missing unit");
    assertThatThrownBy(() -> GoDuration.parse("5d")).hasMessageContaining("unknown unit 'd'");
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("empty duration");
    assertThatThrownBy(() -> GoDuration.parse("1..2s")).hasMessage("invalid duration '1..2s'");
  }
}

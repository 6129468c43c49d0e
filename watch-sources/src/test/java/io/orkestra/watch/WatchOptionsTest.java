package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchOptionsTest {

  @Test
  void defaultsAreOrkestras() {
    WatchOptions d = WatchOptions.defaults();

    assertThat(d.applyStrategy()).isEqualTo(ApplyStrategy.SERVER_SIDE_APPLY);
    assertThat(d.fieldManager()).isEqualTo("orkestra-runtime");
    assertThat(d.forceConflicts()).isTrue();
    assertThat(d.resync()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.bufferSize()).isEqualTo(16_384);
    assertThat(d.conflictRetries()).isEqualTo(5);
  }

  @Test
  void withCopiesChangeOneValue() {
    WatchOptions d = WatchOptions.defaults();

    assertThat(d.withApplyStrategy(ApplyStrategy.UPDATE))
        .isEqualTo(
            new WatchOptions(
                ApplyStrategy.UPDATE, "orkestra-runtime", true, Duration.ofSeconds(30), 16_384, 5));
    assertThat(d.withFieldManager("me").fieldManager()).isEqualTo("me");
    assertThat(d.withForceConflicts(false).forceConflicts()).isFalse();
    assertThat(d.withResync(Duration.ZERO).resync()).isZero();
    assertThat(d.withBufferSize(7).bufferSize()).isEqualTo(7);
    assertThat(d.withConflictRetries(0).conflictRetries()).isZero();
    assertThat(d).isEqualTo(WatchOptions.defaults());
  }

  @Test
  void rejectsBadValuesNamingThem() {
    WatchOptions d = WatchOptions.defaults();

    assertThatThrownBy(() -> d.withFieldManager(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fieldManager must not be blank, was ' '");
    assertThatThrownBy(() -> d.withResync(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was PT0.5S");
    assertThatThrownBy(() -> d.withResync(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withBufferSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bufferSize must be >= 1, was 0");
    assertThatThrownBy(() -> d.withConflictRetries(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conflictRetries must be >= 0, was -1");
    assertThatThrownBy(() -> d.withApplyStrategy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("applyStrategy");
  }
}

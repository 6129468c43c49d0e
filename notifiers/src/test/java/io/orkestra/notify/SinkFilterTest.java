package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.Outcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SinkFilterTest {

  @Test
  void allPassesEveryEvent() {
    assertThat(SinkFilter.all().passesAll()).isTrue();
    assertThat(SinkFilter.all().matches(Events.event("dev", "a", 1, Outcome.DELETED))).isTrue();
  }

  @Test
  void eventMustMatchEveryNonEmptySet() {
    SinkFilter filter =
        SinkFilter.all()
            .withCrdNames("webapps")
            .withNamespaces("prod", "stage")
            .withOutcomes(Outcome.FAILED, Outcome.DELETED);

    assertThat(filter.matches(Events.event("prod", "a", 1, Outcome.FAILED))).isTrue();
    assertThat(filter.matches(Events.event("stage", "a", 1, Outcome.DELETED))).isTrue();
    assertThat(filter.matches(Events.event("prod", "a", 1, Outcome.SUCCEEDED))).isFalse();
    assertThat(filter.matches(Events.event("dev", "a", 1, Outcome.FAILED))).isFalse();
    assertThat(filter.withCrdNames("databases").matches(Events.event("prod", "a", 1, Outcome.FAILED)))
        .isFalse();
    assertThat(filter.passesAll()).isFalse();
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> new SinkFilter(null, Set.of(), Set.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("crdNames");
  }
}

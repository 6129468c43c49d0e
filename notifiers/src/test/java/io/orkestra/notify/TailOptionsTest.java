package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TailOptionsTest {

  @Test
  void defaultsToNewRecordsOfReconcileTopicInFreshGroup() {
    TailOptions options = TailOptions.defaults();

    assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(options.topic()).isEqualTo("orkestra.reconcile");
    assertThat(options.groupId()).isNull();
    assertThat(options.fromBeginning()).isFalse();
    assertThat(options.maxCount()).isEqualTo(TailOptions.UNBOUNDED);
    assertThat(options.consumerProperties()).isEmpty();
  }

  @Test
  void copyMethodsChangeOneComponent() {
    TailOptions options =
        TailOptions.defaults()
            .withBootstrapServers("b:1")
            .withTopic("t")
            .withGroupId("g")
            .withFromBeginning(true)
            .withMaxCount(10)
            .withConsumerProperty("max.poll.records", "50");

    assertThat(options)
        .isEqualTo(new TailOptions("b:1", "t", "g", true, 10, Map.of("max.poll.records", "50")));
    assertThat(options.withGroupId(null).groupId()).isNull();
  }

  @Test
  void rejectsMaxCountBelowOne() {
    assertThatThrownBy(() -> TailOptions.defaults().withMaxCount(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCount must be at least 1, was 0");
  }

  @Test
  void rejectsBlankGroupId() {
    assertThatThrownBy(() -> TailOptions.defaults().withGroupId(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("groupId must not be blank (was '')");
  }

  @Test
  void rejectsConsumerPropertiesTheTailOwns() {
    assertThatThrownBy(
            () -> TailOptions.defaults().withConsumerProperty("auto.offset.reset", "none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("consumerProperties must not set 'auto.offset.reset' (was 'none')");
    assertThatThrownBy(() -> TailOptions.defaults().withConsumerProperty("group.id", "g"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsInvalidTopic() {
    assertThatThrownBy(() -> TailOptions.defaults().withTopic("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b'");
  }
}

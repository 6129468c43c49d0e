package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.notify.TailOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTailTest {

  @Test
  void freshGroupPerSubscriptionCommitsNothing() {
    Map<String, String> first = KafkaTail.consumerConfig(TailOptions.defaults());
    Map<String, String> second = KafkaTail.consumerConfig(TailOptions.defaults());

    assertThat(first.get("group.id")).startsWith("ork-tail-").isNotEqualTo(second.get("group.id"));
    assertThat(first)
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "latest")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092");
  }

  @Test
  void namedGroupFromBeginningCommitsOnlyWhatItEmits() {
    Map<String, String> config =
        KafkaTail.consumerConfig(
            TailOptions.defaults()
                .withGroupId("ops")
                .withFromBeginning(true)
                .withConsumerProperty("max.poll.records", "10"));

    assertThat(config)
        .containsEntry("group.id", "ops")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("max.poll.records", "10")
        // the tail commits each emitted record itself; auto-commit would also commit records
        // fetched but never emitted
        .containsEntry("enable.auto.commit", "false");
  }

  @Test
  void rejectsNullArgumentsByName() {
    assertThatThrownBy(() -> KafkaTail.tail(null, TailOptions.defaults()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("vertx");
  }
}

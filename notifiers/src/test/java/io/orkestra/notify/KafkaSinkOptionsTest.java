package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaSinkOptionsTest {

  @Test
  void defaultsToLocalBrokerReconcileTopicAndKafkaTimeouts() {
    KafkaSinkOptions options = KafkaSinkOptions.defaults();

    assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(options.topic()).isEqualTo("orkestra.reconcile");
    assertThat(options.maxInFlight()).isEqualTo(256);
    assertThat(options.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.producerProperties()).isEmpty();
    assertThat(options.sinkName()).isEqualTo("kafka:orkestra.reconcile");
  }

  @Test
  void copyMethodsChangeOneComponent() {
    KafkaSinkOptions options =
        KafkaSinkOptions.defaults()
            .withBootstrapServers("b1:9092,b2:9092")
            .withTopic("events.v1")
            .withMaxInFlight(4)
            .withDeliveryTimeout(Duration.ofSeconds(5))
            .withProducerProperty("linger.ms", "5")
            .withProducerProperty("compression.type", "zstd");

    assertThat(options)
        .isEqualTo(
            new KafkaSinkOptions(
                "b1:9092,b2:9092",
                "events.v1",
                4,
                Duration.ofSeconds(5),
                Map.of("linger.ms", "5", "compression.type", "zstd")));
    assertThat(options.withProducerProperties(Map.of()).producerProperties()).isEmpty();
  }

  @Test
  void copiesProducerPropertiesIntoAnImmutableMap() {
    Map<String, String> props = new HashMap<>(Map.of("linger.ms", "5"));
    KafkaSinkOptions options = KafkaSinkOptions.defaults().withProducerProperties(props);
    props.put("linger.ms", "50");

    assertThat(options.producerProperties()).containsEntry("linger.ms", "5");
    assertThatThrownBy(() -> options.producerProperties().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsBlankBootstrapServers() {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withBootstrapServers(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bootstrapServers must not be blank (was ' ')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "slash/topic", ".", ".."})
  void rejectsInvalidTopicNames(String topic) {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withTopic(topic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic must be a Kafka topic name")
        .hasMessageContaining("'" + topic + "'");
  }

  @Test
  void rejectsTopicLongerThanKafkaAllows() {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withTopic("t".repeat(250)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMaxInFlightBelowOne() {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withMaxInFlight(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxInFlight must be at least 1, was 0");
  }

  @Test
  void rejectsDeliveryTimeoutBelowHundredMillis() {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withDeliveryTimeout(Duration.ofMillis(99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deliveryTimeout must be between PT0.1S")
        .hasMessageContaining("was PT0.099S");
  }

  @Test
  void rejectsDeliveryTimeoutBeyondKafkasIntRange() {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withDeliveryTimeout(Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "acks",
        "enable.idempotence",
        "key.serializer",
        "value.serializer",
        "bootstrap.servers",
        "delivery.timeout.ms",
        "transactional.id"
      })
  void rejectsProducerPropertiesTheNotifierOwns(String key) {
    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withProducerProperty(key, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("producerProperties must not set '" + key + "' (was 'x')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "6", "many"})
  void rejectsPerConnectionInFlightThatBreaksOrdering(String value) {
    assertThatThrownBy(
            () ->
                KafkaSinkOptions.defaults()
                    .withProducerProperty("max.in.flight.requests.per.connection", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be 1..5")
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void acceptsPerConnectionInFlightUpToFive() {
    assertThat(
            KafkaSinkOptions.defaults()
                .withProducerProperty("max.in.flight.requests.per.connection", "1")
                .producerProperties())
        .containsEntry("max.in.flight.requests.per.connection", "1");
  }

  @Test
  void rejectsNullPropertyValues() {
    Map<String, String> props = new HashMap<>();
    props.put("linger.ms", null);

    assertThatThrownBy(() -> KafkaSinkOptions.defaults().withProducerProperties(props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linger.ms=null");
  }

  @Test
  void rejectsNullComponentsByName() {
    assertThatThrownBy(() -> new KafkaSinkOptions("b:1", "t", 1, null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("deliveryTimeout");
  }

  @Test
  void structuredIsTheDefaultModeAndCompressionIsAProducerProperty() {
    KafkaSinkOptions options = KafkaSinkOptions.defaults();
    assertThat(options.mode()).isEqualTo(CloudEventMode.STRUCTURED);
    assertThat(options.withMode(CloudEventMode.BINARY).mode()).isEqualTo(CloudEventMode.BINARY);
    assertThat(options.withCompression("zstd").producerProperties())
        .containsEntry("compression.type", "zstd");
    assertThatThrownBy(() -> options.withCompression("brotli"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 'brotli'");
  }
}

package io.orkestra.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Options of the Kafka notifier ({@link Notifiers#kafka}). Immutable; start from {@link
 * #defaults()} and derive with the {@code withX} methods.
 *
 * <p>The producer is always idempotent with {@code acks=all}, a {@code String} key serializer and a
 * {@code byte[]} value serializer; those settings and the ones carried by dedicated options cannot
 * be overridden through {@link #producerProperties()}.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}
 * @param topic topic the events are written to
 * @param maxInFlight how many sends may wait for their acknowledgement at once (at least 1); the
 *     notifier requests no more events from upstream while this many are unacknowledged
 * @param deliveryTimeout upper bound between handing an event to the producer and its {@link
 *     io.orkestra.core.DeliveryResult}: becomes Kafka's {@code delivery.timeout.ms} and {@code
 *     max.block.ms} (also bounding {@code request.timeout.ms}); at least 100 ms
 * @param producerProperties further Kafka producer settings (e.g. {@code linger.ms}, {@code
 *     compression.type}, security settings); {@code max.in.flight.requests.per.connection} must
 *     stay between 1 and 5 so that idempotence keeps per-key order
 */
public record KafkaSinkOptions(
    String bootstrapServers,
    String topic,
    int maxInFlight,
    Duration deliveryTimeout,
    Map<String, String> producerProperties) {

  /** Topic used when none is configured. */
  public static final String DEFAULT_TOPIC = "orkestra.reconcile";

  /** Default for {@link #maxInFlight()}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  /** Default for {@link #deliveryTimeout()}: Kafka's own default of two minutes. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);

  private static final Set<String> RESERVED =
      Set.of(
          "bootstrap.servers",
          "key.serializer",
          "value.serializer",
          "enable.idempotence",
          "acks",
          "delivery.timeout.ms",
          "transactional.id");

  /** Validates every component and copies {@code producerProperties} into an immutable map. */
  public KafkaSinkOptions {
    OptionChecks.notBlank(bootstrapServers, "bootstrapServers");
    OptionChecks.topic(topic, "topic");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    OptionChecks.positiveMillis(deliveryTimeout, "deliveryTimeout", Duration.ofMillis(100));
    producerProperties =
        OptionChecks.properties(
            producerProperties,
            "producerProperties",
            RESERVED,
            "the notifier sets it (idempotent producer, acks=all, own serializers, options)");
    String perConnection = producerProperties.get("max.in.flight.requests.per.connection");
    if (perConnection != null) {
      int value;
      try {
        value = Integer.parseInt(perConnection.trim());
      } catch (NumberFormatException e) {
        value = -1;
      }
      if (value < 1 || value > 5) {
        throw new IllegalArgumentException(
            "producerProperties 'max.in.flight.requests.per.connection' must be 1..5 to keep"
                + " per-key order with idempotence, was '"
                + perConnection
                + "'");
      }
    }
  }

  /**
   * Options for a broker on {@code 127.0.0.1:9092}, topic {@value #DEFAULT_TOPIC}, {@value
   * #DEFAULT_MAX_IN_FLIGHT} sends in flight, two minutes delivery timeout, no extra properties.
   *
   * @return the default options
   */
  public static KafkaSinkOptions defaults() {
    return new KafkaSinkOptions(
        "127.0.0.1:9092", DEFAULT_TOPIC, DEFAULT_MAX_IN_FLIGHT, DEFAULT_DELIVERY_TIMEOUT, Map.of());
  }

  /**
   * Copy with other bootstrap servers.
   *
   * @param bootstrapServers comma-separated {@code host:port} list
   * @return the copy
   */
  public KafkaSinkOptions withBootstrapServers(String bootstrapServers) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties);
  }

  /**
   * Copy with another topic.
   *
   * @param topic the topic name
   * @return the copy
   */
  public KafkaSinkOptions withTopic(String topic) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties);
  }

  /**
   * Copy with another in-flight limit.
   *
   * @param maxInFlight at least 1
   * @return the copy
   */
  public KafkaSinkOptions withMaxInFlight(int maxInFlight) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties);
  }

  /**
   * Copy with another delivery timeout.
   *
   * @param deliveryTimeout at least 100 ms
   * @return the copy
   */
  public KafkaSinkOptions withDeliveryTimeout(Duration deliveryTimeout) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties);
  }

  /**
   * Copy whose extra producer properties are replaced by {@code producerProperties}.
   *
   * @param producerProperties the new extra properties
   * @return the copy
   */
  public KafkaSinkOptions withProducerProperties(Map<String, String> producerProperties) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties);
  }

  /**
   * Copy with one more (or one replaced) extra producer property.
   *
   * @param key Kafka producer setting
   * @param value its value
   * @return the copy
   */
  public KafkaSinkOptions withProducerProperty(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new HashMap<>(producerProperties);
    copy.put(key, value);
    return withProducerProperties(copy);
  }

  /**
   * The sink name used in {@link io.orkestra.core.DeliveryResult#sink()}: {@code kafka:<topic>}.
   *
   * @return the sink name
   */
  public String sinkName() {
    return "kafka:" + topic;
  }
}

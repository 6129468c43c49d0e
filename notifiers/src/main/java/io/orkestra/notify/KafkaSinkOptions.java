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
 * @param mode structured (event contract v1: the whole CloudEvent as the value, header {@code
 *     content-type: application/cloudevents+json}) or binary (the {@code data} JSON as the value,
 *     attributes as {@code ce_*} headers and {@code content-type: application/json}, per the
 *     CloudEvents Kafka protocol binding)
 */
public record KafkaSinkOptions(
    String bootstrapServers,
    String topic,
    int maxInFlight,
    Duration deliveryTimeout,
    Map<String, String> producerProperties,
    CloudEventMode mode) {

  /** Compression codecs Kafka producers accept for {@code compression.type}. */
  public static final Set<String> COMPRESSION_TYPES = Set.of("none", "gzip", "snappy", "lz4", "zstd");

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
    Objects.requireNonNull(mode, "mode");
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
   * Structured-mode options (the event contract v1 layout).
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param topic the topic
   * @param maxInFlight sends awaiting acknowledgement, at most
   * @param deliveryTimeout bound on one send
   * @param producerProperties further producer settings
   */
  public KafkaSinkOptions(
      String bootstrapServers,
      String topic,
      int maxInFlight,
      Duration deliveryTimeout,
      Map<String, String> producerProperties) {
    this(
        bootstrapServers,
        topic,
        maxInFlight,
        deliveryTimeout,
        producerProperties,
        CloudEventMode.STRUCTURED);
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
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties, mode);
  }

  /**
   * Copy with another topic.
   *
   * @param topic the topic name
   * @return the copy
   */
  public KafkaSinkOptions withTopic(String topic) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties, mode);
  }

  /**
   * Copy with another in-flight limit.
   *
   * @param maxInFlight at least 1
   * @return the copy
   */
  public KafkaSinkOptions withMaxInFlight(int maxInFlight) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties, mode);
  }

  /**
   * Copy with another delivery timeout.
   *
   * @param deliveryTimeout at least 100 ms
   * @return the copy
   */
  public KafkaSinkOptions withDeliveryTimeout(Duration deliveryTimeout) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties, mode);
  }

  /**
   * Copy whose extra producer properties are replaced by {@code producerProperties}.
   *
   * @param producerProperties the new extra properties
   * @return the copy
   */
  public KafkaSinkOptions withProducerProperties(Map<String, String> producerProperties) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties, mode);
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
   * Copy with another content mode.
   *
   * @param value structured (default) or binary
   * @return the copy
   */
  public KafkaSinkOptions withMode(CloudEventMode value) {
    return new KafkaSinkOptions(
        bootstrapServers, topic, maxInFlight, deliveryTimeout, producerProperties, value);
  }

  /**
   * Copy whose producer compresses record batches ({@code compression.type}).
   *
   * @param type one of {@link #COMPRESSION_TYPES}
   * @return the copy
   * @throws IllegalArgumentException for another codec name
   */
  public KafkaSinkOptions withCompression(String type) {
    Objects.requireNonNull(type, "type");
    if (!COMPRESSION_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "compression must be one of " + new java.util.TreeSet<>(COMPRESSION_TYPES) + ", was '"
              + type + "'");
    }
    return withProducerProperty("compression.type", type);
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

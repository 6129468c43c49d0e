package io.orkestra.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link Notifiers#tail}. Immutable; start from {@link #defaults()} and derive with the
 * {@code withX} methods.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param topic topic to read
 * @param groupId consumer group; {@code null} means a fresh {@code ork-tail-<uuid>} group per
 *     subscription, which does not commit offsets
 * @param fromBeginning {@code true} reads from the earliest retained record when the group has no
 *     committed offset ({@code auto.offset.reset=earliest}); {@code false} only new records
 * @param maxCount the tail completes after this many records (at least 1); {@link #UNBOUNDED} never
 * @param consumerProperties further Kafka consumer settings (e.g. security settings)
 */
public record TailOptions(
    String bootstrapServers,
    String topic,
    @Nullable String groupId,
    boolean fromBeginning,
    long maxCount,
    Map<String, String> consumerProperties) {

  /** {@link #maxCount()} value meaning "never complete". */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  private static final Set<String> RESERVED =
      Set.of(
          "bootstrap.servers",
          "group.id",
          "key.deserializer",
          "value.deserializer",
          "auto.offset.reset");

  /** Validates every component and copies {@code consumerProperties} into an immutable map. */
  public TailOptions {
    OptionChecks.notBlank(bootstrapServers, "bootstrapServers");
    OptionChecks.topic(topic, "topic");
    if (groupId != null) {
      OptionChecks.notBlank(groupId, "groupId");
    }
    if (maxCount < 1) {
      throw new IllegalArgumentException("maxCount must be at least 1, was " + maxCount);
    }
    consumerProperties =
        OptionChecks.properties(
            consumerProperties,
            "consumerProperties",
            RESERVED,
            "the tail sets it (own deserializers, options)");
  }

  /**
   * Options for a broker on {@code 127.0.0.1:9092}, topic {@value KafkaSinkOptions#DEFAULT_TOPIC},
   * a fresh group, new records only, unbounded.
   *
   * @return the default options
   */
  public static TailOptions defaults() {
    return new TailOptions(
        "127.0.0.1:9092", KafkaSinkOptions.DEFAULT_TOPIC, null, false, UNBOUNDED, Map.of());
  }

  /**
   * Copy with other bootstrap servers.
   *
   * @param bootstrapServers comma-separated {@code host:port} list
   * @return the copy
   */
  public TailOptions withBootstrapServers(String bootstrapServers) {
    return new TailOptions(
        bootstrapServers, topic, groupId, fromBeginning, maxCount, consumerProperties);
  }

  /**
   * Copy with another topic.
   *
   * @param topic the topic name
   * @return the copy
   */
  public TailOptions withTopic(String topic) {
    return new TailOptions(
        bootstrapServers, topic, groupId, fromBeginning, maxCount, consumerProperties);
  }

  /**
   * Copy with another consumer group.
   *
   * @param groupId the group, or {@code null} for a fresh random group per subscription
   * @return the copy
   */
  public TailOptions withGroupId(@Nullable String groupId) {
    return new TailOptions(
        bootstrapServers, topic, groupId, fromBeginning, maxCount, consumerProperties);
  }

  /**
   * Copy that starts from the earliest ({@code true}) or latest ({@code false}) offset.
   *
   * @param fromBeginning where a group without committed offsets starts
   * @return the copy
   */
  public TailOptions withFromBeginning(boolean fromBeginning) {
    return new TailOptions(
        bootstrapServers, topic, groupId, fromBeginning, maxCount, consumerProperties);
  }

  /**
   * Copy that completes after {@code maxCount} records.
   *
   * @param maxCount at least 1, or {@link #UNBOUNDED}
   * @return the copy
   */
  public TailOptions withMaxCount(long maxCount) {
    return new TailOptions(
        bootstrapServers, topic, groupId, fromBeginning, maxCount, consumerProperties);
  }

  /**
   * Copy whose extra consumer properties are replaced by {@code consumerProperties}.
   *
   * @param consumerProperties the new extra properties
   * @return the copy
   */
  public TailOptions withConsumerProperties(Map<String, String> consumerProperties) {
    return new TailOptions(
        bootstrapServers, topic, groupId, fromBeginning, maxCount, consumerProperties);
  }

  /**
   * Copy with one more (or one replaced) extra consumer property.
   *
   * @param key Kafka consumer setting
   * @param value its value
   * @return the copy
   */
  public TailOptions withConsumerProperty(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new HashMap<>(consumerProperties);
    copy.put(key, value);
    return withConsumerProperties(copy);
  }
}

package io.orkestra.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record read back from the event topic by {@link Notifiers#tail}: where it sits in Kafka, the
 * raw CloudEvent JSON and the parsed CloudEvent attributes.
 *
 * <p>A record that is not a structured CloudEvent (foreign producer, tombstone) is still emitted:
 * its attributes are {@code null}, {@link #data()} is a missing node and {@link #isCloudEvent()} is
 * {@code false}.
 *
 * @param topic topic the record was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param key the record key ({@code <group>/<kind>/<namespace>/<name>}), {@code null} if absent
 * @param json the record value as UTF-8 text, {@code ""} for a tombstone
 * @param id CloudEvent {@code id}
 * @param type CloudEvent {@code type}, e.g. {@code io.orkestra.reconcile.v1.succeeded}
 * @param source CloudEvent {@code source}, e.g. {@code /orkestra/<runtime>/<crd>}
 * @param subject CloudEvent {@code subject} ({@code <namespace>/<name>})
 * @param time CloudEvent {@code time}
 * @param data CloudEvent {@code data} (event contract v1 payload); a missing node when absent. The
 *     node is the record's own copy, not shared with anyone else.
 */
public record TailedEvent(
    String topic,
    int partition,
    long offset,
    @Nullable String key,
    String json,
    @Nullable String id,
    @Nullable String type,
    @Nullable String source,
    @Nullable String subject,
    @Nullable Instant time,
    JsonNode data) {

  /** Null checks. */
  public TailedEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(data, "data");
  }

  /**
   * Whether the record parsed as a CloudEvent (it has an id, a type and a source).
   *
   * @return {@code true} for a structured CloudEvent
   */
  public boolean isCloudEvent() {
    return id != null && type != null && source != null;
  }
}

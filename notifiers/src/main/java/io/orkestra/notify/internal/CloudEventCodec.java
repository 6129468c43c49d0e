package io.orkestra.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.TailedEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Event contract v1: {@link ReconcileEvent} to CloudEvents 1.0 structured JSON and back. Pure and
 * thread-safe.
 */
public final class CloudEventCodec {

  /** Media type of a structured CloudEvent in JSON. */
  public static final String CLOUDEVENTS_JSON = JsonFormat.CONTENT_TYPE;

  /** {@code datacontenttype} of the payload. */
  public static final String DATA_CONTENT_TYPE = "application/json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFormat FORMAT = new JsonFormat();

  private CloudEventCodec() {}

  /**
   * Builds the CloudEvent of a reconcile.
   *
   * @param event the reconcile
   * @return the CloudEvent, its data a JSON tree
   * @throws OrkestraException if the source is not a URI reference
   */
  public static CloudEvent toCloudEvent(ReconcileEvent event) {
    URI source;
    try {
      source = URI.create(event.source());
    } catch (IllegalArgumentException e) {
      throw new OrkestraException(
          "event "
              + event.id()
              + ": CloudEvent source '"
              + event.source()
              + "' is not a URI reference (check the runtime and CRD names)",
          e);
    }
    return CloudEventBuilder.v1()
        .withId(event.id())
        .withSource(source)
        .withType(event.type())
        .withSubject(event.key().subject())
        .withTime(OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC))
        .withDataContentType(DATA_CONTENT_TYPE)
        .withData(JsonCloudEventData.wrap(data(event)))
        .build();
  }

  /**
   * The {@code data} object of event contract v1.
   *
   * @param event the reconcile
   * @return a new JSON object
   */
  public static ObjectNode data(ReconcileEvent event) {
    ObjectNode data = MAPPER.createObjectNode();
    data.put("apiVersion", event.key().apiVersion());
    data.put("kind", event.key().kind());
    data.put("namespace", event.key().namespace());
    data.put("name", event.key().name());
    data.put("uid", event.uid());
    data.put("generation", event.generation());
    data.put("observedGeneration", event.observedGeneration());
    data.put("outcome", event.outcome().wireName());
    ArrayNode actions = data.putArray("actions");
    for (ReconcileEvent.ActionSummary a : event.actions()) {
      actions
          .addObject()
          .put("verb", a.verb())
          .put("kind", a.kind())
          .put("namespace", a.namespace())
          .put("name", a.name());
    }
    data.put("durationMs", event.durationMs());
    data.set("conditions", event.conditions().deepCopy());
    String error = event.error();
    if (error == null) {
      data.putNull("error");
    } else {
      data.put("error", error);
    }
    return data;
  }

  /**
   * The context attributes of a reconcile's CloudEvent as binary-mode header values (without the
   * {@code ce_} / {@code ce-} prefix; {@code datacontenttype} travels as {@code content-type}):
   * {@code specversion, id, source, type, subject, time} with the time in RFC 3339 UTC.
   *
   * @param event the reconcile
   * @return attribute name to value, in that order
   */
  public static java.util.Map<String, String> binaryAttributes(ReconcileEvent event) {
    java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
    attributes.put("specversion", "1.0");
    attributes.put("id", event.id());
    attributes.put("source", event.source());
    attributes.put("type", event.type());
    attributes.put("subject", event.key().subject());
    attributes.put("time", java.time.format.DateTimeFormatter.ISO_INSTANT.format(event.time()));
    return attributes;
  }

  /**
   * The {@code data} object as UTF-8 JSON bytes (the body or value in binary mode).
   *
   * @param event the reconcile
   * @return the JSON document
   * @throws OrkestraException if it cannot be written
   */
  public static byte[] dataJson(ReconcileEvent event) {
    try {
      return MAPPER.writeValueAsBytes(data(event));
    } catch (IOException e) {
      throw new OrkestraException("event " + event.id() + " cannot be encoded: " + e, e);
    }
  }

  /**
   * The structured CloudEvent as UTF-8 JSON bytes.
   *
   * @param event the reconcile
   * @return the JSON document
   * @throws OrkestraException if the event cannot be encoded
   */
  public static byte[] toJson(ReconcileEvent event) {
    CloudEvent ce = toCloudEvent(event);
    try {
      return FORMAT.serialize(ce);
    } catch (RuntimeException e) {
      throw new OrkestraException(
          "event " + event.id() + " cannot be encoded as a CloudEvent: " + e.getMessage(), e);
    }
  }

  /**
   * Parses one record read from the event topic. Never throws for a bad value: a record that is not
   * a structured CloudEvent comes back with {@code null} attributes.
   *
   * @param topic the record's topic
   * @param partition its partition
   * @param offset its offset
   * @param key its key
   * @param value its value as text, {@code null} for a tombstone
   * @return the tailed event
   */
  public static TailedEvent toTailedEvent(
      String topic, int partition, long offset, @Nullable String key, @Nullable String value) {
    String json = value == null ? "" : value;
    CloudEvent ce = null;
    if (!json.isEmpty()) {
      try {
        ce = FORMAT.deserialize(json.getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException notACloudEvent) {
        ce = null;
      }
    }
    if (ce == null) {
      return new TailedEvent(
          topic,
          partition,
          offset,
          key,
          json,
          null,
          null,
          null,
          null,
          null,
          MissingNode.getInstance());
    }
    OffsetDateTime time = ce.getTime();
    Instant instant = time == null ? null : time.toInstant();
    return new TailedEvent(
        topic,
        partition,
        offset,
        key,
        json,
        ce.getId(),
        ce.getType(),
        ce.getSource().toString(),
        ce.getSubject(),
        instant,
        dataNode(ce.getData()));
  }

  private static JsonNode dataNode(@Nullable CloudEventData data) {
    if (data == null) {
      return MissingNode.getInstance();
    }
    if (data instanceof JsonCloudEventData) {
      return ((JsonCloudEventData) data).getNode().deepCopy();
    }
    try {
      return MAPPER.readTree(data.toBytes());
    } catch (IOException notJson) {
      return MAPPER.getNodeFactory().textNode(new String(data.toBytes(), StandardCharsets.UTF_8));
    }
  }
}

package io.orkestra.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ResourceKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ReconcileEvent} as one spill record: UTF-8 JSON with the event's identity and the
 * contract v1 {@code data} object. Pure and thread-safe.
 */
public final class SpillCodec {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SpillCodec() {}

  /**
   * Encodes an event.
   *
   * @param event the event
   * @return UTF-8 JSON
   */
  public static byte[] encode(ReconcileEvent event) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", event.id());
    root.put("runtimeName", event.runtimeName());
    root.put("crdName", event.crdName());
    root.put("group", event.key().group());
    root.put("version", event.key().version());
    root.put("time", event.time().toString());
    root.set("data", CloudEventCodec.data(event));
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new OrkestraException("event " + event.id() + " cannot be spilled: " + e, e);
    }
  }

  /**
   * Decodes a record written by {@link #encode}.
   *
   * @param payload the record
   * @return the event
   * @throws OrkestraException if the record is not a spilled event
   */
  public static ReconcileEvent decode(byte[] payload) {
    try {
      JsonNode root = MAPPER.readTree(payload);
      JsonNode data = root.required("data");
      ResourceKey key =
          new ResourceKey(
              root.required("group").asText(),
              root.required("version").asText(),
              data.required("kind").asText(),
              data.required("namespace").asText(),
              data.required("name").asText());
      List<ReconcileEvent.ActionSummary> actions = new ArrayList<>();
      for (JsonNode a : data.required("actions")) {
        actions.add(
            new ReconcileEvent.ActionSummary(
                a.required("verb").asText(),
                a.required("kind").asText(),
                a.required("namespace").asText(),
                a.required("name").asText()));
      }
      JsonNode error = data.get("error");
      JsonNode conditions = data.required("conditions");
      return new ReconcileEvent(
          root.required("id").asText(),
          root.required("runtimeName").asText(),
          root.required("crdName").asText(),
          key,
          data.required("uid").asText(),
          data.required("generation").asLong(),
          data.required("observedGeneration").asLong(),
          Outcome.valueOf(data.required("outcome").asText().toUpperCase(Locale.ROOT)),
          actions,
          data.required("durationMs").asLong(),
          conditions.isArray() ? (ArrayNode) conditions : MAPPER.createArrayNode(),
          error == null || error.isNull() ? null : error.asText(),
          Instant.parse(root.required("time").asText()));
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      throw new OrkestraException("spill record is not a spilled event: " + e.getMessage(), e);
    }
  }
}

package io.orkestra.katalog.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads and writes dotted paths of JSON objects, and the JSON patch operation of a write. */
final class JsonPaths {

  private JsonPaths() {}

  /** The value at {@code path}, or {@code null} when a segment is absent or not an object. */
  static @Nullable JsonNode get(ObjectNode root, List<String> path) {
    JsonNode node = root;
    for (String part : path) {
      node = node != null && node.isObject() ? node.get(part) : null;
    }
    return node;
  }

  /**
   * Sets {@code path} to {@code value}, creating missing parent objects, and returns the RFC 6902
   * operation that does the same to the object as it was before: {@code replace} when the field
   * existed, else {@code add} of the first missing level (with the rest nested in its value).
   *
   * @throws IllegalArgumentException when a parent exists and is not an object
   */
  static ObjectNode set(ObjectNode root, List<String> path, JsonNode value) {
    ObjectNode node = root;
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.size() - 1; i++) {
      String part = path.get(i);
      pointer.append('/').append(escape(part));
      JsonNode next = node.get(part);
      if (next == null || next.isNull()) {
        JsonNode nested = nest(path.subList(i + 1, path.size()), value);
        node.set(part, nested);
        return op("add", pointer.toString(), nested.deepCopy());
      }
      if (!next.isObject()) {
        throw new IllegalArgumentException(
            String.join(".", path.subList(0, i + 1)) + " is not a mapping, cannot set a field in it");
      }
      node = (ObjectNode) next;
    }
    String last = path.get(path.size() - 1);
    pointer.append('/').append(escape(last));
    boolean existed = node.has(last);
    node.set(last, value);
    return op(existed ? "replace" : "add", pointer.toString(), value.deepCopy());
  }

  private static JsonNode nest(List<String> rest, JsonNode value) {
    JsonNode out = value;
    for (int i = rest.size() - 1; i >= 0; i--) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.set(rest.get(i), out);
      out = o;
    }
    return out;
  }

  private static ObjectNode op(String op, String path, JsonNode value) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("op", op);
    o.put("path", path);
    o.set("value", value);
    return o;
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}

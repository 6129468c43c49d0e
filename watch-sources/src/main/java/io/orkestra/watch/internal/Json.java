package io.orkestra.watch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.orkestra.core.OrkestraException;
import java.util.Comparator;

/**
 * Conversions at the fabric8 edge: fabric8 8 serialises with Jackson 3, the core contracts use
 * Jackson 2 object trees, so objects cross as JSON text. Also small tree helpers.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Compares numbers by value ({@code 1} equals {@code 1.0}), everything else by equality. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Json() {}

  /**
   * Converts a fabric8 object into a Jackson 2 tree.
   *
   * @param serialization fabric8's serialisation of the client
   * @param resource the fabric8 object
   * @return a new tree
   */
  public static ObjectNode toNode(KubernetesSerialization serialization, Object resource) {
    String json = serialization.asJson(resource);
    try {
      JsonNode node = MAPPER.readTree(json);
      if (!node.isObject()) {
        throw new OrkestraException(
            "expected a JSON object from fabric8, got " + node.getNodeType());
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new OrkestraException("cannot read fabric8 JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Converts a Jackson 2 tree into a fabric8 generic resource.
   *
   * @param serialization fabric8's serialisation of the client
   * @param node the tree (not changed)
   * @return a new fabric8 object
   */
  public static GenericKubernetesResource toResource(
      KubernetesSerialization serialization, ObjectNode node) {
    try {
      return serialization.unmarshal(
          MAPPER.writeValueAsString(node), GenericKubernetesResource.class);
    } catch (JsonProcessingException e) {
      throw new OrkestraException("cannot write manifest as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text into an object tree.
   *
   * @param json the text
   * @return the tree
   */
  public static ObjectNode parse(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (!node.isObject()) {
        throw new OrkestraException("expected a JSON object, got " + node.getNodeType());
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new OrkestraException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Whether two trees are equal, comparing numbers by value.
   *
   * @param a one tree
   * @param b the other
   * @return {@code true} when equal
   */
  public static boolean same(JsonNode a, JsonNode b) {
    return a.equals(NUMBERS_BY_VALUE, b);
  }

  /**
   * The object field {@code name} of {@code parent}, created when absent (replaced when not an
   * object).
   *
   * @param parent the parent object
   * @param name the field
   * @return the child object
   */
  public static ObjectNode object(ObjectNode parent, String name) {
    JsonNode child = parent.get(name);
    if (child instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(name);
  }

  /**
   * A text field, or {@code ""} when absent or not text.
   *
   * @param node the tree
   * @param path field names from the root
   * @return the text
   */
  public static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    return n.isTextual() ? n.asText() : "";
  }
}

package io.orkestra.katalog.internal.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Typing of rendered values: mutation {@code valueType} and conversion string coercion. */
final class Coercion {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Coercion() {}

  /**
   * The value a mutation rule writes: the rendered text (or the typed YAML literal) converted to
   * {@code valueType}. Without {@code valueType} a rendered text stays a string and a literal
   * keeps its YAML type.
   *
   * @throws IllegalArgumentException when the value does not convert
   */
  static JsonNode value(
      @Nullable String rendered, @Nullable JsonNode literal, @Nullable String valueType) {
    if (valueType == null) {
      return rendered != null ? NODES.textNode(rendered) : literal;
    }
    String text = rendered != null ? rendered : literal.isValueNode() ? literal.asText() : null;
    if (text == null) {
      throw new IllegalArgumentException("a mapping or list cannot be converted to " + valueType);
    }
    String t = text.trim();
    switch (valueType) {
      case "int":
        try {
          return integral(Long.parseLong(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("cannot convert '" + text + "' to int");
        }
      case "float":
        try {
          return NODES.numberNode(Double.parseDouble(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("cannot convert '" + text + "' to float");
        }
      case "bool":
        String b = t.toLowerCase(Locale.ROOT);
        if (b.equals("true") || b.equals("false")) {
          return NODES.booleanNode(b.equals("true"));
        }
        throw new IllegalArgumentException("cannot convert '" + text + "' to bool");
      default:
        return NODES.textNode(text);
    }
  }

  /** An integer node, an {@code int} one when it fits (as Jackson reads JSON numbers). */
  static JsonNode integral(long v) {
    return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
  }

  /**
   * Orkestra's string coercion for untyped destinations (spec §6): an integer or float becomes a
   * number, {@code true}/{@code false} a boolean, {@code {...}}/{@code [...]} parsed JSON, the
   * empty string null, anything else stays a string.
   */
  static JsonNode guess(String s) {
    if (s.isEmpty()) {
      return NullNode.getInstance();
    }
    if (s.equals("true") || s.equals("false")) {
      return NODES.booleanNode(s.equals("true"));
    }
    if (s.matches("-?\\d{1,18}")) {
      return integral(Long.parseLong(s));
    }
    if (s.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
      return NODES.numberNode(Double.parseDouble(s));
    }
    String t = s.trim();
    if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
      try {
        return JSON.readTree(t);
      } catch (JsonProcessingException e) {
        return NODES.textNode(s);
      }
    }
    return NODES.textNode(s);
  }
}

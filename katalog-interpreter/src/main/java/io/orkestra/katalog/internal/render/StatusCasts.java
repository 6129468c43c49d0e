package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.katalog.internal.model.StatusType;
import java.util.Optional;
import java.util.Set;

/**
 * Casts a status field's rendered text to its declared {@link StatusType} (spec §2.7, §6 "Type
 * coercion"). {@code int}/{@code float}/{@code bool} fail on text that does not parse; {@code auto}
 * never fails (Orkestra's {@code TryCoerceString}: integer, number, boolean, JSON object or array,
 * else text).
 */
final class StatusCasts {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private StatusCasts() {}

  /**
   * Casts.
   *
   * @param text the rendered text
   * @param type the declared type
   * @return the JSON value, or empty when the text does not parse as {@code type}
   */
  static Optional<JsonNode> cast(String text, StatusType type) {
    String t = text.trim();
    switch (type) {
      case STRING:
        return Optional.of(Manifests.JSON.textNode(text));
      case INT:
        return integer(t);
      case FLOAT:
        return number(t);
      case BOOL:
        return bool(t);
      default:
        return integer(t)
            .or(() -> number(t))
            .or(() -> t.equals("true") || t.equals("false") ? bool(t) : Optional.empty())
            .or(() -> json(t))
            .or(() -> Optional.of(Manifests.JSON.textNode(text)));
    }
  }

  private static Optional<JsonNode> integer(String t) {
    try {
      return Optional.of(Manifests.JSON.numberNode(Long.parseLong(t)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> number(String t) {
    try {
      double d = Double.parseDouble(t);
      return Double.isFinite(d)
              && !t.endsWith("d")
              && !t.endsWith("D")
              && !t.endsWith("f")
              && !t.endsWith("F")
          ? Optional.of(Manifests.JSON.numberNode(d))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> bool(String t) {
    if (TRUE.contains(t)) {
      return Optional.of(Manifests.JSON.booleanNode(true));
    }
    return FALSE.contains(t) ? Optional.of(Manifests.JSON.booleanNode(false)) : Optional.empty();
  }

  private static Optional<JsonNode> json(String t) {
    if (!(t.startsWith("{") && t.endsWith("}")) && !(t.startsWith("[") && t.endsWith("]"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(t));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}

package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The value model of the evaluator and Go-compatible printing.
 *
 * <p>Values are {@link String}, {@link Long} (Go {@code int64}), {@link Double} (Go {@code
 * float64}), {@link Boolean}, Jackson object/array nodes (Go {@code map[string]interface{}} and
 * {@code []interface{}}), {@code null} (nil) and {@link Missing}. Scalars read from the data are
 * converted on access, containers are kept as nodes so nothing is copied.
 */
public final class Values {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Values() {}

  /**
   * Converts a data node to an evaluator value.
   *
   * @param node a node of the data, or {@code null}
   * @return the value; {@code null} for JSON null and absent nodes
   */
  public static @Nullable Object fromJson(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      BigInteger big = node.bigIntegerValue();
      return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
          ? (Object) big.longValue()
          : (Object) big.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isContainerNode()) {
      return node;
    }
    return node.asText();
  }

  /**
   * Prints a value as Go's {@code fmt.Sprint} would ({@code %v}).
   *
   * @param value a value (not {@link Missing})
   * @return the text
   */
  public static String print(@Nullable Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Double) {
      return GoFormat.formatFloat((Double) value);
    }
    if (value instanceof JsonNode) {
      StringBuilder sb = new StringBuilder();
      printNode((JsonNode) value, sb);
      return sb.toString();
    }
    return String.valueOf(value);
  }

  private static void printNode(JsonNode node, StringBuilder sb) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(null); // Go's fmt prints maps with sorted keys
      sb.append("map[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(keys.get(i)).append(':');
        printNode(node.get(keys.get(i)), sb);
      }
      sb.append(']');
    } else if (node.isArray()) {
      sb.append('[');
      Iterator<JsonNode> it = node.elements();
      boolean first = true;
      while (it.hasNext()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        printNode(it.next(), sb);
      }
      sb.append(']');
    } else {
      sb.append(print(fromJson(node)));
    }
  }

  /**
   * Go/Sprig emptiness, as used by {@code default}: nil, missing, {@code ""}, zero, {@code false}
   * and empty maps or lists are empty.
   *
   * @param value a value
   * @return {@code true} when empty
   */
  public static boolean isEmpty(@Nullable Object value) {
    if (value == null || value instanceof Missing) {
      return true;
    }
    if (value instanceof String) {
      return ((String) value).isEmpty();
    }
    if (value instanceof Long) {
      return (Long) value == 0L;
    }
    if (value instanceof Double) {
      return (Double) value == 0.0;
    }
    if (value instanceof Boolean) {
      return !(Boolean) value;
    }
    if (value instanceof JsonNode) {
      return ((JsonNode) value).size() == 0;
    }
    return false;
  }

  /**
   * The Go type name of a value, for messages such as {@code %!d(string=abc)}.
   *
   * @param value a value
   * @return {@code string}, {@code int64}, {@code float64}, {@code bool}, ...
   */
  public static String typeName(@Nullable Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Long) {
      return "int64";
    }
    if (value instanceof Double) {
      return "float64";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof JsonNode && ((JsonNode) value).isObject()) {
      return "map[string]interface {}";
    }
    if (value instanceof JsonNode && ((JsonNode) value).isArray()) {
      return "[]interface {}";
    }
    return value.getClass().getSimpleName();
  }
}

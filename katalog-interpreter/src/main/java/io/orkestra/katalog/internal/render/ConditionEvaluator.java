package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.model.Condition;
import io.orkestra.katalog.internal.model.Conditions;
import io.orkestra.katalog.internal.template.Values;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@code when:}/{@code or:} conditions (spec §2.6) against the custom resource.
 *
 * <ul>
 *   <li>The field is a dotted path into the resource (absent or null = absent) or a template whose
 *       output is the field's text. An absent field's text is {@code ""}; numeric operators treat
 *       it as 0.
 *   <li>Text operators compare the field's printed value (Go {@code %v}); {@code valueType} {@code
 *       int}/{@code float}/{@code bool} compares parsed values instead (unparsable: false).
 *   <li>Numeric operators ({@code greaterThan} and friends, {@code between}) are false when the
 *       field or the value is not a number; {@code greaterThan}/{@code lessThan} are strict.
 *   <li>{@code in}/{@code notIn} split the value at commas (items trimmed; a trailing comma admits
 *       the empty string). {@code contains} on a list field tests its elements.
 *   <li>Time conditions ({@code time}, {@code dayOfWeek}, {@code cron}) test the instant of the
 *       scope's injected clock, in UTC.
 *   <li>{@code unique} passes (no instance list in the pure interpreter, like Orkestra's
 *       simulate); {@code negate} inverts any condition.
 *   <li>A condition with {@code notify:} that is true is recorded in the context (when it
 *       collects, see {@link RenderContext#collecting}); lists stop at the first deciding
 *       condition, so a {@code notify:} condition after a failing {@code when:} entry (or after a
 *       passing {@code or:} entry) is not evaluated and does not notify.
 * </ul>
 */
final class ConditionEvaluator {

  private ConditionEvaluator() {}

  static boolean test(Conditions conditions, RenderContext ctx) {
    if (conditions.isEmpty()) {
      return true;
    }
    for (Condition c : conditions.when()) {
      if (!test(c, ctx)) {
        return false;
      }
    }
    if (conditions.or().isEmpty()) {
      return true;
    }
    for (Condition c : conditions.or()) {
      if (test(c, ctx)) {
        return true;
      }
    }
    return false;
  }

  static boolean test(Condition c, RenderContext ctx) {
    boolean result = c.negate() != evaluate(c, ctx);
    if (result && c.notifyBlock() != null) {
      ctx.fired(c);
    }
    return result;
  }

  private static boolean evaluate(Condition c, RenderContext ctx) {
    if (c.window() != null) {
      return c.window().test(ctx.scope().clock().instant());
    }
    Object field = field(c, ctx);
    String text = field == null ? "" : Values.print(field);
    String value = c.value() == null ? "" : ctx.eval(c.value());
    switch (c.operator()) {
      case EQUALS:
        return typedEquals(text, value, c.valueType());
      case NOT_EQUALS:
        return !typedEquals(text, value, c.valueType());
      case CONTAINS:
        return contains(field, text, value);
      case NOT_CONTAINS:
        return !contains(field, text, value);
      case PREFIX:
        return text.startsWith(value);
      case NOT_PREFIX:
        return !text.startsWith(value);
      case SUFFIX:
        return text.endsWith(value);
      case NOT_SUFFIX:
        return !text.endsWith(value);
      case REGEX:
        return regex(c, value, ctx).matcher(text).find();
      case EXISTS:
        return field != null;
      case NOT_EXISTS:
        return field == null;
      case GREATER_THAN:
        return numeric(field, value, 1, 1);
      case LESS_THAN:
        return numeric(field, value, -1, -1);
      case GREATER_THAN_OR_EQUAL:
        return numeric(field, value, 0, 1);
      case LESS_THAN_OR_EQUAL:
        return numeric(field, value, -1, 0);
      case BETWEEN:
        return between(c, field, value, ctx);
      case NOT_BETWEEN:
        return !between(c, field, value, ctx);
      case IN:
        return in(text, value);
      case NOT_IN:
        return !in(text, value);
      case UNIQUE:
        return true;
      case TYPE_OF:
        return typeOf(field).equals(value.trim());
      case TYPE_MAP:
        return typeOf(field).equals("map");
      case TYPE_LIST:
        return typeOf(field).equals("list");
      case TYPE_STRING:
        return typeOf(field).equals("string");
      case TYPE_NUMBER:
        return field instanceof Long || field instanceof Double;
      case TYPE_BOOL:
        return typeOf(field).equals("bool");
      case TYPE_NULL:
        return field == null;
      default: // time operators carry a window, tested above
        throw new IllegalStateException("time condition without a window at " + c.pos());
    }
  }

  private static @Nullable Object field(Condition c, RenderContext ctx) {
    if (c.fieldTemplate() != null) {
      String out = ctx.eval(c.fieldTemplate());
      return out.isEmpty() ? null : out;
    }
    JsonNode node = ctx.scope().root();
    for (String part : c.field()) {
      node = node != null && node.isObject() ? node.get(part) : null;
    }
    return Values.fromJson(node);
  }

  private static boolean typedEquals(String text, String value, String type) {
    switch (type) {
      case "int":
      case "float":
        Double a = number(text.isEmpty() ? "0" : text);
        Double b = number(value);
        return a != null && b != null && a.doubleValue() == b.doubleValue();
      case "bool":
        Boolean x = bool(text);
        Boolean y = bool(value);
        return x != null && x.equals(y);
      default:
        return text.equals(value);
    }
  }

  private static boolean contains(@Nullable Object field, String text, String value) {
    if (field instanceof JsonNode && ((JsonNode) field).isArray()) {
      for (JsonNode e : (JsonNode) field) {
        Object v = Values.fromJson(e);
        if (v != null && Values.print(v).equals(value)) {
          return true;
        }
      }
      return false;
    }
    return text.contains(value);
  }

  private static Pattern regex(Condition c, String value, RenderContext ctx) {
    if (c.pattern() != null) {
      return c.pattern();
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw ctx.fail(c.pos(), "invalid regex '" + value + "': " + e.getDescription());
    }
  }

  /** Whether sign(field - value) is within {@code lo..hi}; false when either is not a number. */
  private static boolean numeric(@Nullable Object field, String value, int lo, int hi) {
    Double a = fieldNumber(field);
    Double b = number(value);
    if (a == null || b == null) {
      return false;
    }
    int sign = Integer.signum(Double.compare(a, b));
    return sign >= lo && sign <= hi;
  }

  private static @Nullable Double fieldNumber(@Nullable Object field) {
    if (field == null) {
      return 0.0;
    }
    if (field instanceof Long) {
      return (double) (Long) field;
    }
    if (field instanceof Double) {
      return (Double) field;
    }
    return field instanceof String ? number((String) field) : null;
  }

  private static boolean between(
      Condition c, @Nullable Object field, String value, RenderContext ctx) {
    String[] parts = value.split(",", -1);
    Double low = parts.length == 2 ? number(parts[0]) : null;
    Double high = parts.length == 2 ? number(parts[1]) : null;
    if (low == null || high == null) {
      throw ctx.fail(
          c.pos(), "between needs \"low,high\" with two numbers, got '" + value + "'");
    }
    Double x = fieldNumber(field);
    return x != null && x >= low && x <= high;
  }

  private static boolean in(String text, String value) {
    List<String> items = List.of(value.split(",", -1));
    for (String item : items) {
      if (item.trim().equals(text)) {
        return true;
      }
    }
    return false;
  }

  private static String typeOf(@Nullable Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    return ((JsonNode) v).isObject() ? "map" : "list";
  }

  private static @Nullable Double number(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Boolean bool(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
  }
}

package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code when:}/{@code or:} lists (spec §2.6). Each entry names a {@code field} and exactly
 * one operator, either as a shorthand key ({@code equals: "x"}, {@code greaterThan: 3}, {@code
 * exists: true}) or explicitly ({@code operator: in}, {@code value: "a,b"}, {@code valueType:
 * int}). Reported at load with their position: an unknown operator (with a suggestion), no or
 * several operators, a missing value, an unknown {@code valueType}, a literal {@code regex} that
 * does not compile, and the time conditions ({@code time}, {@code dayOfWeek}, {@code cron}) this
 * runtime does not implement yet — refusing them is safer than letting them pass silently.
 */
final class ConditionBinder {

  private static final Set<String> NOT_OPERATORS =
      Set.of("field", "operator", "value", "valueType", "negate", "notify", "source", "duration");
  private static final Set<String> TIME_KEYS = Set.of("time", "dayOfWeek", "cron");
  private static final Set<String> VALUE_TYPES = Set.of("string", "int", "float", "bool");

  private final Reader read;

  ConditionBinder(Reader read) {
    this.read = read;
  }

  /** The {@code when} and {@code or} lists of {@code m} (empty when absent). */
  Conditions bind(@Nullable YMap m) {
    if (m == null) {
      return Conditions.NONE;
    }
    List<Condition> when = list(m.get("when"));
    List<Condition> or = list(m.get("or"));
    return when.isEmpty() && or.isEmpty() ? Conditions.NONE : new Conditions(when, or);
  }

  /**
   * Binds a list whose entries are conditions with extra keys of their own, such as admission
   * validation rules ({@code field}, an operator, {@code message}, {@code action}, ...).
   */
  List<Condition> entries(@Nullable YNode node) {
    return list(node);
  }

  /**
   * Binds one mapping that is itself a condition with extra keys (an admission validation rule).
   * Problems are reported; {@code null} when the condition is unusable.
   */
  @Nullable Condition single(YMap m) {
    return condition(m);
  }

  private List<Condition> list(@Nullable YNode node) {
    List<Condition> out = new ArrayList<>();
    YSeq seq = read.list(node);
    if (seq == null) {
      return out;
    }
    for (YNode item : seq.items()) {
      YMap m = read.map(item);
      Condition c = m == null ? null : condition(m);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private @Nullable Condition condition(YMap m) {
    for (String key : TIME_KEYS) {
      if (m.has(key)) {
        read.error(
            m.get(key).pos(),
            m.childPath(key) + ": time conditions (time, dayOfWeek, cron) are not supported yet");
        return null;
      }
    }
    YNode fieldNode = read.require(m, "field");
    String fieldText = read.string(fieldNode);
    List<String> field = List.of();
    Template fieldTemplate = null;
    // a boolean or number field is a value, not a path: a motif's typed input substituted into
    // `field: "{{ .inputs.enabled }}"` arrives as such a scalar and compares by its text
    boolean typedScalar =
        fieldNode instanceof YScalar s && (s.value().isBoolean() || s.value().isNumber());
    if (fieldText != null && (fieldText.contains("{{") || typedScalar)) {
      fieldTemplate = read.template(fieldNode);
    } else if (fieldText != null) {
      String path = fieldText.startsWith(".") ? fieldText.substring(1) : fieldText;
      field = Arrays.asList(path.split("\\.", -1));
      if (path.isBlank() || field.stream().anyMatch(String::isBlank)) {
        read.error(fieldNode.pos(), m.childPath("field") + " must be a dotted path, got '" + fieldText + "'");
        return null;
      }
    }
    ConditionOperator op = null;
    YNode valueNode = null;
    List<String> shorthands = new ArrayList<>();
    for (YEntry e : m.entries()) {
      if (!NOT_OPERATORS.contains(e.key()) && ConditionOperator.byName(e.key()).isPresent()) {
        shorthands.add(e.key());
      }
    }
    YNode explicit = m.get("operator");
    if (explicit != null) {
      String name = read.string(explicit);
      if (name == null) {
        return null;
      }
      op = ConditionOperator.byName(name).orElse(null);
      if (op == null) {
        read.error(
            explicit.pos(),
            "unknown condition operator '"
                + name
                + "'"
                + Suggestions.didYouMean(name, ConditionOperator.names()));
        return null;
      }
      valueNode = m.get("value");
      if (!shorthands.isEmpty()) {
        read.error(
            m.get(shorthands.get(0)).pos(),
            "condition has both operator: and " + shorthands.get(0) + ":; keep one");
        return null;
      }
    } else if (shorthands.size() == 1) {
      String key = shorthands.get(0);
      op = ConditionOperator.byName(key).orElseThrow();
      valueNode = m.get(key);
      if (op == ConditionOperator.EXISTS || op == ConditionOperator.NOT_EXISTS) {
        Boolean flag = read.bool(valueNode);
        if (flag == null) {
          return null;
        }
        if (!flag) {
          op = op == ConditionOperator.EXISTS ? ConditionOperator.NOT_EXISTS : ConditionOperator.EXISTS;
        }
        valueNode = null;
      }
    } else if (shorthands.isEmpty()) {
      read.error(
          m.pos(),
          "condition "
              + m.path()
              + " has no operator (use operator: with value:, or a shorthand such as equals:)");
      return null;
    } else {
      read.error(
          m.get(shorthands.get(1)).pos(),
          "condition " + m.path() + " has several operators " + shorthands + "; keep one");
      return null;
    }
    Template value = null;
    if (op.needsValue()) {
      if (valueNode == null || (valueNode instanceof YScalar && ((YScalar) valueNode).isNull())) {
        read.error(m.pos(), "condition " + m.path() + " (" + op.yamlName() + ") needs a value");
        return null;
      }
      value = read.template(valueNode);
      if (value == null) {
        return null;
      }
    }
    String valueType = "string";
    YNode typeNode = m.get("valueType");
    if (typeNode != null) {
      String t = read.string(typeNode);
      if (t == null) {
        return null;
      }
      String normal = t.equals("integer") ? "int" : t.equals("boolean") ? "bool" : t;
      if (!VALUE_TYPES.contains(normal)) {
        read.error(
            typeNode.pos(),
            "unknown valueType '" + t + "' (use string, int, float or bool)"
                + Suggestions.didYouMean(t, VALUE_TYPES));
        return null;
      }
      valueType = normal;
    }
    Pattern pattern = null;
    if (op == ConditionOperator.REGEX && value.isLiteral()) {
      try {
        pattern = Pattern.compile(value.source());
      } catch (PatternSyntaxException e) {
        read.error(
            valueNode.pos(), "invalid regex '" + value.source() + "': " + e.getDescription());
        return null;
      }
    }
    Boolean negate = read.bool(m.get("negate"));
    if ((fieldTemplate == null && field.isEmpty())) {
      return null;
    }
    return new Condition(
        field, fieldTemplate, op, value, valueType, pattern, Boolean.TRUE.equals(negate), m.pos());
  }
}

package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports keys the schema does not know, with the closest known key ("did you mean"), keys that
 * were renamed (with the new name), and scalar values of the wrong type where the schema gives one.
 * Remembers which keys it suggested in which mapping, so that the binder does not report the same
 * typo a second time as a missing required key.
 */
final class SchemaChecker {

  private final Problems problems;
  private final Map<YMap, Set<String>> suggested = new IdentityHashMap<>();

  SchemaChecker(Problems problems) {
    this.problems = problems;
  }

  void check(YNode node, Shape shape) {
    if (shape instanceof Shape.Obj obj && node instanceof YMap map) {
      for (YEntry e : map.entries()) {
        Shape child = obj.fields().get(e.key());
        if (child != null) {
          check(e.value(), child);
        } else if (obj.renamed().containsKey(e.key())) {
          renamed(map, e, obj.renamed().get(e.key()));
        } else {
          unknown(map, e, obj.fields().keySet());
        }
      }
    } else if (shape instanceof Shape.MapOf mapOf && node instanceof YMap map) {
      for (YEntry e : map.entries()) {
        check(e.value(), mapOf.value());
      }
    } else if (shape instanceof Shape.ListOf listOf && node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        check(item, listOf.item());
      }
    } else if (shape instanceof Shape.Forms forms) {
      forms(node, forms);
    } else if (shape instanceof Shape.Scalar scalar) {
      scalar(node, scalar);
    } else if (shape instanceof Shape.Obj && !(node instanceof YMap) && !isNull(node)) {
      problems.error(node.pos(), node.path() + " must be a mapping, got " + node.describe());
    } else if (shape instanceof Shape.ListOf && !(node instanceof YSeq) && !isNull(node)) {
      problems.error(node.pos(), node.path() + " must be a list, got " + node.describe());
    }
  }

  private void forms(YNode node, Shape.Forms forms) {
    if (isNull(node)) {
      return;
    }
    Shape form =
        node instanceof YScalar ? forms.scalar() : node instanceof YMap ? forms.mapping() : forms.list();
    if (form != null) {
      check(node, form);
      return;
    }
    List<String> allowed = new java.util.ArrayList<>();
    if (forms.scalar() instanceof Shape.Scalar sc) {
      allowed.add(expected(sc));
    }
    if (forms.mapping() != null) {
      allowed.add("a mapping");
    }
    if (forms.list() != null) {
      allowed.add("a list");
    }
    problems.error(node.pos(), node.path() + " must be " + or(allowed) + ", got " + node.describe());
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.isNull();
  }

  private void scalar(YNode node, Shape.Scalar shape) {
    if (!(node instanceof YScalar s)) {
      problems.error(node.pos(), node.path() + " must be " + expected(shape) + ", got " + node.describe());
      return;
    }
    if (s.isNull()) {
      return;
    }
    switch (shape.type()) {
      case BOOL -> {
        if (!s.value().isBoolean()) {
          problems.error(s.pos(), s.path() + " must be a boolean (true or false), got " + s.describe());
        }
      }
      case INT -> {
        if (!s.value().isIntegralNumber()) {
          problems.error(s.pos(), s.path() + " must be a whole number, got " + s.describe());
        }
      }
      case DURATION -> duration(s);
      case ONE_OF -> {
        if (!shape.values().contains(s.text())) {
          problems.error(
              s.pos(),
              "unknown value '"
                  + s.text()
                  + "' for "
                  + s.path()
                  + " (use "
                  + or(shape.values())
                  + ")"
                  + Suggestions.didYouMean(s.text(), shape.values()));
        }
      }
      case TEXT -> {
        // any scalar
      }
    }
  }

  private void duration(YScalar s) {
    String text = s.text();
    if (text.contains("{{")) {
      return; // a template, resolved per custom resource
    }
    try {
      if (GoDuration.parse(text).isNegative()) {
        problems.error(s.pos(), s.path() + " must not be negative, got '" + text + "'");
      }
    } catch (IllegalArgumentException e) {
      problems.error(
          s.pos(), s.path() + " must be a duration such as 30s or 5m: " + e.getMessage());
    }
  }

  private static String expected(Shape.Scalar shape) {
    return switch (shape.type()) {
      case BOOL -> "a boolean (true or false)";
      case INT -> "a whole number";
      case DURATION -> "a duration such as 30s or 5m";
      case ONE_OF -> "one of " + or(shape.values());
      case TEXT -> "a string";
    };
  }

  private static String or(List<String> values) {
    if (values.size() == 1) {
      return values.get(0);
    }
    return String.join(", ", values.subList(0, values.size() - 1))
        + " or "
        + values.get(values.size() - 1);
  }

  private void renamed(YMap map, YEntry e, String replacement) {
    String where = map.path().isEmpty() ? "at the top level" : "in " + map.path();
    problems.error(
        e.keyPos(),
        "key '"
            + e.key()
            + "' "
            + where
            + " was renamed to '"
            + replacement
            + "' (Orkestra 0.7.17 schema); write '"
            + replacement
            + "' instead");
    suggested.computeIfAbsent(map, m -> new HashSet<>()).add(replacement);
  }

  private void unknown(YMap map, YEntry e, Set<String> known) {
    String where = map.path().isEmpty() ? "at the top level" : "in " + map.path();
    StringBuilder msg =
        new StringBuilder("unknown key '").append(e.key()).append("' ").append(where);
    Suggestions.closest(e.key(), known)
        .ifPresent(
            s -> {
              msg.append(" (did you mean '").append(s).append("'?)");
              suggested.computeIfAbsent(map, m -> new HashSet<>()).add(s);
            });
    problems.error(e.keyPos(), msg.toString());
  }

  /**
   * Whether an unknown key of {@code map} was already reported as a likely typo of {@code key}.
   *
   * @param map the mapping
   * @param key the known key
   * @return {@code true} when a suggestion named it
   */
  boolean suggested(YMap map, String key) {
    return suggested.getOrDefault(map, Set.of()).contains(key);
  }
}

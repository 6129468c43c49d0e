package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reports keys the schema does not know, with the closest known key ("did you mean"). Remembers
 * which keys it suggested in which mapping, so that the binder does not report the same typo a
 * second time as a missing required key.
 */
final class SchemaChecker {

  private final Problems problems;
  private final Map<YMap, Set<String>> suggested = new IdentityHashMap<>();

  SchemaChecker(Problems problems) {
    this.problems = problems;
  }

  void check(YNode node, Shape shape) {
    if (shape instanceof Shape.Obj && node instanceof YMap) {
      YMap map = (YMap) node;
      Map<String, Shape> fields = ((Shape.Obj) shape).fields();
      for (YEntry e : map.entries()) {
        Shape child = fields.get(e.key());
        if (child != null) {
          check(e.value(), child);
        } else {
          unknown(map, e, fields.keySet());
        }
      }
    } else if (shape instanceof Shape.MapOf && node instanceof YMap) {
      for (YEntry e : ((YMap) node).entries()) {
        check(e.value(), ((Shape.MapOf) shape).value());
      }
    } else if (shape instanceof Shape.ListOf && node instanceof YSeq) {
      for (YNode item : ((YSeq) node).items()) {
        check(item, ((Shape.ListOf) shape).item());
      }
    }
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

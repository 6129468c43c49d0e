package io.orkestra.katalog.internal.load;

import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Copy-on-write edits of the immutable positioned YAML trees. */
final class Trees {
  private Trees() {}

  static @Nullable YMap map(@Nullable YNode n) {
    return n instanceof YMap ? (YMap) n : null;
  }

  static YMap empty(SourcePos pos, String path) {
    return new YMap(pos, path, List.of());
  }

  /** {@code m} with {@code key} set to {@code value}: replaced in place, or appended. */
  static YMap set(YMap m, String key, SourcePos keyPos, YNode value) {
    List<YEntry> out = new ArrayList<>();
    boolean replaced = false;
    for (YEntry e : m.entries()) {
      if (e.key().equals(key)) {
        out.add(new YEntry(key, e.keyPos(), value));
        replaced = true;
      } else {
        out.add(e);
      }
    }
    if (!replaced) {
      out.add(new YEntry(key, keyPos, value));
    }
    return new YMap(m.pos(), m.path(), out);
  }

  static YMap remove(YMap m, String key) {
    if (!m.has(key)) {
      return m;
    }
    List<YEntry> out = new ArrayList<>();
    for (YEntry e : m.entries()) {
      if (!e.key().equals(key)) {
        out.add(e);
      }
    }
    return new YMap(m.pos(), m.path(), out);
  }

  static YSeq concat(YSeq first, YSeq second) {
    List<YNode> items = new ArrayList<>(first.items());
    items.addAll(second.items());
    return new YSeq(first.pos(), first.path(), items);
  }

  /**
   * Deep merge: mappings key by key, lists concatenated ({@code first}'s items first), and for any
   * other pair {@code second} when {@code secondWins}, else {@code first}.
   */
  static YNode merge(YNode first, YNode second, boolean secondWins) {
    if (first instanceof YMap && second instanceof YMap) {
      YMap a = (YMap) first;
      Map<String, YEntry> m = new LinkedHashMap<>();
      a.entries().forEach(e -> m.put(e.key(), e));
      for (YEntry e : ((YMap) second).entries()) {
        YEntry prev = m.get(e.key());
        m.put(
            e.key(),
            prev == null
                ? e
                : new YEntry(e.key(), prev.keyPos(), merge(prev.value(), e.value(), secondWins)));
      }
      return new YMap(a.pos(), a.path(), new ArrayList<>(m.values()));
    }
    if (first instanceof YSeq && second instanceof YSeq) {
      return concat((YSeq) first, (YSeq) second);
    }
    return secondWins ? second : first;
  }
}

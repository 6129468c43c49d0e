package io.orkestra.katalog.internal.yaml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.support.SourcePos;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A YAML mapping; keys keep their order and their positions. Immutable. */
public final class YMap implements YNode {
  private final SourcePos pos;
  private final String path;
  private final Map<String, YEntry> entries;

  /**
   * Creates a mapping.
   *
   * @param pos where the mapping starts
   * @param path path from the document root
   * @param entries entries in source order (duplicate keys already removed)
   */
  public YMap(SourcePos pos, String path, List<YEntry> entries) {
    this.pos = Objects.requireNonNull(pos, "pos");
    this.path = Objects.requireNonNull(path, "path");
    Map<String, YEntry> m = new LinkedHashMap<>();
    for (YEntry e : entries) {
      m.putIfAbsent(e.key(), e);
    }
    this.entries = Collections.unmodifiableMap(m);
  }

  @Override
  public SourcePos pos() {
    return pos;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String describe() {
    return "a mapping";
  }

  /**
   * The value of a key.
   *
   * @param key the key
   * @return the value, or {@code null} when the key is absent
   */
  public @Nullable YNode get(String key) {
    YEntry e = entries.get(key);
    return e == null ? null : e.value();
  }

  /**
   * The entry of a key.
   *
   * @param key the key
   * @return the entry, or {@code null} when the key is absent
   */
  public @Nullable YEntry entry(String key) {
    return entries.get(key);
  }

  /**
   * Whether the key is present (even with a null value).
   *
   * @param key the key
   * @return {@code true} when present
   */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /**
   * The keys in source order.
   *
   * @return an unmodifiable view
   */
  public Set<String> keys() {
    return entries.keySet();
  }

  /**
   * The entries in source order.
   *
   * @return an unmodifiable view
   */
  public Iterable<YEntry> entries() {
    return entries.values();
  }

  /**
   * The number of keys.
   *
   * @return the size
   */
  public int size() {
    return entries.size();
  }

  /**
   * Path of a child key, for messages about a key that is absent.
   *
   * @param key the child key
   * @return {@code path.key}, or {@code key} at the root
   */
  public String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (YEntry e : entries.values()) {
      node.set(e.key(), e.value().toJson());
    }
    return node;
  }
}

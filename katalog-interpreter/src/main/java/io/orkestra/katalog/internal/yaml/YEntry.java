package io.orkestra.katalog.internal.yaml;

import io.orkestra.katalog.internal.support.SourcePos;
import java.util.Objects;

/**
 * One key of a mapping.
 *
 * @param key the key text
 * @param keyPos where the key starts
 * @param value the value
 */
public record YEntry(String key, SourcePos keyPos, YNode value) {
  /** Null checks. */
  public YEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyPos, "keyPos");
    Objects.requireNonNull(value, "value");
  }
}

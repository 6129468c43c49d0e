package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.Template;
import java.util.List;
import java.util.Objects;

/**
 * One {@code emit.status.fields[]} entry.
 *
 * @param path dotted path under {@code status}, as written
 * @param segments the path split at dots
 * @param value the value template
 * @param type how the rendered text is written
 * @param pos where the entry is declared
 */
public record StatusField(
    String path, List<String> segments, Template value, StatusType type, SourcePos pos) {
  /** Null checks and an immutable copy. */
  public StatusField {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pos, "pos");
    segments = List.copyOf(segments);
  }
}

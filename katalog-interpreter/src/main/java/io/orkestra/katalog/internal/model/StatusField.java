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
 * @param conditions {@code when}/{@code or}: the field is written only when they pass
 * @param clearOnFalse write {@code ""} at the path when the conditions fail
 */
public record StatusField(
    String path,
    List<String> segments,
    Template value,
    StatusType type,
    SourcePos pos,
    Conditions conditions,
    boolean clearOnFalse) {
  /** Null checks and an immutable copy. */
  public StatusField {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pos, "pos");
    segments = List.copyOf(segments);
    Objects.requireNonNull(conditions, "conditions");
  }
}

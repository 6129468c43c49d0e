package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code forEach: {field, as}} of a resource template (spec §2.5): the declaration renders once
 * per element of the list (or entry of the map) at {@code field} in the custom resource.
 *
 * <p>In the templates of one expansion, a list element is {@code .item} (and {@code .<as>}); for a
 * map, {@code .item} (and {@code .<as>}) is the key and {@code .value} the value.
 *
 * @param field the dot path as written, such as {@code spec.databases}
 * @param segments the path split on dots (a leading {@code .} is ignored)
 * @param as the extra variable name, or {@code null}
 * @param pos where {@code field} is declared
 */
public record ForEach(String field, List<String> segments, @Nullable String as, SourcePos pos) {
  /** Null checks and an immutable copy. */
  public ForEach {
    Objects.requireNonNull(field, "field");
    segments = List.copyOf(segments);
    Objects.requireNonNull(pos, "pos");
  }
}

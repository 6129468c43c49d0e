package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import java.util.Objects;

/**
 * A plain (non-template) value with the position it was written at, for later checks that must
 * point back at it (such as a file path or an {@code apiTypes} field compared with a CRD file).
 *
 * @param <T> the value type
 * @param value the value
 * @param pos where it was written
 * @param path its YAML path
 */
public record Located<T>(T value, SourcePos pos, String path) {
  /** Null checks. */
  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(path, "path");
  }
}

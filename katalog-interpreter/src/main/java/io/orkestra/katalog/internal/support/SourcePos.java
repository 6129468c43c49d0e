package io.orkestra.katalog.internal.support;

import java.util.Objects;

/**
 * A position in a source file: the file as the user named it, 1-based line and column.
 *
 * @param file display name of the file
 * @param line 1-based line ({@code 0} = the whole file)
 * @param column 1-based column ({@code 0} = the whole file)
 */
public record SourcePos(String file, int line, int column) {

  /** Null check. */
  public SourcePos {
    Objects.requireNonNull(file, "file");
  }

  /**
   * The same line, {@code delta} columns further right.
   *
   * @param delta columns to add
   * @return the shifted position
   */
  public SourcePos plusColumns(int delta) {
    return new SourcePos(file, line, column + delta);
  }

  /** {@code file:line:column}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}

package io.orkestra.katalog;

import java.util.Objects;

/**
 * One problem found while loading a Katalog or a manifest file.
 *
 * <p>Lines and columns are 1-based and point at the offending YAML key, value or template
 * character. A diagnostic about a file as a whole (for example a file that does not exist) has line
 * and column {@code 0}.
 *
 * @param file the file as the user named it (relative paths stay relative)
 * @param line 1-based line, or {@code 0} when the problem concerns the whole file
 * @param column 1-based column, or {@code 0} when the problem concerns the whole file
 * @param message what is wrong, naming the key or value and, where possible, a fix
 */
public record Diagnostic(String file, int line, int column, String message) {

  /**
   * Null checks and non-negative positions.
   *
   * @param file the file as the user named it
   * @param line 1-based line, or {@code 0}
   * @param column 1-based column, or {@code 0}
   * @param message what is wrong
   */
  public Diagnostic {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "line and column must be >= 0, was " + line + ":" + column);
    }
  }

  /**
   * The diagnostic as printed to users: {@code file:line:column: message}, or only the message for
   * a whole-file diagnostic (whose message already names the file).
   *
   * @return the one-line rendering
   */
  @Override
  public String toString() {
    return line == 0 ? message : file + ":" + line + ":" + column + ": " + message;
  }
}

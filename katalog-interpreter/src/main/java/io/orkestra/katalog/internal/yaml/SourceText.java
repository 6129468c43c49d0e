package io.orkestra.katalog.internal.yaml;

import java.util.ArrayList;
import java.util.List;

/** The text of one YAML file with its line starts, to look at the characters around a position. */
final class SourceText {
  private final String text;
  private final int[] lineStarts;

  SourceText(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * One line without its line break.
   *
   * @param line 1-based line
   * @return the line, or {@code ""} when out of range
   */
  String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  int lineCount() {
    return lineStarts.length;
  }

  /**
   * The character at a position.
   *
   * @param line 1-based line
   * @param column 1-based column
   * @return the character, or {@code '\0'} when out of range
   */
  char charAt(int line, int column) {
    String l = line(line);
    return column >= 1 && column <= l.length() ? l.charAt(column - 1) : '\0';
  }
}

package io.orkestra.katalog.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.support.SourcePos;
import java.util.Objects;

/**
 * A YAML scalar: its resolved JSON value (string, number, boolean or null, as YAML's core schema
 * resolves plain scalars), the text as written, and how it was written, so that {@link #posAt(int)}
 * can map an offset inside the text to a file position.
 */
public final class YScalar implements YNode {
  private final SourcePos pos;
  private final String path;
  private final JsonNode value;
  private final String text;
  private final ScalarStyle style;
  private final SourceText source;

  YScalar(
      SourcePos pos,
      String path,
      JsonNode value,
      String text,
      ScalarStyle style,
      SourceText source) {
    this.pos = Objects.requireNonNull(pos, "pos");
    this.path = Objects.requireNonNull(path, "path");
    this.value = Objects.requireNonNull(value, "value");
    this.text = Objects.requireNonNull(text, "text");
    this.style = Objects.requireNonNull(style, "style");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * A scalar computed from a written one (such as a motif value after input substitution): it keeps
   * the position and path of {@code from}, and since its text is no longer what the file holds,
   * {@link #posAt(int)} maps every offset to that position.
   *
   * @param from the scalar as written
   * @param value the new resolved value
   * @param text the new text
   * @return the derived scalar
   */
  public static YScalar derived(YScalar from, JsonNode value, String text) {
    return new YScalar(from.pos, from.path, value, text, ScalarStyle.DERIVED, from.source);
  }

  /**
   * A scalar that no file holds as such (such as a note name taken from a mapping key): {@link
   * #posAt(int)} maps every offset to {@code pos}.
   *
   * @param pos the position to report for it
   * @param path its path
   * @param value the resolved value
   * @param text the text
   * @return the scalar
   */
  public static YScalar synthetic(SourcePos pos, String path, JsonNode value, String text) {
    return new YScalar(pos, path, value, text, ScalarStyle.DERIVED, new SourceText(""));
  }

  @Override
  public SourcePos pos() {
    return pos;
  }

  @Override
  public String path() {
    return path;
  }

  /**
   * The resolved value.
   *
   * @return a text, number, boolean or null node
   */
  public JsonNode value() {
    return value;
  }

  /**
   * The scalar's text after YAML unquoting (for a number, its digits as written).
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * How the scalar was written.
   *
   * @return the style
   */
  public ScalarStyle style() {
    return style;
  }

  /**
   * Whether this is YAML null ({@code ~}, {@code null} or nothing after the colon).
   *
   * @return {@code true} for null
   */
  public boolean isNull() {
    return value.isNull();
  }

  @Override
  public String describe() {
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "a string '" + text + "'";
    }
    if (value.isBoolean()) {
      return "a boolean '" + text + "'";
    }
    return "a number '" + text + "'";
  }

  @Override
  public JsonNode toJson() {
    return value.deepCopy();
  }

  /**
   * The file position of a character of {@link #text()}. Exact for single-line plain and quoted
   * scalars (escapes included) and for literal blocks ({@code |}); for folded and multi-line flow
   * scalars, whose line breaks YAML rewrites, it falls back to the start of the scalar.
   *
   * @param offset index into {@link #text()}
   * @return the position of that character
   */
  public SourcePos posAt(int offset) {
    switch (style) {
      case PLAIN:
        return plainPos(offset);
      case SINGLE_QUOTED:
      case DOUBLE_QUOTED:
        return quotedPos(offset);
      case LITERAL:
        return literalPos(offset);
      default:
        return pos;
    }
  }

  private SourcePos plainPos(int offset) {
    if (offset <= 0) {
      return pos;
    }
    String line = source.line(pos.line());
    int start = pos.column() - 1;
    if (start < 0 || start > line.length()) {
      return pos;
    }
    String rest = line.substring(start);
    int checked = Math.min(offset, text.length());
    if (rest.length() >= checked && rest.regionMatches(0, text, 0, checked)) {
      return pos.plusColumns(offset);
    }
    return pos;
  }

  private SourcePos quotedPos(int offset) {
    String line = source.line(pos.line());
    int raw = pos.column(); // 0-based index just after the opening quote
    int decoded = 0;
    while (decoded < offset) {
      if (raw >= line.length()) {
        return pos; // the scalar continues on the next line: folded, no exact mapping
      }
      char c = line.charAt(raw);
      if (style == ScalarStyle.SINGLE_QUOTED) {
        raw += c == '\'' ? 2 : 1;
      } else if (c == '\\' && raw + 1 < line.length()) {
        char e = line.charAt(raw + 1);
        raw += e == 'x' ? 4 : e == 'u' ? 6 : e == 'U' ? 10 : 2;
      } else {
        raw++;
      }
      decoded++;
    }
    return new SourcePos(pos.file(), pos.line(), raw + 1);
  }

  private SourcePos literalPos(int offset) {
    int indent = -1;
    for (int l = pos.line() + 1; l <= source.lineCount(); l++) {
      String line = source.line(l);
      if (!line.isBlank()) {
        indent = line.length() - line.stripLeading().length();
        break;
      }
    }
    if (indent < 0) {
      return pos;
    }
    int lineIndex = 0;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineIndex++;
        lineStart = i + 1;
      }
    }
    return new SourcePos(pos.file(), pos.line() + 1 + lineIndex, indent + 1 + offset - lineStart);
  }
}

package io.orkestra.katalog.internal.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads YAML text into positioned {@link YNode} trees, one per document, using Jackson's YAML
 * streaming parser (so the token locations are the ones snakeyaml reports).
 *
 * <p>Problems go to the given {@link Problems}: a syntax error stops reading that text (the
 * documents read so far are dropped, since they would only produce follow-up errors); a duplicate
 * key keeps the first value and reports the second; an alias to an unknown anchor is reported and
 * read as null. Aliases to known anchors share the anchored node, so positions inside an alias
 * point at the anchor.
 */
public final class YamlReader {

  /** An empty value ({@code key:} or an empty document) is null, as in Kubernetes' YAML. */
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

  private final String file;
  private final SourceText source;
  private final YAMLParser parser;
  private final Problems problems;
  private final Map<String, YNode> anchors = new HashMap<>();

  private YamlReader(String file, String text, YAMLParser parser, Problems problems) {
    this.file = file;
    this.source = new SourceText(text);
    this.parser = parser;
    this.problems = problems;
  }

  /**
   * Reads every document of a YAML text. An empty document ({@code ---} with nothing after it) is
   * returned as a null {@link YScalar}.
   *
   * @param file display name of the file, used in positions
   * @param text the YAML text
   * @param problems where problems go
   * @return the documents in order; empty when the text has a syntax error
   */
  public static List<YNode> readAll(String file, String text, Problems problems) {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      return new YamlReader(file, text, parser, problems).documents();
    } catch (JsonProcessingException e) {
      SourcePos tab = indentationTab(file, new SourceText(text), e);
      if (tab != null) {
        problems.error(tab, "invalid YAML: tab character in indentation (indent with spaces)");
      } else {
        problems.error(positionOf(file, e), "invalid YAML: " + describe(e));
      }
      return List.of();
    } catch (IOException e) {
      problems.fileError(file, file + ": cannot read YAML: " + e.getMessage());
      return List.of();
    }
  }

  private List<YNode> documents() throws IOException {
    List<YNode> docs = new ArrayList<>();
    JsonToken t = parser.nextToken();
    while (t != null) {
      docs.add(value(t, ""));
      t = parser.nextToken();
    }
    return docs;
  }

  private YNode value(JsonToken t, String path) throws IOException {
    SourcePos pos = here();
    String anchor = t.isStructStart() || t.isScalarValue() ? parser.getObjectId() : null;
    YNode node;
    if (t == JsonToken.START_OBJECT) {
      node = mapping(pos, path);
    } else if (t == JsonToken.START_ARRAY) {
      node = sequence(pos, path);
    } else if (parser.isCurrentAlias()) {
      node = alias(pos, path);
    } else {
      node = scalar(t, pos, path);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private YMap mapping(SourcePos pos, String path) throws IOException {
    Map<String, YEntry> entries = new LinkedHashMap<>();
    JsonToken t = parser.nextToken();
    while (t != JsonToken.END_OBJECT) {
      String key = parser.currentName();
      SourcePos keyPos = here();
      String childPath = path.isEmpty() ? key : path + "." + key;
      YNode v = value(parser.nextToken(), childPath);
      YEntry first = entries.get(key);
      if (first == null) {
        entries.put(key, new YEntry(key, keyPos, v));
      } else {
        problems.error(
            keyPos,
            "duplicate key '"
                + key
                + "' in "
                + where(path)
                + " (first defined at line "
                + first.keyPos().line()
                + ")");
      }
      t = parser.nextToken();
    }
    return new YMap(pos, path, new ArrayList<>(entries.values()));
  }

  private YSeq sequence(SourcePos pos, String path) throws IOException {
    List<YNode> items = new ArrayList<>();
    JsonToken t = parser.nextToken();
    while (t != JsonToken.END_ARRAY) {
      items.add(value(t, path + "[" + items.size() + "]"));
      t = parser.nextToken();
    }
    return new YSeq(pos, path, items);
  }

  private YNode alias(SourcePos pos, String path) throws IOException {
    String name = parser.getText();
    YNode target = anchors.get(name);
    if (target == null) {
      problems.error(pos, "unknown YAML alias '*" + name + "' in " + where(path));
      return new YScalar(
          pos, path, JsonNodeFactory.instance.nullNode(), "", ScalarStyle.PLAIN, source);
    }
    return target;
  }

  private YScalar scalar(JsonToken t, SourcePos pos, String path) throws IOException {
    String text = t == JsonToken.VALUE_NULL ? "" : parser.getText();
    JsonNode value = scalarValue(t, text);
    return new YScalar(pos, path, value, text, styleAt(pos), source);
  }

  private JsonNode scalarValue(JsonToken t, String text) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (t) {
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return f.numberNode(parser.getIntValue());
          case LONG:
            return f.numberNode(parser.getLongValue());
          default:
            return f.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return f.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return f.booleanNode(true);
      case VALUE_FALSE:
        return f.booleanNode(false);
      case VALUE_NULL:
        return f.nullNode();
      default:
        return f.textNode(text);
    }
  }

  private ScalarStyle styleAt(SourcePos pos) {
    switch (source.charAt(pos.line(), pos.column())) {
      case '"':
        return ScalarStyle.DOUBLE_QUOTED;
      case '\'':
        return ScalarStyle.SINGLE_QUOTED;
      case '|':
        return ScalarStyle.LITERAL;
      case '>':
        return ScalarStyle.FOLDED;
      default:
        return ScalarStyle.PLAIN;
    }
  }

  private SourcePos here() {
    JsonLocation loc = parser.currentTokenLocation();
    return new SourcePos(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  private static String where(String path) {
    return path.isEmpty() ? "the document root" : path;
  }

  /**
   * SnakeYAML reports a tab used for indentation at the end of the line before it; this finds the
   * tab itself (the first one in the leading whitespace of a line at or after the reported line).
   */
  private static @Nullable SourcePos indentationTab(
      String file, SourceText source, JsonProcessingException e) {
    if (!(e instanceof MarkedYAMLException m)
        || m.getProblem() == null
        || !m.getProblem().contains("(TAB)")) {
      return null;
    }
    int from = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    for (int line = from; line <= source.lineCount(); line++) {
      String l = source.line(line);
      for (int i = 0; i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t'); i++) {
        if (l.charAt(i) == '\t') {
          return new SourcePos(file, line, i + 1);
        }
      }
    }
    return null;
  }

  private static SourcePos positionOf(String file, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 1) {
      return new SourcePos(file, 1, 1);
    }
    return new SourcePos(file, loc.getLineNr(), Math.max(1, loc.getColumnNr()));
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof MarkedYAMLException) {
      MarkedYAMLException m = (MarkedYAMLException) e;
      String problem = m.getProblem() == null ? "syntax error" : m.getProblem().trim();
      @Nullable String context = m.getContext();
      Mark mark = m.getContextMark();
      if (context != null && mark != null) {
        return problem
            + " ("
            + context.trim()
            + " at line "
            + (mark.getLine() + 1)
            + ", column "
            + (mark.getColumn() + 1)
            + ")";
      }
      return problem;
    }
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }
}

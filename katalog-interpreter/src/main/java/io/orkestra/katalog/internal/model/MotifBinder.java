package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.template.FunctionTable;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a {@code kind: Motif} document (spec §2.14): header, {@code metadata.name},
 * {@code inputs} (name required and unique, type one of {@code string|int|integer|number|bool|
 * boolean}, a default that fits the type), the keys of {@code resources} (hook templates plus a
 * nested {@code onCreate}), {@code status} and {@code admission}, unknown keys with "did you mean",
 * and every input reference in the motif's values naming a declared input.
 *
 * <p>Templates are not compiled here: a motif's values are only complete once substituted into the
 * importing Katalog, whose binder compiles them (with the importer's notes) and reports problems at
 * the motif file's positions.
 */
public final class MotifBinder {

  /**
   * An input reference that is the whole action, substituted textually (spec §3.3 pass 1): {@code
   * {{ .inputs.X }}}, {@code {{ inputs.X }}} or {@code {{ index .inputs "X" }}}. Group 1 or 2 is
   * the input name.
   */
  public static final Pattern INPUT_ACTION =
      Pattern.compile(
          "\\{\\{\\s*(?:\\.?inputs\\.([A-Za-z_][A-Za-z0-9_]*)"
              + "|index\\s+\\.inputs\\s+\"([A-Za-z_][A-Za-z0-9_]*)\")\\s*}}");

  /** Any mention of an input inside a value; group 1 or 2 is the input name. */
  public static final Pattern INPUT_MENTION =
      Pattern.compile(
          "(?<![A-Za-z0-9_.$])\\.?inputs\\.([A-Za-z_][A-Za-z0-9_]*)"
              + "|index\\s+\\.inputs\\s+\"([^\"]*)\"");

  private final Problems problems;
  private final SchemaChecker checker;
  private final Reader read;

  /**
   * Creates a binder for one load.
   *
   * @param problems where problems go
   */
  public MotifBinder(Problems problems) {
    this.problems = problems;
    this.checker = new SchemaChecker(problems);
    this.read = new Reader(problems, checker, FunctionTable.builtins());
  }

  /**
   * Binds one Motif document.
   *
   * @param file display name of the file
   * @param document the document
   * @return the motif (check {@link MotifModel#valid()}), or {@code null} when the document is not
   *     a mapping or not a Motif at all
   */
  public @Nullable MotifModel bind(String file, YNode document) {
    if (!(document instanceof YMap)) {
      problems.error(document.pos(), "a Motif must be a YAML mapping, got " + document.describe());
      return null;
    }
    YMap root = (YMap) document;
    int before = problems.count();
    YNode kind = read.require(root, "kind");
    String k = read.string(kind);
    if (kind != null && k != null && !k.equals("Motif")) {
      problems.error(kind.pos(), file + " must be a Motif, got kind " + k);
      return null;
    }
    checker.check(root, KatalogSchema.MOTIF);
    YNode apiVersion = read.require(root, "apiVersion");
    String av = read.string(apiVersion);
    if (apiVersion != null && av != null && !av.equals(ModelBinder.API_VERSION)) {
      problems.error(
          apiVersion.pos(),
          "unsupported apiVersion '" + av + "' (expected " + ModelBinder.API_VERSION + ")");
    }
    YMap metadata = read.map(read.require(root, "metadata"));
    String name = metadata == null ? null : read.string(read.require(metadata, "name"));
    String version = metadata == null ? null : read.string(metadata.get("version"));
    List<MotifInput> inputs = inputs(root);
    String motifName = name == null ? "" : name;
    for (String key : List.of("resources", "status", "admission", "notes", "profiles")) {
      YNode n = root.get(key);
      if (n != null) {
        references(n, motifName, inputs);
      }
    }
    return new MotifModel(
        file,
        motifName,
        version == null || version.isBlank() ? "latest" : version,
        inputs,
        root,
        problems.count() == before);
  }

  private List<MotifInput> inputs(YMap root) {
    List<MotifInput> out = new ArrayList<>();
    YSeq list = read.list(root.get("inputs"));
    if (list == null) {
      return out;
    }
    Map<String, SourcePos> seen = new HashMap<>();
    for (YNode item : list.items()) {
      YMap m = read.map(item);
      if (m == null) {
        continue;
      }
      YNode nameNode = read.require(m, "name");
      String name = read.string(nameNode);
      read.string(m.get("description"));
      Boolean required = read.bool(m.get("required"));
      MotifInput.Type type = MotifInput.Type.STRING;
      YNode typeNode = m.get("type");
      String t = read.string(typeNode);
      if (typeNode != null && t != null) {
        MotifInput.Type parsed = MotifInput.Type.parse(t).orElse(null);
        if (parsed == null) {
          problems.error(
              typeNode.pos(),
              "unknown input type '"
                  + t
                  + "' in "
                  + m.path()
                  + " (use string, int, integer, number, bool or boolean)"
                  + Suggestions.didYouMean(t, MotifInput.Type.SPELLINGS));
        } else {
          type = parsed;
        }
      }
      YScalar def = null;
      YNode defNode = m.get("default");
      if (defNode != null && !(defNode instanceof YScalar)) {
        problems.error(
            defNode.pos(), m.childPath("default") + " must be a scalar, got " + defNode.describe());
      } else if (defNode != null && !((YScalar) defNode).isNull()) {
        def = (YScalar) defNode;
        if (coerce(type, def) == null) {
          problems.error(
              def.pos(),
              m.childPath("default") + " must be " + article(type) + ", got " + def.describe());
        }
      }
      if (name == null || nameNode == null) {
        continue;
      }
      SourcePos first = seen.putIfAbsent(name, nameNode.pos());
      if (first != null) {
        problems.error(
            nameNode.pos(),
            "input '" + name + "' is declared twice (first at line " + first.line() + ")");
        continue;
      }
      out.add(new MotifInput(name, type, Boolean.TRUE.equals(required), def, nameNode.pos()));
    }
    return out;
  }

  private void references(YNode node, String motif, List<MotifInput> inputs) {
    if (node instanceof YMap) {
      for (YEntry e : ((YMap) node).entries()) {
        references(e.value(), motif, inputs);
      }
    } else if (node instanceof YSeq) {
      for (YNode item : ((YSeq) node).items()) {
        references(item, motif, inputs);
      }
    } else if (node instanceof YScalar && ((YScalar) node).value().isTextual()) {
      YScalar s = (YScalar) node;
      if (!s.text().contains("{{")) {
        return;
      }
      Matcher m = INPUT_MENTION.matcher(s.text());
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        if (inputs.stream().noneMatch(i -> i.name().equals(name))) {
          problems.error(
              s.posAt(m.start()),
              "motif '"
                  + motif
                  + "' declares no input '"
                  + name
                  + "'"
                  + Suggestions.didYouMean(name, inputs.stream().map(MotifInput::name).toList()));
        }
      }
    }
  }

  /**
   * A scalar as a value of an input type: the text for {@code string}; a number or boolean (from a
   * YAML number/boolean or a string spelling one) for the typed inputs. A string holding a template
   * ({@code {{ }}}) fits every type and stays text, to be evaluated per custom resource.
   *
   * @param type the input type
   * @param value the scalar written for it
   * @return the typed value, or {@code null} when it does not fit the type
   */
  public static @Nullable JsonNode coerce(MotifInput.Type type, YScalar value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode v = value.value();
    String text = value.text().strip();
    if (type == MotifInput.Type.STRING || (v.isTextual() && text.contains("{{"))) {
      return f.textNode(value.text());
    }
    switch (type) {
      case INT:
        if (v.isIntegralNumber()) {
          return v;
        }
        if (v.isTextual() && text.matches("[-+]?\\d{1,18}")) {
          return f.numberNode(Long.parseLong(text));
        }
        return null;
      case NUMBER:
        if (v.isNumber()) {
          return v;
        }
        if (v.isTextual() && text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
          return text.matches("[-+]?\\d{1,18}")
              ? f.numberNode(Long.parseLong(text))
              : f.numberNode(Double.parseDouble(text));
        }
        return null;
      default: // BOOL
        if (v.isBoolean()) {
          return v;
        }
        if (v.isTextual() && (text.equals("true") || text.equals("false"))) {
          return f.booleanNode(Boolean.parseBoolean(text));
        }
        return null;
    }
  }

  /**
   * The type with its article for messages.
   *
   * @param type the type
   * @return such as {@code an int} or {@code a bool}
   */
  public static String article(MotifInput.Type type) {
    return (type == MotifInput.Type.INT ? "an " : "a ") + type.spelling();
  }
}

package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.FunctionTable;
import io.orkestra.katalog.internal.template.SourceMap;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.template.TemplateSyntaxException;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of YAML values for the binder. Each read returns {@code null} when the value is
 * absent (or YAML null) and also when it has the wrong type, in which case it records a diagnostic
 * at the value's position; callers just skip what they could not read, so one load reports every
 * problem.
 */
final class Reader {

  private final Problems problems;
  private final SchemaChecker checker;
  private final FunctionTable functions;

  private final java.util.List<Located<String>> teamRefs;

  Reader(Problems problems, SchemaChecker checker, FunctionTable functions) {
    this(problems, checker, functions, new java.util.ArrayList<>());
  }

  private Reader(
      Problems problems,
      SchemaChecker checker,
      FunctionTable functions,
      java.util.List<Located<String>> teamRefs) {
    this.problems = problems;
    this.checker = checker;
    this.functions = functions;
    this.teamRefs = teamRefs;
  }

  /** A reader with other template functions that shares this one's team references. */
  Reader withFunctions(FunctionTable table) {
    return new Reader(problems, checker, table, teamRefs);
  }

  /**
   * Every {@code notify.teams} entry read so far (conditions are bound in many places; the teams
   * are checked once the whole document is bound).
   */
  java.util.List<Located<String>> teamRefs() {
    return teamRefs;
  }

  void error(SourcePos pos, String message) {
    problems.error(pos, message);
  }

  /** The value of a required key; reports it missing unless a typo of it was already reported. */
  @Nullable YNode require(YMap map, String key) {
    YNode v = map.get(key);
    if (v == null || isNull(v)) {
      if (!checker.suggested(map, key)) {
        String where = map.path().isEmpty() ? "at the top level" : "in " + map.path();
        problems.error(
            v == null ? map.pos() : v.pos(), "missing required key '" + key + "' " + where);
      }
      return null;
    }
    return v;
  }

  @Nullable YMap map(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YMap) {
      return (YMap) node;
    }
    problems.error(node.pos(), node.path() + " must be a mapping, got " + node.describe());
    return null;
  }

  @Nullable YSeq list(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YSeq) {
      return (YSeq) node;
    }
    problems.error(node.pos(), node.path() + " must be a list, got " + node.describe());
    return null;
  }

  /** Any scalar as text (YAML numbers and booleans keep the text as written). */
  @Nullable String string(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar) {
      return ((YScalar) node).text();
    }
    problems.error(node.pos(), node.path() + " must be a string, got " + node.describe());
    return null;
  }

  @Nullable Located<String> located(@Nullable YNode node) {
    String s = string(node);
    return s == null || node == null ? null : new Located<>(s, node.pos(), node.path());
  }

  @Nullable Boolean bool(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar && ((YScalar) node).value().isBoolean()) {
      return ((YScalar) node).value().booleanValue();
    }
    problems.error(
        node.pos(), node.path() + " must be a boolean (true or false), got " + node.describe());
    return null;
  }

  /** An integer in {@code min..max}; {@code rule} describes the range for the message. */
  @Nullable Integer integer(@Nullable YNode node, int min, int max, String rule) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar
        && ((YScalar) node).value().canConvertToInt()
        && ((YScalar) node).value().isIntegralNumber()) {
      int v = ((YScalar) node).value().intValue();
      if (v >= min && v <= max) {
        return v;
      }
    }
    problems.error(node.pos(), node.path() + " must be " + rule + ", got " + node.describe());
    return null;
  }

  /** A template from a scalar; YAML numbers and booleans are templates of their text. */
  @Nullable Template template(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (!(node instanceof YScalar)) {
      problems.error(
          node.pos(), node.path() + " must be a string (a template), got " + node.describe());
      return null;
    }
    YScalar s = (YScalar) node;
    try {
      return Template.compile(s.path(), s.text(), s::posAt, functions);
    } catch (TemplateSyntaxException e) {
      problems.error(e.pos(), "template " + s.path() + ": " + e.reason());
      return null;
    }
  }

  /** A template the interpreter implies (such as a default name); it cannot fail to compile. */
  Template implied(String name, String source, SourcePos declaredAt) {
    return Template.compile(name, source, SourceMap.fixed(declaredAt), functions);
  }

  /** A mapping of templates ({@code labels}, {@code data}); keys stay in source order. */
  Map<String, Template> templateMap(@Nullable YNode node) {
    Map<String, Template> out = new LinkedHashMap<>();
    YMap map = map(node);
    if (map == null) {
      return out;
    }
    for (YEntry e : map.entries()) {
      if (e.value() instanceof YScalar && isNull(e.value())) {
        problems.error(e.keyPos(), map.childPath(e.key()) + " has no value");
        continue;
      }
      Template t = template(e.value());
      if (t != null) {
        out.put(e.key(), t);
      }
    }
    return out;
  }

  /**
   * Any YAML value as a tree of templates; a scalar without {@code {{}} also keeps its YAML value.
   * Returns {@code null} for an absent or null value, or when a template does not compile (which
   * is reported).
   */
  @Nullable TemplateTree tree(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YMap) {
      YMap m = (YMap) node;
      Map<String, TemplateTree> entries = new LinkedHashMap<>();
      for (YEntry e : m.entries()) {
        TemplateTree t = tree(e.value());
        if (t != null) {
          entries.put(e.key(), t);
        }
      }
      return new TemplateTree.Branch(m.path(), m.pos(), entries);
    }
    if (node instanceof YSeq) {
      YSeq q = (YSeq) node;
      java.util.List<TemplateTree> items = new java.util.ArrayList<>();
      for (YNode item : q.items()) {
        TemplateTree t = tree(item);
        if (t != null) {
          items.add(t);
        }
      }
      return new TemplateTree.Items(q.path(), q.pos(), items);
    }
    Template t = template(node);
    if (t == null) {
      return null;
    }
    return new TemplateTree.Leaf(t, t.isLiteral() ? ((YScalar) node).value() : null);
  }

  /** Keeps every key of {@code map} not in {@code handled} in {@code pending}, by path. */
  void keepPending(@Nullable YMap map, Set<String> handled, Map<String, YNode> pending) {
    if (map == null) {
      return;
    }
    for (YEntry e : map.entries()) {
      if (!handled.contains(e.key())) {
        pending.put(map.childPath(e.key()), e.value());
      }
    }
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar && ((YScalar) node).isNull();
  }
}

package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.StatusType;
import io.orkestra.katalog.internal.model.TemplateTree;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a shorthand resource's fields (spec §6 "Type coercion"): each read renders the
 * templates of one field and converts the text to what the Kubernetes field needs. A value that
 * cannot be converted fails the reconcile with {@code file:line:col: <field> must ..., got '<text>'
 * (namespace/name)}. Absent fields (and fields that render empty) read as {@code null}.
 */
final class Fields {

  private final TemplateTree.Branch fields;
  private final RenderContext ctx;

  Fields(TemplateTree.Branch fields, RenderContext ctx) {
    this.fields = fields;
    this.ctx = ctx;
  }

  RenderContext ctx() {
    return ctx;
  }

  io.orkestra.katalog.internal.support.SourcePos pos() {
    return fields.pos();
  }

  String path() {
    return fields.path();
  }

  boolean has(String key) {
    return fields.get(key) != null;
  }

  @Nullable TemplateTree get(String key) {
    return fields.get(key);
  }

  /** A nested mapping's fields, or {@code null} when absent. */
  @Nullable Fields nested(String key) {
    TemplateTree t = fields.get(key);
    if (t == null) {
      return null;
    }
    return new Fields(branch(t), ctx);
  }

  /** Text; {@code null} when absent or rendered empty. */
  @Nullable String text(String key) {
    TemplateTree t = fields.get(key);
    return t == null ? null : text(t);
  }

  String text(String key, String fallback) {
    String s = text(key);
    return s == null ? fallback : s;
  }

  /** Text that must not be empty. */
  String required(String key) {
    TemplateTree t = fields.get(key);
    String s = t == null ? null : text(t);
    if (s == null) {
      throw ctx.fail(
          t == null ? fields.pos() : t.pos(),
          (t == null ? fields.path() + "." + key : t.path()) + " rendered empty");
    }
    return s;
  }

  @Nullable String text(TemplateTree t) {
    String s = ctx.eval(leaf(t).template()).trim();
    return s.isEmpty() ? null : s;
  }

  /** An integer in {@code min..max}. */
  @Nullable Integer integer(String key, int min, int max) {
    TemplateTree t = fields.get(key);
    if (t == null || text(t) == null) {
      return null;
    }
    return ctx.evalInt(leaf(t).template(), min, max);
  }

  /** {@code true} or {@code false}. */
  @Nullable Boolean bool(String key) {
    TemplateTree t = fields.get(key);
    if (t == null || text(t) == null) {
      return null;
    }
    return ctx.evalBool(leaf(t).template());
  }

  /**
   * A Kubernetes {@code IntOrString}: a number when it renders to digits, else the text (a port
   * name, a percentage).
   */
  @Nullable JsonNode intOrString(String key, int min, int max) {
    TemplateTree t = fields.get(key);
    String s = t == null ? null : text(t);
    if (s == null) {
      return null;
    }
    if (s.chars().allMatch(Character::isDigit)) {
      return Manifests.JSON.numberNode(ctx.evalInt(leaf(t).template(), min, max));
    }
    return Manifests.JSON.textNode(s);
  }

  /** A list of strings; a single scalar counts as a one-item list. {@code null} when absent. */
  @Nullable ArrayNode strings(String key) {
    TemplateTree t = fields.get(key);
    if (t == null) {
      return null;
    }
    ArrayNode out = Manifests.JSON.arrayNode();
    if (t instanceof TemplateTree.Leaf) {
      String s = text(t);
      if (s != null) {
        out.add(s);
      }
      return out;
    }
    if (!(t instanceof TemplateTree.Items)) {
      throw ctx.fail(t.pos(), t.path() + " must be a list of strings");
    }
    for (TemplateTree item : ((TemplateTree.Items) t).items()) {
      out.add(ctx.eval(leaf(item).template()));
    }
    return out;
  }

  /** A mapping of strings ({@code nodeSelector}, {@code hard}); {@code null} when absent. */
  @Nullable ObjectNode stringMap(String key) {
    TemplateTree t = fields.get(key);
    if (t == null) {
      return null;
    }
    ObjectNode out = Manifests.JSON.objectNode();
    for (Map.Entry<String, TemplateTree> e : branch(t).entries().entrySet()) {
      out.put(e.getKey(), ctx.eval(leaf(e.getValue()).template()));
    }
    return out;
  }

  /** The items of a list field, each as fields; empty when absent. */
  java.util.List<Fields> list(String key) {
    TemplateTree t = fields.get(key);
    if (t == null) {
      return java.util.List.of();
    }
    if (!(t instanceof TemplateTree.Items)) {
      throw ctx.fail(t.pos(), t.path() + " must be a list");
    }
    return ((TemplateTree.Items) t)
        .items().stream().map(i -> new Fields(branch(i), ctx)).toList();
  }

  /** A block copied verbatim, templated strings coerced ({@link #raw(TemplateTree)}). */
  @Nullable JsonNode raw(String key) {
    TemplateTree t = fields.get(key);
    return t == null ? null : raw(t);
  }

  /**
   * A block copied verbatim for an untyped (or Kubernetes-typed) destination: literal scalars keep
   * their YAML type; a templated string goes through Orkestra's {@code TryCoerceString} (integer,
   * number, {@code true}/{@code false}, JSON object or array, else text).
   */
  JsonNode raw(TemplateTree t) {
    if (t instanceof TemplateTree.Branch) {
      ObjectNode out = Manifests.JSON.objectNode();
      ((TemplateTree.Branch) t).entries().forEach((k, v) -> out.set(k, raw(v)));
      return out;
    }
    if (t instanceof TemplateTree.Items) {
      ArrayNode out = Manifests.JSON.arrayNode();
      ((TemplateTree.Items) t).items().forEach(i -> out.add(raw(i)));
      return out;
    }
    TemplateTree.Leaf leaf = (TemplateTree.Leaf) t;
    if (leaf.literal() != null) {
      return leaf.literal().deepCopy();
    }
    String text = ctx.eval(leaf.template());
    return StatusCasts.cast(text, StatusType.AUTO).orElseThrow();
  }

  private TemplateTree.Leaf leaf(TemplateTree t) {
    if (t instanceof TemplateTree.Leaf) {
      return (TemplateTree.Leaf) t;
    }
    throw ctx.fail(t.pos(), t.path() + " must be a single value (a string or template)");
  }

  private TemplateTree.Branch branch(TemplateTree t) {
    if (t instanceof TemplateTree.Branch) {
      return (TemplateTree.Branch) t;
    }
    throw ctx.fail(t.pos(), t.path() + " must be a mapping");
  }
}

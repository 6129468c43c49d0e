package io.orkestra.katalog.internal.render;

import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.Scope;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.template.TemplateEvaluationException;
import org.jspecify.annotations.Nullable;

/**
 * One custom resource being rendered: the template scope and the resource's identity, which every
 * error message ends with ({@code (namespace/name)}).
 */
final class RenderContext {

  private final Scope scope;
  private final String crName;
  private final String crNamespace;
  private final String crId;
  private final java.util.@Nullable List<Fired> fired;

  /**
   * A condition carrying {@code notify:} that evaluated true, with the context it was evaluated
   * in (its message renders there: inside a {@code forEach}, {@code .item} is visible).
   */
  record Fired(io.orkestra.katalog.internal.model.Condition condition, RenderContext ctx) {}

  RenderContext(Scope scope, String crName, String crNamespace) {
    this(scope, crName, crNamespace, null);
  }

  private RenderContext(
      Scope scope, String crName, String crNamespace, java.util.@Nullable List<Fired> fired) {
    this.scope = scope;
    this.crName = crName;
    this.crNamespace = crNamespace;
    this.crId = crNamespace.isEmpty() ? crName : crNamespace + "/" + crName;
    this.fired = fired;
  }

  /** The same context, recording into {@code sink} every {@code notify:} condition that is true. */
  RenderContext collecting(java.util.List<Fired> sink) {
    return new RenderContext(scope, crName, crNamespace, sink);
  }

  /** Records a true {@code notify:} condition (ignored when this context does not collect). */
  void fired(io.orkestra.katalog.internal.model.Condition c) {
    if (fired != null) {
      fired.add(new Fired(c, this));
    }
  }

  String crNamespace() {
    return crNamespace;
  }

  Scope scope() {
    return scope;
  }

  /**
   * The same resource with another root for templates (the resource plus {@code .children}, or
   * plus the {@code forEach} variables of one expansion).
   */
  RenderContext withRoot(com.fasterxml.jackson.databind.JsonNode root) {
    return new RenderContext(
        new Scope(root, scope.clock(), scope.random()), crName, crNamespace, fired);
  }

  String crName() {
    return crName;
  }

  /**
   * The namespace children go to by default: the resource's own, {@code default} if it has none.
   */
  String defaultNamespace() {
    return crNamespace.isEmpty() ? "default" : crNamespace;
  }

  String eval(Template t) {
    try {
      return t.render(scope);
    } catch (TemplateEvaluationException e) {
      throw new OrkestraException(e.getMessage() + " (" + crId + ")", e);
    }
  }

  @Nullable String evalOrNull(@Nullable Template t) {
    return t == null ? null : eval(t);
  }

  /** Renders a template that must produce an integer in {@code min..max}. */
  int evalInt(Template t, int min, int max) {
    String text = eval(t).trim();
    try {
      int v = Integer.parseInt(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw fail(
        t.position(),
        t.name()
            + " must render to an integer from "
            + min
            + " to "
            + max
            + ", got '"
            + text
            + "'");
  }

  /** Renders a template that must produce {@code true} or {@code false}. */
  boolean evalBool(Template t) {
    String text = eval(t).trim();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw fail(t.position(), t.name() + " must render to true or false, got '" + text + "'");
  }

  /** Renders a template that must not be empty (names, images). */
  String evalNonEmpty(Template t) {
    String s = eval(t).trim();
    if (s.isEmpty()) {
      throw fail(t.position(), t.name() + " rendered empty");
    }
    return s;
  }

  OrkestraException fail(SourcePos pos, String message) {
    return new OrkestraException(pos + ": " + message + " (" + crId + ")");
  }
}

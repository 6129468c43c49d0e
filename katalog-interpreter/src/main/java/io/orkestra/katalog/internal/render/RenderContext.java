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

  RenderContext(Scope scope, String crName, String crNamespace) {
    this.scope = scope;
    this.crName = crName;
    this.crNamespace = crNamespace;
    this.crId = crNamespace.isEmpty() ? crName : crNamespace + "/" + crName;
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
        new Scope(root, scope.clock(), scope.random()), crName, crNamespace);
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

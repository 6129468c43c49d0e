package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ResourceKind;
import io.orkestra.katalog.internal.model.ResourceMeta;
import io.orkestra.katalog.internal.template.Template;
import java.util.Map;

/**
 * The parts every rendered child shares: {@code apiVersion}, {@code kind} and {@code metadata}.
 *
 * <p>Labels: the declared labels, then the child labels of spec Appendix A ({@code managed-by:
 * orkestra}, {@code orkestra-owner: <cr name>}), which win over a declared label of the same key
 * because the runtime relies on them.
 */
final class Manifests {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Manifests() {}

  /**
   * A rendered object's skeleton.
   *
   * @param name rendered name
   * @param namespace rendered namespace
   * @param manifest the object ({@code apiVersion}, {@code kind}, {@code metadata} set)
   */
  record Skeleton(String name, String namespace, ObjectNode manifest) {}

  static Skeleton skeleton(ResourceKind kind, ResourceMeta meta, RenderContext ctx) {
    return skeleton(kind, meta, ctx, kind.clusterScoped());
  }

  /**
   * The skeleton; a cluster-scoped object gets no {@code metadata.namespace} and the namespace
   * {@code ""} (so no owner reference: Kubernetes allows none to a namespaced owner).
   */
  static Skeleton skeleton(
      ResourceKind kind, ResourceMeta meta, RenderContext ctx, boolean clusterScoped) {
    String name = ctx.evalNonEmpty(meta.name());
    String namespace =
        clusterScoped
            ? ""
            : meta.namespace() == null
                ? ctx.defaultNamespace()
                : ctx.evalNonEmpty(meta.namespace());
    ObjectNode manifest = JSON.objectNode();
    manifest.put("apiVersion", kind.apiVersion());
    manifest.put("kind", kind.kind());
    ObjectNode metadata = manifest.putObject("metadata");
    metadata.put("name", name);
    if (!clusterScoped) {
      metadata.put("namespace", namespace);
    }
    ObjectNode labels = metadata.putObject("labels");
    renderInto(meta.labels(), labels, ctx);
    labels.put("managed-by", "orkestra");
    labels.put("orkestra-owner", ctx.crName());
    if (!meta.annotations().isEmpty()) {
      renderInto(meta.annotations(), metadata.putObject("annotations"), ctx);
    }
    return new Skeleton(name, namespace, manifest);
  }

  static void renderInto(Map<String, Template> templates, ObjectNode target, RenderContext ctx) {
    templates.forEach((k, t) -> target.put(k, ctx.eval(t)));
  }

  /** A port value: a number when it renders to digits, else a port name ({@code IntOrString}). */
  static void putIntOrString(ObjectNode target, String field, Template t, RenderContext ctx) {
    String s = ctx.eval(t).trim();
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      target.put(field, ctx.evalInt(t, 1, 65535));
    } else if (!s.isEmpty()) {
      target.put(field, s);
    }
  }
}

package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the resource templates of an {@code onCreate}/{@code onReconcile} block. Kinds this slice
 * does not render yet, and per-resource keys it does not implement yet ({@code forEach}, ...), are
 * kept as pending YAML. {@code when}/{@code or} are bound by {@link ConditionBinder}.
 */
final class ResourceBinder {

  private static final Set<String> COMMON =
      Set.of("name", "namespace", "labels", "annotations", "reconcile", "when", "or");

  private final Reader read;

  private final ConditionBinder conditions;

  ResourceBinder(Reader read) {
    this.read = read;
    this.conditions = new ConditionBinder(read);
  }

  HookTemplates hooks(YMap block, Map<String, YNode> pending) {
    List<ResourceTemplate> out = new ArrayList<>();
    for (YEntry e : block.entries()) {
      if (e.key().equals("when") || e.key().equals("or")) {
        continue; // block-level conditions, bound below
      }
      Optional<ResourceKind> kind = ResourceKind.byKey(e.key());
      if (kind.isEmpty() || !kind.get().implemented()) {
        pending.put(block.childPath(e.key()), e.value());
        continue;
      }
      YSeq list = read.list(e.value());
      if (list == null) {
        continue;
      }
      for (YNode item : list.items()) {
        YMap m = read.map(item);
        ResourceTemplate t = m == null ? null : resource(kind.get(), m, pending);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return new HookTemplates(out, conditions.bind(block));
  }

  private @Nullable ResourceTemplate resource(
      ResourceKind kind, YMap m, Map<String, YNode> pending) {
    ResourceMeta meta = meta(kind, m);
    switch (kind) {
      case CONFIG_MAPS:
        keepPending(m, pending, "data");
        Map<String, Template> data = read.templateMap(m.get("data"));
        return meta == null ? null : new ResourceTemplate.ConfigMap(meta, data);
      case SECRETS:
        keepPending(m, pending, "data", "stringData", "type");
        Map<String, Template> secretData = read.templateMap(m.get("data"));
        Map<String, Template> stringData = read.templateMap(m.get("stringData"));
        Template type = read.template(m.get("type"));
        return meta == null
            ? null
            : new ResourceTemplate.Secret(meta, secretData, stringData, type);
      case DEPLOYMENTS:
        return deployment(meta, m, pending);
      case SERVICES:
        keepPending(m, pending, "port", "targetPort", "type", "protocol", "selector");
        Template port = read.template(read.require(m, "port"));
        Template targetPort = read.template(m.get("targetPort"));
        Template serviceType = read.template(m.get("type"));
        Template protocol = read.template(m.get("protocol"));
        Map<String, Template> selector = read.templateMap(m.get("selector"));
        return meta == null || port == null
            ? null
            : new ResourceTemplate.Service(meta, port, targetPort, serviceType, protocol, selector);
      default:
        throw new IllegalStateException("not implemented: " + kind);
    }
  }

  private @Nullable ResourceTemplate deployment(
      @Nullable ResourceMeta meta, YMap m, Map<String, YNode> pending) {
    keepPending(m, pending, "image", "replicas", "port", "protocol", "env");
    Template image = read.template(read.require(m, "image"));
    Template replicas = read.template(m.get("replicas"));
    Template port = read.template(m.get("port"));
    Template protocol = read.template(m.get("protocol"));
    List<EnvVar> env = new ArrayList<>();
    YSeq list = read.list(m.get("env"));
    if (list != null) {
      for (YNode item : list.items()) {
        EnvVar v = envVar(item);
        if (v != null) {
          env.add(v);
        }
      }
    }
    return meta == null || image == null
        ? null
        : new ResourceTemplate.Deployment(meta, image, replicas, port, protocol, env);
  }

  private @Nullable EnvVar envVar(YNode item) {
    YMap m = read.map(item);
    if (m == null) {
      return null;
    }
    String name = read.string(read.require(m, "name"));
    Template value = read.template(m.get("value"));
    YMap valueFrom = read.map(m.get("valueFrom"));
    if (value != null && valueFrom != null) {
      read.error(m.pos(), m.path() + " has both value and valueFrom; keep one");
      return null;
    }
    JsonNode from = valueFrom == null ? null : valueFrom.toJson();
    return name == null ? null : new EnvVar(name, value, from);
  }

  private @Nullable ResourceMeta meta(ResourceKind kind, YMap m) {
    Template name =
        m.has("name")
            ? read.template(read.require(m, "name"))
            : read.implied(m.childPath("name"), kind.defaultNameTemplate(), m.pos());
    Template namespace = read.template(m.get("namespace"));
    Map<String, Template> labels = read.templateMap(m.get("labels"));
    Map<String, Template> annotations = read.templateMap(m.get("annotations"));
    Boolean reconcile = read.bool(m.get("reconcile"));
    Conditions when = conditions.bind(m);
    if (name == null) {
      return null;
    }
    return new ResourceMeta(
        m.path(),
        m.pos(),
        name,
        namespace,
        labels,
        annotations,
        Boolean.TRUE.equals(reconcile),
        when);
  }

  private void keepPending(YMap m, Map<String, YNode> pending, String... kindKeys) {
    Set<String> handled = new HashSet<>(COMMON);
    handled.addAll(List.of(kindKeys));
    read.keepPending(m, handled, pending);
  }
}

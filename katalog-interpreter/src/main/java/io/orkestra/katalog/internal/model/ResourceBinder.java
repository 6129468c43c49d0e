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
 * Binds the resource templates of an {@code onCreate}/{@code onReconcile} block. ConfigMaps,
 * deployments, services and secrets bind into their own records; every other kind binds into a
 * {@link ResourceTemplate.Shorthand} whose fields are kept as templates (their keys were checked
 * against the kind's shape in {@link KatalogSchema}). Per-resource keys not acted on yet ({@code
 * sleep}, {@code forceConflict}, ...) are kept as pending YAML. {@code when}/{@code or} are bound
 * by {@link ConditionBinder}, {@code forEach} here.
 */
final class ResourceBinder {

  private static final Set<String> COMMON =
      Set.of("name", "namespace", "labels", "annotations", "reconcile", "when", "or", "forEach");

  /** Roots of the template data a {@code forEach.as} must not hide ({@code item} is allowed). */
  private static final Set<String> RESERVED_ROOTS =
      Set.of("apiVersion", "kind", "metadata", "spec", "status", "children", "value");

  /** Keys of every kind that are accepted but not acted on yet. */
  private static final Set<String> NOT_YET = Set.of("sleep", "forceConflict");

  /** Required shorthand keys per kind (beyond {@code name} for kinds without a default name). */
  private static final Map<ResourceKind, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry(ResourceKind.STATEFUL_SETS, List.of("image")),
          Map.entry(ResourceKind.REPLICA_SETS, List.of("image")),
          Map.entry(ResourceKind.PODS, List.of("image")),
          Map.entry(ResourceKind.JOBS, List.of("image")),
          Map.entry(ResourceKind.CRON_JOBS, List.of("image", "schedule")),
          Map.entry(ResourceKind.PERSISTENT_VOLUME_CLAIMS, List.of("storage")),
          Map.entry(ResourceKind.PERSISTENT_VOLUMES, List.of("capacity")),
          Map.entry(ResourceKind.HPA, List.of("scaleTargetRef", "maxReplicas")),
          Map.entry(ResourceKind.ROLE_BINDINGS, List.of("roleRef")),
          Map.entry(ResourceKind.CLUSTER_ROLE_BINDINGS, List.of("roleRef")),
          Map.entry(ResourceKind.CUSTOM, List.of("apiVersion", "kind", "metadata")));

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
      if (kind.isEmpty()) {
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
        keepPending(m, pending, "data", "stringData", "type", "once");
        Map<String, Template> secretData = read.templateMap(m.get("data"));
        Map<String, Template> stringData = read.templateMap(m.get("stringData"));
        Template type = read.template(m.get("type"));
        boolean once = Boolean.TRUE.equals(read.bool(m.get("once")));
        return meta == null
            ? null
            : new ResourceTemplate.Secret(meta, secretData, stringData, type, once);
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
        return shorthand(kind, meta, m, pending);
    }
  }

  private @Nullable ResourceTemplate shorthand(
      ResourceKind kind, @Nullable ResourceMeta meta, YMap m, Map<String, YNode> pending) {
    boolean ok = meta != null;
    for (String key : REQUIRED.getOrDefault(kind, List.of())) {
      ok &= read.require(m, key) != null;
    }
    Map<String, TemplateTree> fields = new java.util.LinkedHashMap<>();
    Set<String> skip = new HashSet<>(COMMON);
    skip.addAll(NOT_YET);
    if (kind == ResourceKind.CUSTOM) {
      skip.remove("name"); // custom has no top-level name/namespace/labels: they sit in metadata
      skip.remove("namespace");
      skip.remove("labels");
      skip.remove("annotations");
      skip.add("metadata");
      skip.add("hasStatus");
    }
    for (YEntry e : m.entries()) {
      if (skip.contains(e.key())) {
        if (NOT_YET.contains(e.key()) || e.key().equals("hasStatus")) {
          pending.put(m.childPath(e.key()), e.value());
        }
        continue;
      }
      TemplateTree t = read.tree(e.value());
      if (t != null) {
        fields.put(e.key(), t);
      }
    }
    boolean clusterScoped = kind.clusterScoped();
    if (kind == ResourceKind.CUSTOM) {
      YMap metadata = read.map(m.get("metadata"));
      Boolean namespaced = metadata == null ? null : read.bool(metadata.get("namespaced"));
      clusterScoped = Boolean.FALSE.equals(namespaced);
    }
    if (!ok || meta == null) {
      return null;
    }
    return new ResourceTemplate.Shorthand(
        kind, meta, new TemplateTree.Branch(m.path(), m.pos(), fields), clusterScoped);
  }

  private @Nullable ResourceTemplate deployment(
      @Nullable ResourceMeta meta, YMap m, Map<String, YNode> pending) {
    keepPending(m, pending, "image", "replicas", "port", "protocol", "env", "tag", "imagePullSecrets",
        "resources", "envFrom", "nodeSelector", "serviceAccountName", "workingDirectory", "probes",
        "securityContext", "podSecurity", "volumes", "volumeMounts", "command", "args");
    Map<String, TemplateTree> podFields = new java.util.LinkedHashMap<>();
    for (YEntry e : m.entries()) {
      if (!COMMON.contains(e.key()) && !NOT_YET.contains(e.key()) && !e.key().equals("replicas")) {
        TemplateTree t = read.tree(e.value());
        if (t != null) {
          podFields.put(e.key(), t);
        }
      }
    }
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
        : new ResourceTemplate.Deployment(meta, image, replicas, port, protocol, env,
            new TemplateTree.Branch(m.path(), m.pos(), podFields));
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
    // custom resources carry name, namespace, labels and annotations in a metadata block
    YMap names = kind == ResourceKind.CUSTOM ? read.map(m.get("metadata")) : m;
    if (names == null) {
      return null; // reported as missing by the caller
    }
    Template name;
    if (names.has("name") || !kind.hasDefaultName()) {
      name = read.template(read.require(names, "name"));
    } else {
      name = read.implied(names.childPath("name"), kind.defaultNameTemplate(), names.pos());
    }
    Template namespace = read.template(names.get("namespace"));
    if (namespace != null && kind.clusterScoped()) {
      read.error(
          names.get("namespace").pos(),
          names.childPath("namespace")
              + ": "
              + kind.kind()
              + " objects are cluster-scoped and have no namespace");
      namespace = null;
    }
    Map<String, Template> labels = read.templateMap(names.get("labels"));
    Map<String, Template> annotations = read.templateMap(names.get("annotations"));
    Boolean reconcile = read.bool(m.get("reconcile"));
    Conditions when = conditions.bind(m);
    ForEach forEach = forEach(m.get("forEach"));
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
        when,
        forEach);
  }

  private @Nullable ForEach forEach(@Nullable YNode node) {
    YMap m = read.map(node);
    if (m == null) {
      return null;
    }
    YNode fieldNode = read.require(m, "field");
    String field = read.string(fieldNode);
    String as = read.string(m.get("as"));
    if (field == null || fieldNode == null) {
      return null;
    }
    String path = field.trim();
    if (path.startsWith("{{") && path.endsWith("}}")) {
      path = path.substring(2, path.length() - 2).trim(); // "{{ .spec.items }}" names a path too
    }
    if (path.startsWith(".")) {
      path = path.substring(1);
    }
    if (path.isEmpty() || !path.matches("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*")) {
      read.error(
          fieldNode.pos(),
          m.childPath("field")
              + " must be a dot path into the resource such as spec.databases, got '"
              + field
              + "'");
      return null;
    }
    if (as != null && !as.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      read.error(
          m.get("as").pos(), m.childPath("as") + " must be an identifier, got '" + as + "'");
      return null;
    }
    if (as != null && RESERVED_ROOTS.contains(as)) {
      read.error(
          m.get("as").pos(),
          m.childPath("as")
              + " '"
              + as
              + "' would hide ."
              + as
              + " of the resource; choose another name");
      return null;
    }
    return new ForEach(field, List.of(path.split("\\.")), as, fieldNode.pos());
  }

  private void keepPending(YMap m, Map<String, YNode> pending, String... kindKeys) {
    Set<String> handled = new HashSet<>(COMMON);
    handled.addAll(List.of(kindKeys));
    read.keepPending(m, handled, pending);
  }
}

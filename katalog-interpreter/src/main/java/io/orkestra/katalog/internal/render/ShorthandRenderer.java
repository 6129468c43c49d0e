package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ResourceKind;
import io.orkestra.katalog.internal.model.ResourceTemplate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders every kind without a record of its own from Orkestra's shorthand fields (spec §2.5).
 * Numbers and booleans are typed as Kubernetes needs ({@link Fields}); blocks Kubernetes defines
 * ({@code resources}, {@code volumes}, {@code securityContext}, {@code custom.spec}, ...) are
 * copied verbatim with templated strings coerced.
 *
 * <p>Pod workloads (statefulSets, replicaSets, pods, jobs, cronJobs) get one container named after
 * the resource with {@code image} ({@code :tag} appended when given), {@code port}/{@code
 * protocol}, {@code env}, {@code envFrom}, {@code command}, {@code args}, {@code resources}, {@code
 * workingDirectory}, {@code securityContext}, {@code volumeMounts}, {@code probes}; the pod gets
 * {@code nodeSelector}, {@code serviceAccountName}, {@code imagePullSecrets}, {@code podSecurity},
 * {@code volumes}, and the labels {@code app: <name>} plus the declared labels. Named presets
 * ({@code profile}) and copy/fan-out keys ({@code from*}, {@code toNamespaces}, {@code autoscale},
 * {@code rollingUpdate}, {@code behavior}) are accepted but not rendered yet.
 */
final class ShorthandRenderer {

  private ShorthandRenderer() {}

  static Manifests.Skeleton render(ResourceTemplate.Shorthand t, RenderContext ctx) {
    Fields f = new Fields(t.fields(), ctx);
    if (t.kind() == ResourceKind.CUSTOM) {
      return custom(t, f, ctx);
    }
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx, t.clusterScoped());
    ObjectNode m = s.manifest();
    switch (t.kind()) {
      case STATEFUL_SETS:
        statefulSet(m.putObject("spec"), s, f, ctx, t);
        break;
      case REPLICA_SETS:
        replicaSet(m.putObject("spec"), s, f, ctx, t);
        break;
      case PODS:
        m.set("spec", podSpec(s.name(), f, "Always"));
        break;
      case JOBS:
        job(m.putObject("spec"), s, f, ctx, t);
        break;
      case CRON_JOBS:
        cronJob(m.putObject("spec"), s, f, ctx, t);
        break;
      case INGRESSES:
        ingress(m.putObject("spec"), s, f);
        break;
      case PERSISTENT_VOLUME_CLAIMS:
        pvc(m.putObject("spec"), f);
        break;
      case PERSISTENT_VOLUMES:
        pv(m.putObject("spec"), f);
        break;
      case NAMESPACES:
        break;
      case SERVICE_ACCOUNTS:
        serviceAccount(m, f);
        break;
      case ROLES:
      case CLUSTER_ROLES:
        rules(m, f);
        break;
      case ROLE_BINDINGS:
        binding(m, f, "Role", s.namespace());
        break;
      case CLUSTER_ROLE_BINDINGS:
        binding(m, f, "ClusterRole", ctx.defaultNamespace());
        break;
      case NETWORK_POLICIES:
        networkPolicy(m.putObject("spec"), f);
        break;
      case RESOURCE_QUOTAS:
        putIfPresent(m.putObject("spec"), "hard", f.stringMap("hard"));
        break;
      case LIMIT_RANGES:
        limitRange(m.putObject("spec"), f);
        break;
      case HPA:
        hpa(m.putObject("spec"), f);
        break;
      case PDB:
        pdb(m.putObject("spec"), s, f);
        break;
      default:
        throw new IllegalStateException("no shorthand renderer for " + t.kind());
    }
    return s;
  }

  // ---- workloads ------------------------------------------------------------------------------

  private static void statefulSet(
      ObjectNode spec,
      Manifests.Skeleton s,
      Fields f,
      RenderContext ctx,
      ResourceTemplate.Shorthand t) {
    Integer replicas = f.integer("replicas", 0, 1_000_000);
    if (replicas != null) {
      spec.put("replicas", replicas);
    }
    spec.put("serviceName", f.text("serviceName", s.name()));
    spec.putObject("selector").putObject("matchLabels").put("app", s.name());
    ObjectNode pod = podTemplate(spec, s, ctx, t);
    ObjectNode podSpec = podSpec(s.name(), f, null);
    pod.set("spec", podSpec);
    java.util.List<Fields> claims = f.list("volumeClaimTemplates");
    if (claims.isEmpty()) {
      return;
    }
    ArrayNode templates = spec.putArray("volumeClaimTemplates");
    ObjectNode container = (ObjectNode) podSpec.path("containers").get(0);
    ArrayNode mounts =
        container.get("volumeMounts") instanceof ArrayNode a
            ? a
            : container.putArray("volumeMounts");
    for (Fields c : claims) {
      String name = c.text("name", "data");
      ObjectNode claim = templates.addObject();
      claim.putObject("metadata").put("name", name);
      ObjectNode claimSpec = claim.putObject("spec");
      ArrayNode modes = c.strings("accessModes");
      claimSpec.set("accessModes", modes != null ? modes : readWriteOnce());
      String storageClass = c.text("storageClass");
      if (storageClass != null) {
        claimSpec.put("storageClassName", storageClass);
      }
      claimSpec
          .putObject("resources")
          .putObject("requests")
          .put("storage", c.required("storageSize"));
      ObjectNode mount = mounts.addObject();
      mount.put("name", name);
      mount.put("mountPath", c.text("mountPath", "/data"));
    }
  }

  private static void replicaSet(
      ObjectNode spec,
      Manifests.Skeleton s,
      Fields f,
      RenderContext ctx,
      ResourceTemplate.Shorthand t) {
    Integer replicas = f.integer("replicas", 0, 1_000_000);
    if (replicas != null) {
      spec.put("replicas", replicas);
    }
    spec.putObject("selector").putObject("matchLabels").put("app", s.name());
    podTemplate(spec, s, ctx, t).set("spec", podSpec(s.name(), f, null));
  }

  private static void job(
      ObjectNode spec,
      Manifests.Skeleton s,
      Fields f,
      RenderContext ctx,
      ResourceTemplate.Shorthand t) {
    Integer backoff = f.integer("backoffLimit", 0, Integer.MAX_VALUE);
    spec.put("backoffLimit", backoff == null ? 3 : backoff);
    podTemplate(spec, s, ctx, t).set("spec", podSpec(s.name(), f, "Never"));
  }

  private static void cronJob(
      ObjectNode spec,
      Manifests.Skeleton s,
      Fields f,
      RenderContext ctx,
      ResourceTemplate.Shorthand t) {
    spec.put("schedule", f.required("schedule"));
    Boolean suspend = f.bool("suspend");
    if (suspend != null) {
      spec.put("suspend", suspend);
    }
    putInt(spec, "successfulJobsHistoryLimit", f.integer("successfulJobsHistoryLimit", 0, 1000));
    putInt(spec, "failedJobsHistoryLimit", f.integer("failedJobsHistoryLimit", 0, 1000));
    putInt(
        spec,
        "startingDeadlineSeconds",
        f.integer("startingDeadlineSeconds", 0, Integer.MAX_VALUE));
    String policy = f.text("concurrencyPolicy");
    if (policy != null) {
      spec.put(
          "concurrencyPolicy",
          policy.substring(0, 1).toUpperCase(Locale.ROOT)
              + policy.substring(1).toLowerCase(Locale.ROOT));
    }
    ObjectNode jobSpec = spec.putObject("jobTemplate").putObject("spec");
    putInt(jobSpec, "backoffLimit", f.integer("backoffLimit", 0, Integer.MAX_VALUE));
    podTemplate(jobSpec, s, ctx, t).set("spec", podSpec(s.name(), f, "OnFailure"));
  }

  /** {@code spec.template} with labels {@code app: <name>} and the declared labels. */
  private static ObjectNode podTemplate(
      ObjectNode spec, Manifests.Skeleton s, RenderContext ctx, ResourceTemplate.Shorthand t) {
    ObjectNode pod = spec.putObject("template");
    ObjectNode labels = pod.putObject("metadata").putObject("labels");
    Manifests.renderInto(t.meta().labels(), labels, ctx);
    labels.put("app", s.name());
    return pod;
  }

  /** A pod spec with one container named {@code name}. */
  /**
   * The pod spec of the pod shorthand: one container named {@code name} from {@code image}/{@code
   * tag}, {@code command}, {@code args}, {@code port}, {@code env}, {@code envFrom}, {@code
   * resources}, {@code securityContext}, {@code volumeMounts} and {@code probes}, plus the pod's
   * {@code nodeSelector}, {@code serviceAccountName}, {@code imagePullSecrets}, {@code podSecurity}
   * and {@code volumes}. Also used for deployments.
   */
  static ObjectNode podSpec(String name, Fields f, @Nullable String restartPolicy) {
    ObjectNode pod = Manifests.JSON.objectNode();
    ObjectNode c = pod.putArray("containers").addObject();
    c.put("name", name);
    String image = f.required("image");
    String tag = f.text("tag");
    c.put("image", tag == null || image.substring(image.lastIndexOf('/') + 1).contains(":")
        ? image
        : image + ":" + tag);
    putIfPresent(c, "command", f.strings("command"));
    putIfPresent(c, "args", f.strings("args"));
    String workingDir = f.text("workingDirectory");
    if (workingDir != null) {
      c.put("workingDir", workingDir);
    }
    Integer port = null;
    if (f.has("port") && f.text("port") != null && !"0".equals(f.text("port"))) {
      port = f.integer("port", 1, 65535);
      ObjectNode p = c.putArray("ports").addObject();
      p.put("containerPort", port);
      String protocol = f.text("protocol");
      if (protocol != null) {
        p.put("protocol", protocol);
      }
    }
    ArrayNode env = env(f);
    if (env != null) {
      c.set("env", env);
    }
    ArrayNode envFrom = envFrom(f);
    if (envFrom != null) {
      c.set("envFrom", envFrom);
    }
    JsonNode resources = withoutProfile(f.raw("resources"));
    putIfPresent(c, "resources", resources);
    putIfPresent(c, "securityContext", withoutProfile(f.raw("securityContext")));
    putIfPresent(c, "volumeMounts", f.raw("volumeMounts"));
    Fields probes = f.nested("probes");
    if (probes != null) {
      for (String kind : new String[] {"startup", "liveness", "readiness"}) {
        Fields probe = probes.nested(kind);
        if (probe != null) {
          c.set(kind + "Probe", probe(probe, port));
        }
      }
    }
    if (restartPolicy != null) {
      pod.put("restartPolicy", restartPolicy);
    }
    putIfPresent(pod, "nodeSelector", f.stringMap("nodeSelector"));
    String sa = f.text("serviceAccountName");
    if (sa != null) {
      pod.put("serviceAccountName", sa);
    }
    ArrayNode pullSecrets = f.strings("imagePullSecrets");
    if (pullSecrets != null) {
      ArrayNode refs = pod.putArray("imagePullSecrets");
      pullSecrets.forEach(n -> refs.addObject().put("name", n.asText()));
    }
    putIfPresent(pod, "securityContext", withoutProfile(f.raw("podSecurity")));
    putIfPresent(pod, "volumes", f.raw("volumes"));
    return pod;
  }

  private static @Nullable ArrayNode env(Fields f) {
    java.util.List<Fields> vars = f.list("env");
    if (vars.isEmpty()) {
      return null;
    }
    ArrayNode env = Manifests.JSON.arrayNode();
    for (Fields v : vars) {
      ObjectNode e = env.addObject();
      e.put("name", v.required("name"));
      if (v.has("valueFrom")) {
        e.set("valueFrom", v.raw("valueFrom"));
      } else {
        e.put("value", v.text("value", ""));
      }
    }
    return env;
  }

  private static @Nullable ArrayNode envFrom(Fields f) {
    Fields from = f.nested("envFrom");
    if (from == null) {
      return null;
    }
    ArrayNode out = Manifests.JSON.arrayNode();
    for (String kind : new String[] {"secretRef", "configMapRef"}) {
      for (Fields ref : from.list(kind)) {
        ObjectNode source = out.addObject();
        String prefix = ref.text("prefix");
        if (prefix != null) {
          source.put("prefix", prefix);
        }
        ObjectNode r = source.putObject(kind);
        r.put("name", ref.required("name"));
        Boolean optional = ref.bool("optional");
        if (optional != null) {
          r.put("optional", optional);
        }
      }
    }
    return out;
  }

  /** {@code type: http} (default, {@code path} default {@code /}) or {@code tcp}. */
  private static ObjectNode probe(Fields probe, @Nullable Integer containerPort) {
    ObjectNode out = Manifests.JSON.objectNode();
    JsonNode port = probe.intOrString("port", 1, 65535);
    if (port == null) {
      if (containerPort == null) {
        throw probe
            .ctx()
            .fail(
                probe.pos(),
                probe.path() + " needs a port: set the probe's port or the container's port");
      }
      port = Manifests.JSON.numberNode(containerPort);
    }
    String type = probe.text("type", "http").toLowerCase(Locale.ROOT);
    if (type.equals("tcp")) {
      out.putObject("tcpSocket").set("port", port);
    } else {
      ObjectNode http = out.putObject("httpGet");
      http.put("path", probe.text("path", "/"));
      http.set("port", port);
    }
    return out;
  }

  // ---- networking and storage -----------------------------------------------------------------

  private static void ingress(ObjectNode spec, Manifests.Skeleton s, Fields f) {
    String className = f.text("className");
    if (className != null) {
      spec.put("ingressClassName", className);
    }
    ObjectNode rule = spec.putArray("rules").addObject();
    String host = f.text("host");
    if (host != null) {
      rule.put("host", host);
    }
    ObjectNode path = rule.putObject("http").putArray("paths").addObject();
    path.put("path", f.text("path", "/"));
    path.put("pathType", f.text("pathType", "Prefix"));
    ObjectNode service = path.putObject("backend").putObject("service");
    service.put("name", f.required("serviceName"));
    JsonNode port = f.intOrString("servicePort", 1, 65535);
    if (port == null) {
      f.required("servicePort"); // reports it empty
    } else if (port.isNumber()) {
      service.putObject("port").set("number", port);
    } else {
      service.putObject("port").set("name", port);
    }
    Fields tls = f.nested("tls");
    if (tls != null) {
      ObjectNode entry = spec.putArray("tls").addObject();
      ArrayNode hosts = tls.strings("hosts");
      if (hosts == null && host != null) {
        hosts = Manifests.JSON.arrayNode().add(host);
      }
      putIfPresent(entry, "hosts", hosts);
      entry.put("secretName", tls.text("secretName", s.name() + "-tls"));
    }
  }

  private static void pvc(ObjectNode spec, Fields f) {
    ArrayNode modes = f.strings("accessModes");
    spec.set("accessModes", modes != null ? modes : readWriteOnce());
    putText(spec, "storageClassName", f.text("storageClassName"));
    putText(spec, "volumeMode", f.text("volumeMode"));
    putText(spec, "volumeName", f.text("volumeName"));
    spec.putObject("resources").putObject("requests").put("storage", f.required("storage"));
  }

  private static void pv(ObjectNode spec, Fields f) {
    spec.putObject("capacity").put("storage", f.required("capacity"));
    ArrayNode modes = f.strings("accessModes");
    spec.set("accessModes", modes != null ? modes : readWriteOnce());
    spec.put("persistentVolumeReclaimPolicy", f.text("reclaimPolicy", "Retain"));
    putText(spec, "storageClassName", f.text("storageClassName"));
    String hostPath = f.text("hostPath");
    if (hostPath != null) {
      spec.putObject("hostPath").put("path", hostPath);
    }
    String driver = f.text("csiDriver");
    if (driver != null) {
      ObjectNode csi = spec.putObject("csi");
      csi.put("driver", driver);
      csi.put("volumeHandle", f.required("csiVolumeHandle"));
    }
  }

  private static void networkPolicy(ObjectNode spec, Fields f) {
    spec.set("podSelector", selector(f.stringMap("podSelector")));
    ArrayNode types = f.strings("policyTypes");
    if (types == null) {
      types = Manifests.JSON.arrayNode();
      if (f.has("ingress")) {
        types.add("Ingress");
      }
      if (f.has("egress")) {
        types.add("Egress");
      }
    }
    if (f.has("ingress")) {
      spec.set("ingress", policyRules(f.list("ingress"), "from"));
    }
    if (f.has("egress")) {
      spec.set("egress", policyRules(f.list("egress"), "to"));
    }
    if (!types.isEmpty()) {
      spec.set("policyTypes", types);
    }
  }

  private static ArrayNode policyRules(java.util.List<Fields> rules, String peersKey) {
    ArrayNode out = Manifests.JSON.arrayNode();
    for (Fields rule : rules) {
      ObjectNode r = out.addObject();
      if (rule.has(peersKey)) {
        ArrayNode peers = r.putArray(peersKey);
        for (Fields peer : rule.list(peersKey)) {
          ObjectNode p = peers.addObject();
          if (peer.has("podSelector")) {
            p.set("podSelector", selector(peer.stringMap("podSelector")));
          }
          if (peer.has("namespaceSelector")) {
            p.set("namespaceSelector", selector(peer.stringMap("namespaceSelector")));
          }
          Fields block = peer.nested("ipBlock");
          if (block != null) {
            ObjectNode b = p.putObject("ipBlock");
            b.put("cidr", block.required("cidr"));
            putIfPresent(b, "except", block.strings("except"));
          }
        }
      }
      if (rule.has("ports")) {
        ArrayNode ports = r.putArray("ports");
        for (Fields port : rule.list("ports")) {
          ObjectNode p = ports.addObject();
          putText(p, "protocol", port.text("protocol"));
          putIfPresent(p, "port", port.intOrString("port", 1, 65535));
        }
      }
    }
    return out;
  }

  /** A label selector from a flat map; an empty (or absent) map selects everything. */
  private static ObjectNode selector(@Nullable ObjectNode labels) {
    ObjectNode sel = Manifests.JSON.objectNode();
    if (labels != null && !labels.isEmpty()) {
      sel.set("matchLabels", labels);
    }
    return sel;
  }

  // ---- RBAC, accounts, policy -----------------------------------------------------------------

  private static void serviceAccount(ObjectNode m, Fields f) {
    Boolean automount = f.bool("automountServiceAccountToken");
    if (automount != null) {
      m.put("automountServiceAccountToken", automount);
    }
    ArrayNode pullSecrets = f.strings("imagePullSecrets");
    if (pullSecrets != null) {
      ArrayNode refs = m.putArray("imagePullSecrets");
      pullSecrets.forEach(n -> refs.addObject().put("name", n.asText()));
    }
  }

  private static void rules(ObjectNode m, Fields f) {
    ArrayNode rules = m.putArray("rules");
    for (Fields r : f.list("rules")) {
      ObjectNode rule = rules.addObject();
      ArrayNode groups = r.strings("apiGroups");
      rule.set("apiGroups", groups != null ? groups : Manifests.JSON.arrayNode().add(""));
      putIfPresent(rule, "resources", r.strings("resources"));
      putIfPresent(rule, "verbs", r.strings("verbs"));
      putIfPresent(rule, "resourceNames", r.strings("resourceNames"));
    }
  }

  private static void binding(
      ObjectNode m, Fields f, String defaultRoleKind, String defaultSubjectNamespace) {
    Fields ref = f.nested("roleRef");
    ObjectNode roleRef = m.putObject("roleRef");
    roleRef.put("apiGroup", "rbac.authorization.k8s.io");
    roleRef.put("kind", ref == null ? defaultRoleKind : ref.text("kind", defaultRoleKind));
    if (ref != null) {
      roleRef.put("name", ref.required("name"));
    }
    ArrayNode subjects = m.putArray("subjects");
    for (Fields s : f.list("subjects")) {
      ObjectNode subject = subjects.addObject();
      String kind = s.text("kind", "ServiceAccount");
      subject.put("kind", kind);
      subject.put("name", s.required("name"));
      if (kind.equals("ServiceAccount")) {
        subject.put("namespace", s.text("namespace", defaultSubjectNamespace));
      } else {
        subject.put("apiGroup", "rbac.authorization.k8s.io");
        putText(subject, "namespace", s.text("namespace"));
      }
    }
  }

  private static void limitRange(ObjectNode spec, Fields f) {
    ArrayNode limits = spec.putArray("limits");
    for (Fields item : f.list("limits")) {
      ObjectNode l = limits.addObject();
      l.put("type", item.required("type"));
      for (String k :
          new String[] {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
        putIfPresent(l, k, item.stringMap(k));
      }
    }
  }

  private static void hpa(ObjectNode spec, Fields f) {
    Fields ref = f.nested("scaleTargetRef");
    ObjectNode target = spec.putObject("scaleTargetRef");
    if (ref != null) {
      target.put("apiVersion", ref.text("apiVersion", "apps/v1"));
      target.put("kind", ref.text("kind", "Deployment"));
      target.put("name", ref.required("name"));
    }
    putInt(spec, "minReplicas", f.integer("minReplicas", 1, 1_000_000));
    Integer max = f.integer("maxReplicas", 1, 1_000_000);
    if (max == null) {
      f.required("maxReplicas");
    }
    spec.put("maxReplicas", max);
    Integer cpu = f.integer("targetCPUUtilizationPercentage", 1, 100);
    if (cpu != null) {
      ObjectNode resource =
          spec.putArray("metrics").addObject().put("type", "Resource").putObject("resource");
      resource.put("name", "cpu");
      ObjectNode target2 = resource.putObject("target");
      target2.put("type", "Utilization");
      target2.put("averageUtilization", cpu);
    }
  }

  private static void pdb(ObjectNode spec, Manifests.Skeleton s, Fields f) {
    ObjectNode labels = f.stringMap("selector");
    if (labels == null || labels.isEmpty()) {
      labels = Manifests.JSON.objectNode().put("app", s.name());
    }
    spec.putObject("selector").set("matchLabels", labels);
    putIfPresent(spec, "minAvailable", f.intOrString("minAvailable", 0, Integer.MAX_VALUE));
    putIfPresent(spec, "maxUnavailable", f.intOrString("maxUnavailable", 0, Integer.MAX_VALUE));
  }

  // ---- custom ---------------------------------------------------------------------------------

  /**
   * {@code custom}: {@code apiVersion} and {@code kind} rendered, {@code metadata} from the
   * declaration's metadata block, every other top-level key ({@code spec}, {@code status}, {@code
   * data}, ...) copied verbatim with coercion.
   */
  private static Manifests.Skeleton custom(
      ResourceTemplate.Shorthand t, Fields f, RenderContext ctx) {
    String apiVersion = f.required("apiVersion");
    String kind = f.required("kind");
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx, t.clusterScoped());
    ObjectNode m = s.manifest();
    m.put("apiVersion", apiVersion);
    m.put("kind", kind);
    for (String key : t.fields().entries().keySet()) {
      if (!key.equals("apiVersion") && !key.equals("kind")) {
        m.set(key, f.raw(key));
      }
    }
    return s;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static ArrayNode readWriteOnce() {
    return Manifests.JSON.arrayNode().add("ReadWriteOnce");
  }

  private static @Nullable JsonNode withoutProfile(@Nullable JsonNode block) {
    if (block instanceof ObjectNode o) {
      o.remove("profile");
      return o.isEmpty() ? null : o;
    }
    return block;
  }

  private static void putIfPresent(ObjectNode target, String key, @Nullable JsonNode value) {
    if (value != null) {
      target.set(key, value);
    }
  }

  private static void putInt(ObjectNode target, String key, @Nullable Integer value) {
    if (value != null) {
      target.put(key, value);
    }
  }

  private static void putText(ObjectNode target, String key, @Nullable String value) {
    if (value != null) {
      target.put(key, value);
    }
  }
}

package io.orkestra.watch.internal;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plural resource name and scope of object kinds, needed to address generic resources without API
 * discovery. Looked up in this order: kinds learnt at run time (operator specs and applied CRDs), a
 * table of the built-in kinds the runtime creates, then {@link #derivePlural(String)} and
 * "namespaced".
 *
 * <p>Thread-safe.
 */
public final class ResourceTypes {

  /**
   * Plural and scope of a kind.
   *
   * @param plural the plural resource name used in URLs
   * @param namespaced whether objects of the kind live in a namespace
   */
  public record Type(String plural, boolean namespaced) {
    /**
     * Null check.
     *
     * @param plural the plural resource name
     * @param namespaced the scope
     */
    public Type {
      Objects.requireNonNull(plural, "plural");
    }
  }

  private static final Map<String, Type> BUILT_INS =
      Map.ofEntries(
          builtIn("ConfigMap", "configmaps", true),
          builtIn("Secret", "secrets", true),
          builtIn("Service", "services", true),
          builtIn("ServiceAccount", "serviceaccounts", true),
          builtIn("Pod", "pods", true),
          builtIn("Endpoints", "endpoints", true),
          builtIn("Event", "events", true),
          builtIn("LimitRange", "limitranges", true),
          builtIn("ResourceQuota", "resourcequotas", true),
          builtIn("PersistentVolumeClaim", "persistentvolumeclaims", true),
          builtIn("PersistentVolume", "persistentvolumes", false),
          builtIn("Namespace", "namespaces", false),
          builtIn("Node", "nodes", false),
          builtIn("Deployment", "deployments", true),
          builtIn("StatefulSet", "statefulsets", true),
          builtIn("DaemonSet", "daemonsets", true),
          builtIn("ReplicaSet", "replicasets", true),
          builtIn("Job", "jobs", true),
          builtIn("CronJob", "cronjobs", true),
          builtIn("Ingress", "ingresses", true),
          builtIn("IngressClass", "ingressclasses", false),
          builtIn("NetworkPolicy", "networkpolicies", true),
          builtIn("HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
          builtIn("PodDisruptionBudget", "poddisruptionbudgets", true),
          builtIn("Role", "roles", true),
          builtIn("RoleBinding", "rolebindings", true),
          builtIn("ClusterRole", "clusterroles", false),
          builtIn("ClusterRoleBinding", "clusterrolebindings", false),
          builtIn("Lease", "leases", true),
          builtIn("StorageClass", "storageclasses", false),
          builtIn("PriorityClass", "priorityclasses", false),
          builtIn("CustomResourceDefinition", "customresourcedefinitions", false),
          builtIn("ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false),
          builtIn("MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false));

  private final ConcurrentHashMap<String, Type> learnt = new ConcurrentHashMap<>();

  private static Map.Entry<String, Type> builtIn(String kind, String plural, boolean namespaced) {
    return Map.entry(kind, new Type(plural, namespaced));
  }

  /**
   * Remembers the plural and scope of a kind (a custom resource), overriding any earlier entry.
   *
   * @param group API group
   * @param kind kind
   * @param plural plural resource name
   * @param namespaced scope
   */
  public void register(String group, String kind, String plural, boolean namespaced) {
    learnt.put(group + "/" + kind, new Type(plural, namespaced));
  }

  /**
   * The plural and scope of a kind.
   *
   * @param group API group ({@code ""} for core)
   * @param kind kind
   * @return the learnt type, the built-in one, or a derived plural and "namespaced"
   */
  public Type typeOf(String group, String kind) {
    Type t = learnt.get(group + "/" + kind);
    if (t != null) {
      return t;
    }
    t = BUILT_INS.get(kind);
    return t != null ? t : new Type(derivePlural(kind), true);
  }

  /**
   * The plural of a kind.
   *
   * @param group API group
   * @param kind kind
   * @return the plural resource name
   */
  public String plural(String group, String kind) {
    return typeOf(group, kind).plural();
  }

  /**
   * A fabric8 context addressing objects of a kind.
   *
   * @param group API group
   * @param version API version
   * @param kind kind
   * @param namespaced whether the object addressed lives in a namespace
   * @return the context
   */
  public ResourceDefinitionContext context(
      String group, String version, String kind, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural(group, kind))
        .withNamespaced(namespaced)
        .build();
  }

  /**
   * Kubernetes-style plural of a kind: lower case, then {@code -ies} for a consonant followed by
   * {@code y}, {@code -es} after {@code s}, {@code x}, {@code z}, {@code ch}, {@code sh}, otherwise
   * {@code -s}.
   *
   * @param kind the kind, e.g. {@code NetworkPolicy}
   * @return the plural, e.g. {@code networkpolicies}
   */
  public static String derivePlural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      throw new IllegalArgumentException("kind must not be empty");
    }
    if (lower.endsWith("y") && lower.length() > 1 && !isVowel(lower.charAt(lower.length() - 2))) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("z")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return lower + "es";
    }
    return lower + "s";
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }
}

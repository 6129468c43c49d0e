package io.orkestra.katalog.internal.model;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The resource kinds of {@code onCreate}/{@code onReconcile}/{@code onDelete}, declared in the
 * apply order of spec §5.4 step 7 (so {@link #ordinal()} is the order inside a group).
 *
 * <p>Default names: a resource without {@code name} is called {@code <cr name><suffix>}, with
 * Orkestra's suffixes: {@code -deployment}, {@code -job}, {@code -cronjob}, {@code -ingress},
 * {@code -hpa}, {@code -pdb}, {@code -pod}, {@code -role}, {@code -rolebinding}, {@code
 * -cluster-role}, {@code -crb}, none for statefulSets (the CR's own name); configMaps, services and
 * secrets follow the same pattern ({@code -configmap}, {@code -service}, {@code -secret}). The
 * other kinds (namespaces, serviceAccounts, PVs, PVCs, networkPolicies, resourceQuotas,
 * limitRanges, replicaSets, custom) require a name.
 */
public enum ResourceKind {
  NAMESPACES("namespaces", "v1", "Namespace", true, null),
  SECRETS("secrets", "v1", "Secret", false, "-secret"),
  CONFIG_MAPS("configMaps", "v1", "ConfigMap", false, "-configmap"),
  NETWORK_POLICIES("networkPolicies", "networking.k8s.io/v1", "NetworkPolicy", false, null),
  RESOURCE_QUOTAS("resourceQuotas", "v1", "ResourceQuota", false, null),
  LIMIT_RANGES("limitRanges", "v1", "LimitRange", false, null),
  CLUSTER_ROLES(
      "clusterRoles", "rbac.authorization.k8s.io/v1", "ClusterRole", true, "-cluster-role"),
  CLUSTER_ROLE_BINDINGS(
      "clusterRoleBindings", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", true, "-crb"),
  SERVICE_ACCOUNTS("serviceAccounts", "v1", "ServiceAccount", false, null),
  ROLES("roles", "rbac.authorization.k8s.io/v1", "Role", false, "-role"),
  ROLE_BINDINGS(
      "roleBindings", "rbac.authorization.k8s.io/v1", "RoleBinding", false, "-rolebinding"),
  CUSTOM("custom", "", "", false, null),
  REPLICA_SETS("replicaSets", "apps/v1", "ReplicaSet", false, null),
  DEPLOYMENTS("deployments", "apps/v1", "Deployment", false, "-deployment"),
  SERVICES("services", "v1", "Service", false, "-service"),
  JOBS("jobs", "batch/v1", "Job", false, "-job"),
  CRON_JOBS("cronJobs", "batch/v1", "CronJob", false, "-cronjob"),
  STATEFUL_SETS("statefulSets", "apps/v1", "StatefulSet", false, ""),
  PERSISTENT_VOLUMES("persistentVolumes", "v1", "PersistentVolume", true, null),
  PERSISTENT_VOLUME_CLAIMS("persistentVolumeClaims", "v1", "PersistentVolumeClaim", false, null),
  INGRESSES("ingresses", "networking.k8s.io/v1", "Ingress", false, "-ingress"),
  HPA("hpa", "autoscaling/v2", "HorizontalPodAutoscaler", false, "-hpa"),
  PDB("pdb", "policy/v1", "PodDisruptionBudget", false, "-pdb"),
  PODS("pods", "v1", "Pod", false, "-pod");

  private final String key;
  private final String apiVersion;
  private final String kind;
  private final boolean clusterScoped;
  private final @Nullable String nameSuffix;

  ResourceKind(
      String key,
      String apiVersion,
      String kind,
      boolean clusterScoped,
      @Nullable String nameSuffix) {
    this.key = key;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.clusterScoped = clusterScoped;
    this.nameSuffix = nameSuffix;
  }

  /**
   * The YAML key, such as {@code configMaps}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The Kubernetes {@code apiVersion} of rendered objects ({@code ""} for {@code custom}).
   *
   * @return the apiVersion
   */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * The Kubernetes kind of rendered objects ({@code ""} for {@code custom}).
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * Whether objects of this kind live outside namespaces (Namespace, ClusterRole,
   * ClusterRoleBinding, PersistentVolume). They are rendered without {@code metadata.namespace},
   * keyed with namespace {@code ""}, and, as Kubernetes forbids owner references from
   * cluster-scoped objects to namespaced owners, the applier gives them none. {@code custom}
   * resources decide per declaration ({@code metadata.namespaced: false}).
   *
   * @return {@code true} for the cluster-scoped kinds
   */
  public boolean clusterScoped() {
    return clusterScoped;
  }

  /**
   * Whether the kind has a default name (otherwise {@code name} is required).
   *
   * @return {@code true} when {@link #defaultNameTemplate()} may be called
   */
  public boolean hasDefaultName() {
    return nameSuffix != null;
  }

  /**
   * The template of the default name.
   *
   * @return {@code {{ .metadata.name }}<suffix>}
   * @throws IllegalStateException for kinds without a default yet
   */
  public String defaultNameTemplate() {
    if (nameSuffix == null) {
      throw new IllegalStateException("no default name for " + key);
    }
    return "{{ .metadata.name }}" + nameSuffix;
  }

  /**
   * The kind with a YAML key.
   *
   * @param key the key, such as {@code deployments}
   * @return the kind, if the key names one
   */
  public static Optional<ResourceKind> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}

package io.orkestra.katalog.internal.model;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The resource kinds of {@code onCreate}/{@code onReconcile}/{@code onDelete}, declared in the
 * apply order of spec §5.4 step 7 (so {@link #ordinal()} is the order inside a group).
 *
 * <p>Default names: a resource without {@code name} is called {@code <cr name>-<suffix>}, e.g.
 * {@code {{ .metadata.name }}-deployment}, {@code -configmap}, {@code -service}, {@code -secret}
 * (the deployment default is Orkestra's; the others follow the same pattern).
 */
public enum ResourceKind {
  NAMESPACES("namespaces", "v1", "Namespace", false, null),
  SECRETS("secrets", "v1", "Secret", true, "secret"),
  CONFIG_MAPS("configMaps", "v1", "ConfigMap", true, "configmap"),
  NETWORK_POLICIES("networkPolicies", "networking.k8s.io/v1", "NetworkPolicy", false, null),
  RESOURCE_QUOTAS("resourceQuotas", "v1", "ResourceQuota", false, null),
  LIMIT_RANGES("limitRanges", "v1", "LimitRange", false, null),
  CLUSTER_ROLES("clusterRoles", "rbac.authorization.k8s.io/v1", "ClusterRole", false, null),
  CLUSTER_ROLE_BINDINGS(
      "clusterRoleBindings", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false, null),
  SERVICE_ACCOUNTS("serviceAccounts", "v1", "ServiceAccount", false, null),
  ROLES("roles", "rbac.authorization.k8s.io/v1", "Role", false, null),
  ROLE_BINDINGS("roleBindings", "rbac.authorization.k8s.io/v1", "RoleBinding", false, null),
  CUSTOM("custom", "", "", false, null),
  REPLICA_SETS("replicaSets", "apps/v1", "ReplicaSet", false, null),
  DEPLOYMENTS("deployments", "apps/v1", "Deployment", true, "deployment"),
  SERVICES("services", "v1", "Service", true, "service"),
  JOBS("jobs", "batch/v1", "Job", false, null),
  CRON_JOBS("cronJobs", "batch/v1", "CronJob", false, null),
  STATEFUL_SETS("statefulSets", "apps/v1", "StatefulSet", false, null),
  PERSISTENT_VOLUMES("persistentVolumes", "v1", "PersistentVolume", false, null),
  PERSISTENT_VOLUME_CLAIMS("persistentVolumeClaims", "v1", "PersistentVolumeClaim", false, null),
  INGRESSES("ingresses", "networking.k8s.io/v1", "Ingress", false, null),
  HPA("hpa", "autoscaling/v2", "HorizontalPodAutoscaler", false, null),
  PDB("pdb", "policy/v1", "PodDisruptionBudget", false, null),
  PODS("pods", "v1", "Pod", false, null);

  private final String key;
  private final String apiVersion;
  private final String kind;
  private final boolean implemented;
  private final @Nullable String nameSuffix;

  ResourceKind(
      String key,
      String apiVersion,
      String kind,
      boolean implemented,
      @Nullable String nameSuffix) {
    this.key = key;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.implemented = implemented;
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
   * Whether this slice renders the kind; other kinds are accepted and kept for later work.
   *
   * @return {@code true} for configMaps, deployments, services, secrets
   */
  public boolean implemented() {
    return implemented;
  }

  /**
   * The template of the default name.
   *
   * @return {@code {{ .metadata.name }}-<suffix>}
   * @throws IllegalStateException for kinds without a default yet
   */
  public String defaultNameTemplate() {
    if (nameSuffix == null) {
      throw new IllegalStateException("no default name for " + key);
    }
    return "{{ .metadata.name }}-" + nameSuffix;
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

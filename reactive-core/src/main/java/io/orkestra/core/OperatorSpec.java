package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runtime-facing description of one operated CRD (one {@code spec.crds.<name>} entry).
 *
 * @param name the CRD entry name (map key in the Katalog)
 * @param katalogName {@code metadata.name} of the Katalog that declared it
 * @param group API group of the custom resource
 * @param version served API version the runtime reads and writes
 * @param kind kind of the custom resource
 * @param plural plural resource name
 * @param namespaced whether the custom resource is namespaced
 * @param workers reconciles in flight at most for this CRD
 * @param crdManifest the CRD manifest ({@code crdFile}), or {@code null} when it must be generated
 * @param crFiles custom resources to apply in dev/embedded mode ({@code crFiles})
 * @param resync period of full re-reconciles ({@code reconcile.resync}), {@code null} for the
 *     runtime default (30 s)
 * @param queue work queue policy ({@code reconcile.queue}, {@code reconcile.requeue})
 * @param namespaces which namespaces are reconciled ({@code namespace}, {@code
 *     allowedNamespaces}, {@code restrictedNamespaces})
 */
public record OperatorSpec(
    String name,
    String katalogName,
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    int workers,
    @Nullable ObjectNode crdManifest,
    List<Path> crFiles,
    java.time.@Nullable Duration resync,
    QueuePolicy queue,
    NamespaceFilter namespaces) {

  /** Null checks, positive workers, immutable copy of {@code crFiles}. */
  public OperatorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(katalogName, "katalogName");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    crFiles = List.copyOf(Objects.requireNonNull(crFiles, "crFiles"));
    if (resync != null && resync.isNegative()) {
      throw new IllegalArgumentException("resync must not be negative, was " + resync);
    }
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(namespaces, "namespaces");
  }

  /**
   * A spec with the default queue policy and every namespace.
   *
   * @param name the CRD entry name
   * @param katalogName the Katalog's name
   * @param group API group
   * @param version API version
   * @param kind kind
   * @param plural plural
   * @param namespaced whether namespaced
   * @param workers reconciles in flight at most
   * @param crdManifest the CRD manifest, or {@code null}
   * @param crFiles custom resources for dev/embedded mode
   * @param resync resync period, or {@code null} for the runtime default
   */
  public OperatorSpec(
      String name,
      String katalogName,
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      int workers,
      @Nullable ObjectNode crdManifest,
      List<Path> crFiles,
      java.time.@Nullable Duration resync) {
    this(name, katalogName, group, version, kind, plural, namespaced, workers, crdManifest, crFiles,
        resync, QueuePolicy.defaults(), NamespaceFilter.all());
  }

  /**
   * A spec with the runtime's default resync.
   *
   * @param name the CRD entry name
   * @param katalogName the Katalog's name
   * @param group API group
   * @param version API version
   * @param kind kind
   * @param plural plural
   * @param namespaced whether namespaced
   * @param workers reconciles in flight at most
   * @param crdManifest the CRD manifest, or {@code null}
   * @param crFiles custom resources for dev/embedded mode
   */
  public OperatorSpec(
      String name,
      String katalogName,
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      int workers,
      @Nullable ObjectNode crdManifest,
      List<Path> crFiles) {
    this(name, katalogName, group, version, kind, plural, namespaced, workers, crdManifest, crFiles, null);
  }

  /**
   * Copy with another queue policy.
   *
   * @param policy the policy
   * @return the copy
   */
  public OperatorSpec withQueue(QueuePolicy policy) {
    return new OperatorSpec(name, katalogName, group, version, kind, plural, namespaced, workers,
        crdManifest, crFiles, resync, policy, namespaces);
  }

  /**
   * Copy with another namespace filter.
   *
   * @param filter the filter
   * @return the copy
   */
  public OperatorSpec withNamespaces(NamespaceFilter filter) {
    return new OperatorSpec(name, katalogName, group, version, kind, plural, namespaced, workers,
        crdManifest, crFiles, resync, queue, filter);
  }

  /**
   * The resync period this CRD asks for, if any.
   *
   * @return the period
   */
  public Optional<java.time.Duration> resyncPeriod() {
    return Optional.ofNullable(resync);
  }

  /**
   * The CRD manifest from {@code crdFile}, if the entry has one.
   *
   * @return the manifest
   */
  public Optional<ObjectNode> crd() {
    return Optional.ofNullable(crdManifest);
  }

  /**
   * {@code group/version}.
   *
   * @return the apiVersion of the custom resources
   */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}

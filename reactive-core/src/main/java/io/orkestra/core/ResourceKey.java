package io.orkestra.core;

import java.util.Objects;

/**
 * Identity of a Kubernetes object: group, version, kind, namespace and name.
 *
 * <p>The core group is the empty string; cluster-scoped objects have an empty namespace.
 *
 * @param group API group, {@code ""} for the core group
 * @param version API version within the group, e.g. {@code v1}
 * @param kind object kind, e.g. {@code ConfigMap}
 * @param namespace namespace, {@code ""} for cluster-scoped objects
 * @param name object name
 */
public record ResourceKey(String group, String version, String kind, String namespace, String name) {

  /** Checks that no component is null and that kind and name are not blank. */
  public ResourceKey {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank (name '" + name + "')");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank (kind '" + kind + "')");
    }
  }

  /**
   * Creates a key from an {@code apiVersion} string ({@code apps/v1} or {@code v1}).
   *
   * @param apiVersion {@code group/version} or {@code version} for the core group
   * @param kind object kind
   * @param namespace namespace, {@code ""} when cluster-scoped
   * @param name object name
   * @return the key
   */
  public static ResourceKey of(String apiVersion, String kind, String namespace, String name) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return new ResourceKey(group, version, kind, namespace, name);
  }

  /**
   * The {@code apiVersion} as written in manifests.
   *
   * @return {@code group/version}, or {@code version} for the core group
   */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The record key used on the reconciliation event stream: {@code <group>/<kind>/<namespace>/<name>}.
   *
   * @return the event key
   */
  public String eventKey() {
    return group + "/" + kind + "/" + namespace + "/" + name;
  }

  /**
   * The CloudEvents subject: {@code <namespace>/<name>}.
   *
   * @return the subject
   */
  public String subject() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}

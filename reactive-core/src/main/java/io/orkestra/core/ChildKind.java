package io.orkestra.core;

import java.util.Objects;

/**
 * A kind of child an operator may create, e.g. {@code apps/v1 Deployment}. The applier lists the
 * owned objects of every managed kind, so children that are no longer desired are found and
 * deleted.
 *
 * @param apiVersion {@code group/version}, or {@code version} for the core group
 * @param kind the kind
 */
public record ChildKind(String apiVersion, String kind) {
  /** Null checks. */
  public ChildKind {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The kind of a child key.
   *
   * @param key the child
   * @return its kind
   */
  public static ChildKind of(ResourceKey key) {
    return new ChildKind(key.apiVersion(), key.kind());
  }
}

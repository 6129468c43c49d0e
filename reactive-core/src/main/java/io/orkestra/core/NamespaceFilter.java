package io.orkestra.core;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which namespaces an operator reconciles custom resources in: the CRD entry's {@code namespace}
 * (watch only that one), {@code allowedNamespaces} and {@code restrictedNamespaces} (also spelled
 * {@code operatorBox.runtime.allowedNamespaces/restrictedNamespaces}), spec section 2.3. Events of
 * other namespaces are dropped before the work queue, so they never reach the interpreter.
 * Cluster-scoped objects (empty namespace) are always admitted.
 *
 * @param namespace the only namespace watched, or {@code null} for all
 * @param allowed when not empty, the only namespaces admitted
 * @param restricted namespaces never admitted (wins over {@code allowed} and {@code namespace})
 */
public record NamespaceFilter(
    @Nullable String namespace, Set<String> allowed, Set<String> restricted) {

  private static final NamespaceFilter ALL = new NamespaceFilter(null, Set.of(), Set.of());

  /** Immutable copies; a blank {@code namespace} means all. */
  public NamespaceFilter {
    if (namespace != null && namespace.isBlank()) {
      namespace = null;
    }
    allowed = Set.copyOf(Objects.requireNonNull(allowed, "allowed"));
    restricted = Set.copyOf(Objects.requireNonNull(restricted, "restricted"));
  }

  /**
   * Admits every namespace.
   *
   * @return the filter
   */
  public static NamespaceFilter all() {
    return ALL;
  }

  /**
   * Whether custom resources in {@code ns} are reconciled.
   *
   * @param ns a namespace, {@code ""} for cluster-scoped objects
   * @return {@code true} when admitted
   */
  public boolean admits(String ns) {
    if (ns.isEmpty()) {
      return true;
    }
    if (restricted.contains(ns)) {
      return false;
    }
    if (namespace != null && !namespace.equals(ns)) {
      return false;
    }
    return allowed.isEmpty() || allowed.contains(ns);
  }

  /**
   * The one namespace a watch can be scoped to: {@code namespace}, or the only allowed namespace.
   *
   * @return the namespace, empty when the watch must cover all namespaces
   */
  public Optional<String> singleNamespace() {
    if (namespace != null) {
      return Optional.of(namespace);
    }
    return allowed.size() == 1 ? Optional.of(allowed.iterator().next()) : Optional.empty();
  }

  /**
   * Whether this filter admits everything.
   *
   * @return {@code true} for {@link #all()}
   */
  public boolean isAll() {
    return namespace == null && allowed.isEmpty() && restricted.isEmpty();
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * What exists in the cluster for one custom resource's children, keyed by child identity.
 *
 * @param children the children that exist now
 */
public record ObservedState(Map<ResourceKey, ObjectNode> children) {
  /** Null checks and an immutable copy. */
  public ObservedState {
    children = Map.copyOf(Objects.requireNonNull(children, "children"));
  }

  /**
   * Nothing observed.
   *
   * @return an empty state
   */
  public static ObservedState empty() {
    return new ObservedState(Map.of());
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What one custom resource should look like after a reconcile: its children, in apply order, and
 * the declarative status fields.
 *
 * @param owner the custom resource
 * @param children children in apply order
 * @param status declared status fields (the runtime adds {@code conditions} and
 *     {@code observedGeneration})
 */
public record DesiredState(ResourceKey owner, List<ChildResource> children, ObjectNode status) {
  /** Null checks and an immutable copy of {@code children}. */
  public DesiredState {
    Objects.requireNonNull(owner, "owner");
    children = List.copyOf(Objects.requireNonNull(children, "children"));
    Objects.requireNonNull(status, "status");
  }
}

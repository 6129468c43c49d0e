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
 * @param managedKinds every kind of child the operator can create, desired now or not (a child
 *     whose condition turned false is no longer desired, but its kind is still managed, so the
 *     applier finds it and the diff deletes it); always includes the kinds of {@code children}
 * @param notices the {@code notify:} conditions that evaluated true, one per team (data only: the
 *     interpreter sends nothing; the runtime hands them to a notifier after a successful reconcile)
 */
public record DesiredState(
    ResourceKey owner,
    List<ChildResource> children,
    ObjectNode status,
    List<ChildKind> managedKinds,
    List<ConditionNotice> notices) {

  /** Null checks, immutable copies, and the kinds of {@code children} added to the managed kinds. */
  public DesiredState {
    notices = List.copyOf(Objects.requireNonNull(notices, "notices"));
    Objects.requireNonNull(owner, "owner");
    children = List.copyOf(Objects.requireNonNull(children, "children"));
    Objects.requireNonNull(status, "status");
    java.util.LinkedHashSet<ChildKind> kinds =
        new java.util.LinkedHashSet<>(Objects.requireNonNull(managedKinds, "managedKinds"));
    children.forEach(c -> kinds.add(ChildKind.of(c.key())));
    managedKinds = List.copyOf(kinds);
  }

  /**
   * A desired state without notices.
   *
   * @param owner the custom resource
   * @param children children in apply order
   * @param status declared status fields
   * @param managedKinds every kind of child the operator can create
   */
  public DesiredState(
      ResourceKey owner, List<ChildResource> children, ObjectNode status, List<ChildKind> managedKinds) {
    this(owner, children, status, managedKinds, List.of());
  }

  /**
   * A desired state whose managed kinds are the kinds of its children.
   *
   * @param owner the custom resource
   * @param children children in apply order
   * @param status declared status fields
   */
  public DesiredState(ResourceKey owner, List<ChildResource> children, ObjectNode status) {
    this(owner, children, status, List.of(), List.of());
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import reactor.core.publisher.Mono;

/** Reads and writes children and status of custom resources. All methods are lazy. */
public interface ResourceApplier {

  /**
   * Reads the owner's children as they exist now: every child the desired state names, and every
   * object of a {@linkplain DesiredState#managedKinds() managed kind} that this owner controls
   * (so children that are no longer desired are observed and the diff deletes them). Children that
   * do not exist are absent from the result.
   *
   * @param owner the custom resource (read-only)
   * @param desired the desired state
   * @return the observed children; errors when the API cannot be read
   */
  Mono<ObservedState> observe(ObjectNode owner, DesiredState desired);

  /**
   * Applies actions in order, setting an owner reference to {@code owner} on namespaced children.
   * Stops at the first failing action.
   *
   * @param owner the custom resource that owns the children (read-only)
   * @param actions the actions, in apply order
   * @return the result, carrying the actions that were applied; errors with the first failure
   */
  Mono<ApplyResult> apply(ObjectNode owner, List<Action> actions);

  /**
   * Replaces the status of a custom resource through its status subresource.
   *
   * @param owner the custom resource as last seen (read-only)
   * @param status the complete new status
   * @return completes when written; errors when the write fails
   */
  Mono<Void> writeStatus(ObjectNode owner, ObjectNode status);

  /**
   * Adds a finalizer to a custom resource unless it is there already.
   *
   * @param owner the custom resource as last seen (read-only)
   * @param finalizer the finalizer name
   * @return the custom resource as stored afterwards; errors when the write fails
   */
  Mono<ObjectNode> addFinalizer(ObjectNode owner, String finalizer);

  /**
   * Removes a finalizer from a custom resource (once every finalizer is gone, a resource being
   * deleted disappears). Completes quietly when the resource or the finalizer is already gone.
   *
   * @param owner the custom resource as last seen (read-only)
   * @param finalizer the finalizer name
   * @return completes when written; errors when the write fails
   */
  Mono<Void> removeFinalizer(ObjectNode owner, String finalizer);

  /**
   * Records a Kubernetes Event on a custom resource ({@code <Kind>Reconciled},
   * {@code <Kind>ReconcileError}, {@code <Kind>Deleted}). Best effort: an Event that cannot be
   * written is logged by the implementation and the returned Mono still completes.
   *
   * @param owner the custom resource (read-only)
   * @param warning {@code true} for a Warning event, {@code false} for Normal
   * @param reason the reason, e.g. {@code WebAppReconciled}
   * @param message the message
   * @return completes when written or given up
   */
  Mono<Void> recordEvent(ObjectNode owner, boolean warning, String reason, String message);
}

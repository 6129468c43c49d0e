package io.orkestra.core;

import java.util.Objects;

/**
 * The result of one reconcile of one custom resource.
 *
 * @param event the reconciliation event describing it
 * @param changed whether the reconcile wrote anything (a child or the status); a failure counts as
 *     changed when it changed the Ready condition, so a retry failing the same way is not published
 * @param notices the {@code notify:} conditions that were true in this reconcile ({@link
 *     DesiredState#notices()}); empty unless it succeeded
 */
public record ReconcileResult(
    ReconcileEvent event, boolean changed, java.util.List<ConditionNotice> notices) {
  /** Null checks and an immutable copy. */
  public ReconcileResult {
    Objects.requireNonNull(event, "event");
    notices = java.util.List.copyOf(Objects.requireNonNull(notices, "notices"));
  }

  /**
   * A result without notices.
   *
   * @param event the reconciliation event
   * @param changed whether the reconcile wrote anything
   */
  public ReconcileResult(ReconcileEvent event, boolean changed) {
    this(event, changed, java.util.List.of());
  }

  /**
   * Whether this reconcile must be published to the event sinks: it changed something (for a
   * failure: it changed the Ready condition; for a deletion: it cleaned up, or the resource
   * disappeared without a cleanup of ours).
   *
   * @return {@code true} when it is published
   */
  public boolean publishable() {
    return changed;
  }
}

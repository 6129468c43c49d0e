package io.orkestra.core;

import java.util.Objects;

/**
 * The result of one reconcile of one custom resource.
 *
 * @param event the reconciliation event describing it
 * @param changed {@code false} for a successful reconcile that wrote nothing (no child action, no
 *     status change); such reconciles are not published
 */
public record ReconcileResult(ReconcileEvent event, boolean changed) {
  /** Null check. */
  public ReconcileResult {
    Objects.requireNonNull(event, "event");
  }

  /**
   * Whether this reconcile must be published to the event sinks: it changed something, failed, or
   * reports a deletion.
   *
   * @return {@code true} when it is published
   */
  public boolean publishable() {
    return changed || event.outcome() != Outcome.SUCCEEDED;
  }
}

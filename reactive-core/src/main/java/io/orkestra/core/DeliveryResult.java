package io.orkestra.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Outcome of delivering one reconciliation event to one sink.
 *
 * @param event the event (correlation: {@code event.id()})
 * @param sink sink name, e.g. {@code kafka:orkestra.reconcile}
 * @param failure why delivery failed, {@code null} when the sink acknowledged it
 */
public record DeliveryResult(ReconcileEvent event, String sink, @Nullable Throwable failure) {
  /** Null checks. */
  public DeliveryResult {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(sink, "sink");
  }

  /**
   * Whether the sink acknowledged the event.
   *
   * @return {@code true} when delivered
   */
  public boolean delivered() {
    return failure == null;
  }

  /**
   * The failure, if delivery failed.
   *
   * @return the failure
   */
  public Optional<Throwable> error() {
    return Optional.ofNullable(failure);
  }
}

package io.orkestra.core;

import java.util.Objects;

/**
 * A snapshot of one operator's loop, for gauges and health endpoints.
 *
 * @param operator the CRD entry name
 * @param health its health
 * @param queueDepth keys with pending work: queued, running or waiting for a retry
 * @param inFlight reconciles running now
 * @param failingKeys keys that failed at least {@link QueuePolicy#failureThreshold()} times in a
 *     row and have not succeeded since
 */
public record OperatorStats(
    String operator, HealthState health, int queueDepth, int inFlight, int failingKeys) {

  /** Null checks. */
  public OperatorStats {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(health, "health");
  }
}

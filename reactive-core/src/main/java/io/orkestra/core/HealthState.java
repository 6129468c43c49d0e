package io.orkestra.core;

/**
 * Health of one operator (one CRD), as Orkestra reports it per CRD (spec section 5.12).
 *
 * <pre>
 * PENDING ──run──▶ STARTED ──first success──▶ HEALTHY ◀──every failing key succeeded──┐
 *                     │                          │                                    │
 *                     └──────── a key failed failureThreshold times in a row ──▶ DEGRADED
 * </pre>
 */
public enum HealthState {
  /** Not running yet: {@link OperatorRuntime#run} has not been subscribed to. */
  PENDING,
  /** Workers are running; no reconcile has succeeded yet. */
  STARTED,
  /** Running, and no key has reached its failure threshold. */
  HEALTHY,
  /**
   * At least one key failed {@link QueuePolicy#failureThreshold()} consecutive times and has not
   * succeeded (or been deleted) since.
   */
  DEGRADED;

  /**
   * The lowercase name used in logs and metrics labels.
   *
   * @return {@code pending}, {@code started}, {@code healthy} or {@code degraded}
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

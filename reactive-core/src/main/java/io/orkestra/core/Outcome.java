package io.orkestra.core;

/** How a reconcile ended; the suffix of the CloudEvent type {@code io.orkestra.reconcile.v1.*}. */
public enum Outcome {
  /** Children and status were brought to the desired state. */
  SUCCEEDED,
  /** Interpreting, applying or writing status failed; the reconcile is retried with backoff. */
  FAILED,
  /** The custom resource is gone. */
  DELETED;

  /**
   * The lowercase name used in event types and payloads.
   *
   * @return {@code succeeded}, {@code failed} or {@code deleted}
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

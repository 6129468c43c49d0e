package io.orkestra.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of leader election among runtime replicas ({@link
 * KubernetesWatchSources#campaign(LeaderElectionOptions, io.orkestra.core.Leadership)}): a {@code
 * coordination.k8s.io/v1} Lease that the leader renews. Immutable.
 *
 * @param leaseName the Lease's name; replicas that run the same Katalogs use the same name
 * @param namespace the Lease's namespace
 * @param identity this replica's identity, written as the Lease's holder (unique per replica)
 * @param leaseDuration how long followers wait after the last renewal before taking over
 *     (Orkestra: 15 s)
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
 *     (Orkestra: 10 s); shorter than {@code leaseDuration}
 * @param retryPeriod how often candidates try to acquire and the leader renews (Orkestra: 5 s);
 *     shorter than {@code renewDeadline}
 */
public record LeaderElectionOptions(
    String leaseName,
    String namespace,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  /** Orkestra's lease duration. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);

  /** Orkestra's renew deadline. */
  public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);

  /** Orkestra's retry period. */
  public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(5);

  /**
   * Checks names and the order of the durations; messages name the bad value.
   *
   * @param leaseName not blank
   * @param namespace not blank
   * @param identity not blank
   * @param leaseDuration positive
   * @param renewDeadline positive, shorter than leaseDuration
   * @param retryPeriod positive, shorter than renewDeadline
   */
  public LeaderElectionOptions {
    Objects.requireNonNull(leaseName, "leaseName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (leaseName.isBlank() || namespace.isBlank() || identity.isBlank()) {
      throw new IllegalArgumentException("lease name, namespace and identity must not be blank");
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retryPeriod must be > 0, was " + retryPeriod);
    }
    if (renewDeadline.compareTo(retryPeriod) <= 0) {
      throw new IllegalArgumentException("renewDeadline " + renewDeadline
          + " must be longer than retryPeriod " + retryPeriod);
    }
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("leaseDuration " + leaseDuration
          + " must be longer than renewDeadline " + renewDeadline);
    }
  }

  /**
   * A Lease with Orkestra's timings (15 s lease, 10 s renew deadline, 5 s retry).
   *
   * @param leaseName the Lease's name
   * @param namespace the Lease's namespace
   * @param identity this replica's identity
   * @return the options
   */
  public static LeaderElectionOptions of(String leaseName, String namespace, String identity) {
    return new LeaderElectionOptions(leaseName, namespace, identity, DEFAULT_LEASE_DURATION,
        DEFAULT_RENEW_DEADLINE, DEFAULT_RETRY_PERIOD);
  }

  /**
   * Copy with other timings.
   *
   * @param lease lease duration
   * @param renew renew deadline
   * @param retry retry period
   * @return the copy
   */
  public LeaderElectionOptions withTimings(Duration lease, Duration renew, Duration retry) {
    return new LeaderElectionOptions(leaseName, namespace, identity, lease, renew, retry);
  }
}

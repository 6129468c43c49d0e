package io.orkestra.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link KubernetesWatchSources}. Immutable; start from {@link #defaults()} and change
 * one value at a time with the {@code withX} copies.
 *
 * @param applyStrategy how children, CRDs and manifests are written
 * @param fieldManager field manager name for server-side apply (Orkestra: {@code orkestra-runtime})
 * @param forceConflicts whether server-side apply takes ownership of fields other managers own
 * @param resync informer resync period: every cached custom resource is emitted again as {@link
 *     io.orkestra.core.WatchEvent.Resynced} this often; {@link Duration#ZERO} disables resync,
 *     otherwise at least one second
 * @param bufferSize how many distinct keys the watch buffer holds before new keys are dropped (see
 *     {@link KubernetesWatchSources#watch(io.orkestra.core.OperatorSpec)}, "Overflow")
 * @param conflictRetries how many times a write that failed with 409 Conflict is re-read and
 *     retried ({@link ApplyStrategy#UPDATE}, status writes retry once)
 */
public record WatchOptions(
    ApplyStrategy applyStrategy,
    String fieldManager,
    boolean forceConflicts,
    Duration resync,
    int bufferSize,
    int conflictRetries) {

  /** Default field manager, Orkestra's SSA field manager. */
  public static final String DEFAULT_FIELD_MANAGER = "orkestra-runtime";

  /**
   * Null checks and ranges; messages name the bad value.
   *
   * @param applyStrategy how children, CRDs and manifests are written
   * @param fieldManager field manager name, not blank
   * @param forceConflicts whether server-side apply forces conflicts
   * @param resync zero, or at least one second
   * @param bufferSize at least 1
   * @param conflictRetries at least 0
   */
  public WatchOptions {
    Objects.requireNonNull(applyStrategy, "applyStrategy");
    Objects.requireNonNull(fieldManager, "fieldManager");
    Objects.requireNonNull(resync, "resync");
    if (fieldManager.isBlank()) {
      throw new IllegalArgumentException(
          "fieldManager must not be blank, was '" + fieldManager + "'");
    }
    if (resync.isNegative() || (!resync.isZero() && resync.compareTo(Duration.ofSeconds(1)) < 0)) {
      throw new IllegalArgumentException("resync must be zero (off) or >= 1s, was " + resync);
    }
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be >= 1, was " + bufferSize);
    }
    if (conflictRetries < 0) {
      throw new IllegalArgumentException("conflictRetries must be >= 0, was " + conflictRetries);
    }
  }

  /**
   * Orkestra's defaults: server-side apply with field manager {@code orkestra-runtime} and forced
   * conflicts, resync every 30 s, a watch buffer of 16384 keys, 5 conflict retries.
   *
   * @return the defaults
   */
  public static WatchOptions defaults() {
    return new WatchOptions(
        ApplyStrategy.SERVER_SIDE_APPLY,
        DEFAULT_FIELD_MANAGER,
        true,
        Duration.ofSeconds(30),
        16_384,
        5);
  }

  /**
   * Copy with another apply strategy.
   *
   * @param strategy the strategy
   * @return the copy
   */
  public WatchOptions withApplyStrategy(ApplyStrategy strategy) {
    return new WatchOptions(
        strategy, fieldManager, forceConflicts, resync, bufferSize, conflictRetries);
  }

  /**
   * Copy with another field manager.
   *
   * @param manager the field manager name
   * @return the copy
   */
  public WatchOptions withFieldManager(String manager) {
    return new WatchOptions(
        applyStrategy, manager, forceConflicts, resync, bufferSize, conflictRetries);
  }

  /**
   * Copy with another force-conflicts flag.
   *
   * @param force whether server-side apply forces conflicts
   * @return the copy
   */
  public WatchOptions withForceConflicts(boolean force) {
    return new WatchOptions(
        applyStrategy, fieldManager, force, resync, bufferSize, conflictRetries);
  }

  /**
   * Copy with another resync period.
   *
   * @param period the period, {@link Duration#ZERO} to disable
   * @return the copy
   */
  public WatchOptions withResync(Duration period) {
    return new WatchOptions(
        applyStrategy, fieldManager, forceConflicts, period, bufferSize, conflictRetries);
  }

  /**
   * Copy with another watch buffer size.
   *
   * @param size distinct keys the buffer holds
   * @return the copy
   */
  public WatchOptions withBufferSize(int size) {
    return new WatchOptions(
        applyStrategy, fieldManager, forceConflicts, resync, size, conflictRetries);
  }

  /**
   * Copy with another number of conflict retries.
   *
   * @param retries retries after a 409 Conflict
   * @return the copy
   */
  public WatchOptions withConflictRetries(int retries) {
    return new WatchOptions(
        applyStrategy, fieldManager, forceConflicts, resync, bufferSize, retries);
  }
}

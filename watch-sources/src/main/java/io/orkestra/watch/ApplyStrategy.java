package io.orkestra.watch;

/**
 * How the applier writes a child, a CRD or a manifest. The applier's code path is the same for both
 * strategies up to the final write: the manifest is copied, owner reference and labels are added,
 * then it is written with the chosen strategy.
 *
 * <p>Fabric8's {@code KubernetesMockServer} in CRUD mode (the in-process API server used by tests
 * and the embedded mode) does not implement server-side apply: it answers 404 when the object is
 * absent and 415 when it exists. {@link #UPDATE} is the strategy used against it; real clusters use
 * {@link #SERVER_SIDE_APPLY}. What {@link #UPDATE} cannot reproduce (field ownership, managed
 * fields, conflicts between field managers, removal of fields the manager stopped declaring below
 * the top level) is therefore not exercised by the mock-based tests.
 */
public enum ApplyStrategy {

  /**
   * Server-side apply ({@code PATCH application/apply-patch+yaml}) with the configured field
   * manager, forcing conflicts when {@link WatchOptions#forceConflicts()} is set. One request per
   * write; the API server merges and tracks field ownership. Use on real clusters.
   */
  SERVER_SIDE_APPLY,

  /**
   * Read, then create when absent or update when present. The update starts from the object as read
   * (keeping its {@code resourceVersion} for optimistic concurrency), replaces every top-level
   * section the manifest declares ({@code spec}, {@code data}, {@code rules}, ...), merges declared
   * labels and annotations over the existing ones, replaces owner references with the same uid and
   * adds declared finalizers. Nothing is written when the result equals what was read. A 409
   * conflict re-reads and retries, up to {@link WatchOptions#conflictRetries()} times; the object
   * is never overwritten without a current {@code resourceVersion}. Use against the in-process API
   * server.
   */
  UPDATE
}

package io.orkestra.oci;

/**
 * Receives byte counts while a pull downloads or a push uploads blobs, for progress displays.
 *
 * <p>Threading: both methods are called on Vert.x event loops (several downloads may run at once),
 * so implementations must be thread-safe and must not block: update counters and render them
 * elsewhere.
 */
public interface TransferListener {

  /** A listener that ignores everything. */
  TransferListener NONE = new TransferListener() {
    @Override
    public void started(OciReference reference, long totalBytes) {}

    @Override
    public void transferred(long bytes) {}
  };

  /**
   * Called once per pull or push that transfers blobs, before the first byte: a pull served
   * from the cache does not call it.
   *
   * @param reference the artifact
   * @param totalBytes the bytes the transfer will report in total (pull: blobs missing from the
   *     cache; push: all blobs, those the registry already has are reported when found)
   */
  void started(OciReference reference, long totalBytes);

  /**
   * Called as bytes arrive (pull: each network buffer) or are stored (push: each blob or upload
   * chunk).
   *
   * @param bytes bytes since the previous call
   */
  void transferred(long bytes);
}

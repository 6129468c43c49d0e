package io.orkestra.oci;

import java.util.Objects;

/**
 * What a push did.
 *
 * @param reference the reference pushed to (correlates with the request)
 * @param digest digest of the manifest now behind the tag
 * @param blobsUploaded blobs (config and layers) sent to the registry
 * @param blobsSkipped blobs the registry already had (checked with HEAD first)
 * @param manifestWritten whether a manifest was written; {@code false} when the tag already
 *     pointed at the same content
 */
public record PushResult(
    OciReference reference, String digest, int blobsUploaded, int blobsSkipped, boolean manifestWritten) {

  /** Checks nulls. */
  public PushResult {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
  }
}

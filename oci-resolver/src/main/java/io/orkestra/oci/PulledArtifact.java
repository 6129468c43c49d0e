package io.orkestra.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An artifact available as files on disk.
 *
 * @param reference the reference that was resolved (correlates with the request)
 * @param digest digest of its manifest
 * @param directory directory holding one file per layer, named by the layer titles
 * @param files the layer titles, in manifest order
 * @param fromCache whether the files came from the cache without contacting the registry
 */
public record PulledArtifact(
    OciReference reference, String digest, Path directory, List<String> files, boolean fromCache) {

  /** Checks nulls and copies the list. */
  public PulledArtifact {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(directory, "directory");
    files = List.copyOf(Objects.requireNonNull(files, "files"));
  }
}

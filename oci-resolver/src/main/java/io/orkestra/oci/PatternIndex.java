package io.orkestra.oci;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The JSON index a namespace keeps at {@code <namespace>/index:latest}: one entry per pattern or
 * motif repository of the namespace, sorted by name.
 *
 * @param registry host and optional port
 * @param namespace the repository prefix, e.g. {@code orkspace/orkestra-registry/patterns/katalogs}
 * @param entries entries sorted by name
 * @param updatedAt when the index was last written
 */
public record PatternIndex(String registry, String namespace, List<IndexEntry> entries, Instant updatedAt) {

  /** The tag of the index artifact. */
  public static final String TAG = "latest";

  /** The last repository segment of the index artifact. */
  public static final String REPOSITORY = "index";

  /** Checks nulls and copies the entries. */
  public PatternIndex {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(namespace, "namespace");
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * The repository holding the index of a namespace.
   *
   * @param namespace the namespace, possibly empty (registry root)
   * @return {@code <namespace>/index}, or {@code index} at the root
   */
  public static String repositoryOf(String namespace) {
    return namespace.isEmpty() ? REPOSITORY : namespace + "/" + REPOSITORY;
  }
}

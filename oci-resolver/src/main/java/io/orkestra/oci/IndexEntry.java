package io.orkestra.oci;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One pattern or motif in a namespace's {@code index:latest} artifact (spec §4).
 *
 * @param name the repository's last segment, e.g. {@code postgres}
 * @param latestVersion the highest version tag pushed (a floating tag such as {@code latest} only
 *     while no version tag exists)
 * @param description {@code metadata.description}, or empty
 * @param tags {@code metadata.tags}
 * @param author {@code metadata.author}, or empty
 * @param kind {@code pattern} or {@code motif}
 * @param deprecated whether the pattern declares {@code lifecycle.maturity: deprecated} or a
 *     {@code lifecycle.deprecation} block
 * @param updatedAt when the version in {@code latestVersion} was pushed
 */
public record IndexEntry(
    String name,
    String latestVersion,
    String description,
    List<String> tags,
    String author,
    String kind,
    boolean deprecated,
    Instant updatedAt) {

  /** Checks nulls and copies the tags. */
  public IndexEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(latestVersion, "latestVersion");
    Objects.requireNonNull(description, "description");
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}

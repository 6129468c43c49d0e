package io.orkestra.oci;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fully qualified artifact reference: registry host, repository, and a tag or a digest.
 *
 * @param registry host and optional port, e.g. {@code ghcr.io} or {@code 127.0.0.1:5000}
 * @param repository repository path, e.g. {@code orkspace/orkestra-registry/patterns/katalogs/postgres}
 * @param tag the tag, {@code null} when pinned by digest only
 * @param digest the digest ({@code sha256:<64 hex>}), {@code null} when only tagged
 */
public record OciReference(
    String registry, String repository, @Nullable String tag, @Nullable String digest) {

  /** Checks components; at least one of tag or digest is present. */
  public OciReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (registry.isBlank() || repository.isBlank()) {
      throw new IllegalArgumentException(
          "registry and repository must not be blank: '" + registry + "/" + repository + "'");
    }
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("a tag or a digest is required: " + registry + "/" + repository);
    }
  }

  /**
   * The digest, when pinned.
   *
   * @return the digest
   */
  public Optional<String> pinnedDigest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The directory name Orkestra's cache uses for the host ({@code ':'} replaced by {@code '_'}).
   *
   * @return the cache host segment
   */
  public String cacheHost() {
    return registry.replace(':', '_');
  }

  /**
   * Canonical text form: {@code host/repo:tag}, {@code host/repo@digest} or both.
   *
   * @return the reference
   */
  @Override
  public String toString() {
    return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}

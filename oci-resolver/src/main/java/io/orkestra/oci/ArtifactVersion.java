package io.orkestra.oci;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One distinct version of a repository: the tags that point at the same manifest digest, named
 * by the tag that best identifies it (a version tag such as {@code v1.2.0} wins over a floating
 * one such as {@code latest}).
 *
 * @param tag the tag that names this version
 * @param aliases the other tags on the same digest, sorted
 * @param digest the manifest digest
 * @param created the manifest's {@code org.opencontainers.image.created}, or {@code null}
 */
public record ArtifactVersion(String tag, List<String> aliases, String digest, @Nullable Instant created) {

  /** Checks nulls and copies the aliases. */
  public ArtifactVersion {
    Objects.requireNonNull(tag, "tag");
    aliases = List.copyOf(Objects.requireNonNull(aliases, "aliases"));
    Objects.requireNonNull(digest, "digest");
  }
}

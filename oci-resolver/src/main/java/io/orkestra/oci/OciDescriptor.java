package io.orkestra.oci;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor: a layer, a config, or an entry of an index or a referrers list.
 *
 * @param mediaType media type of the content
 * @param digest {@code sha256:<hex>} of the content
 * @param size size in bytes
 * @param artifactType artifact type (referrers entries), or {@code null}
 * @param annotations annotations, e.g. {@code org.opencontainers.image.title}
 */
public record OciDescriptor(
    String mediaType, String digest, long size, @Nullable String artifactType, Map<String, String> annotations) {

  /** Annotation that names the file a layer holds. */
  public static final String TITLE = "org.opencontainers.image.title";

  /** Checks nulls and copies the annotations. */
  public OciDescriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    annotations = Map.copyOf(Objects.requireNonNull(annotations, "annotations"));
  }

  /**
   * The {@code org.opencontainers.image.title} annotation.
   *
   * @return the title, when present
   */
  public Optional<String> title() {
    return Optional.ofNullable(annotations.get(TITLE));
  }
}

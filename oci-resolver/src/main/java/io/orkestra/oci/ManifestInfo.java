package io.orkestra.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A manifest as the registry serves it, read without downloading any blob.
 *
 * @param reference the reference that was asked for
 * @param digest digest of the manifest bytes
 * @param mediaType manifest media type
 * @param artifactType the manifest's {@code artifactType} (or its config media type), or {@code null}
 * @param annotations manifest annotations
 * @param config the config descriptor, or {@code null} for an index
 * @param layers layers (image manifest) or manifests (index)
 * @param json the manifest bytes as text
 */
public record ManifestInfo(
    OciReference reference,
    String digest,
    String mediaType,
    @Nullable String artifactType,
    Map<String, String> annotations,
    @Nullable OciDescriptor config,
    List<OciDescriptor> layers,
    String json) {

  /** Checks nulls and copies collections. */
  public ManifestInfo {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(json, "json");
    annotations = Map.copyOf(Objects.requireNonNull(annotations, "annotations"));
    layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
  }
}

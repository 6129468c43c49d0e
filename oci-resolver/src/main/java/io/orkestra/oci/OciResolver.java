package io.orkestra.oci;

import io.orkestra.oci.internal.ReferenceParser;
import java.util.Map;

/**
 * Entry point of the OCI module. Today it parses references the way Orkestra does; the registry
 * client, cache and lock file arrive with the OCI issue behind this same entry type.
 */
public final class OciResolver {

  private OciResolver() {}

  /**
   * Parses a reference as written in a Komposer import or on the command line.
   *
   * <p>Accepted forms: an optional {@code oci://} prefix; {@code host/repo:tag};
   * {@code host/repo@sha256:<hex>}; the Komposer shorthand {@code host/repo@v14} (the part after the
   * last {@code @} is a tag unless it is a digest); a short name such as {@code postgres:v14},
   * prefixed with {@code ORK_REGISTRY} / {@code ORK_MOTIFS_REGISTRY} or Orkestra's default
   * registry for the kind. A missing tag means {@code latest}. A first segment is a host when it
   * contains {@code .} or {@code :} or is {@code localhost}.
   *
   * @param reference the reference text
   * @param kind pattern or motif (selects the default registry for short names)
   * @param environment environment variables (usually {@code System.getenv()})
   * @return the parsed reference
   * @throws IllegalArgumentException naming the reference and what is wrong with it
   */
  public static OciReference parseReference(
      String reference, ArtifactKind kind, Map<String, String> environment) {
    return ReferenceParser.parse(reference, kind, environment);
  }
}

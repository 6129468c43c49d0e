package io.orkestra.oci.internal;

import io.orkestra.oci.ArtifactKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Media types of the OCI/Docker manifests and of Orkestra's artifacts (spec §4). */
public final class MediaTypes {

  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  /** Docker image manifest v2 schema 2. */
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  /** Docker manifest list. */
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  /** Manifest media types this client reads; everything else is refused. */
  public static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);
  /** Accept header sent with every manifest request (the OCI types first). */
  public static final String ACCEPT = String.join(", ", List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST));
  /** Pattern artifact and config media type. */
  public static final String PATTERN = "application/vnd.orkestra.pattern.v1+tar+gzip";
  /** Motif artifact and config media type. */
  public static final String MOTIF = "application/vnd.orkestra.motif.v1+tar+gzip";

  private MediaTypes() {}

  /**
   * Artifact (and config) media type of a kind.
   *
   * @param kind the kind
   * @return the media type
   */
  public static String artifactType(ArtifactKind kind) {
    return kind == ArtifactKind.MOTIF ? MOTIF : PATTERN;
  }

  /**
   * The file a kind requires.
   *
   * @param kind the kind
   * @return {@code katalog.yaml} or {@code motif.yaml}
   */
  public static String requiredFile(ArtifactKind kind) {
    return kind == ArtifactKind.MOTIF ? "motif.yaml" : "katalog.yaml";
  }

  /**
   * Layer media type of a file, by its name (spec §4).
   *
   * @param title the file's relative path
   * @return the media type
   */
  public static String layerType(String title) {
    String name = title.substring(title.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    switch (name) {
      case "katalog.yaml":
        return "application/vnd.orkestra.katalog.v1+yaml";
      case "crd.yaml":
        return "application/vnd.kubernetes.crd.v1+yaml";
      case "cr.yaml":
        return "application/vnd.kubernetes.cr.v1+yaml";
      case "motif.yaml":
        return "application/vnd.orkestra.motif.v1+yaml";
      case "e2e.yaml":
        return "application/vnd.orkestra.e2e.v1+yaml";
      case "simulate.yaml":
        return "application/vnd.orkestra.simulate.v1+yaml";
      case "go.mod":
      case "go.sum":
        return "text/plain";
      case "Makefile":
        return "text/x-makefile";
      default:
        return lower.startsWith("readme") ? "text/markdown" : "application/octet-stream";
    }
  }
}

package io.orkestra.oci;

/** The two kinds of Orkestra registry artifacts; each has its own default registry namespace. */
public enum ArtifactKind {
  /** A complete Katalog (or Komposer) published as a pattern. */
  PATTERN("ORK_REGISTRY", "ghcr.io/orkspace/orkestra-registry/patterns/katalogs"),
  /** A reusable fragment with named inputs. */
  MOTIF("ORK_MOTIFS_REGISTRY", "ghcr.io/orkspace/orkestra-registry/patterns/motifs");

  private final String environmentVariable;
  private final String defaultRegistry;

  ArtifactKind(String environmentVariable, String defaultRegistry) {
    this.environmentVariable = environmentVariable;
    this.defaultRegistry = defaultRegistry;
  }

  /**
   * Environment variable that overrides the default registry namespace for short names.
   *
   * @return the variable name
   */
  public String environmentVariable() {
    return environmentVariable;
  }

  /**
   * Orkestra's default registry namespace for short names.
   *
   * @return host and repository prefix
   */
  public String defaultRegistry() {
    return defaultRegistry;
  }
}

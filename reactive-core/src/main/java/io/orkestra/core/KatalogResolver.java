package io.orkestra.core;

import java.nio.file.Path;
import reactor.core.publisher.Mono;

/**
 * Resolves a registry reference of a Komposer or Motif import (e.g. {@code
 * ghcr.io/org/patterns/pg@v14}) to a local directory holding the artifact's files. The OCI
 * resolver implements it; the Katalog loader only sees this contract.
 */
public interface KatalogResolver {

  /** What an import expects to find behind a reference; selects the default registry. */
  enum ArtifactType {
    /** A pattern: a directory with {@code katalog.yaml} (and optionally {@code komposer.yaml}). */
    PATTERN,
    /** A motif: a directory with {@code motif.yaml}. */
    MOTIF
  }

  /**
   * Resolves a reference; short names use the resolver's default artifact type.
   *
   * @param reference the reference as written in the Komposer
   * @return the directory with the artifact's files; errors when it cannot be resolved
   */
  Mono<Path> resolve(String reference);

  /**
   * Resolves a reference of a known artifact type: short names ({@code postgres:v1}) are qualified
   * with the default registry of that type ({@code ORK_REGISTRY} or {@code ORK_MOTIFS_REGISTRY}).
   * The default ignores the type.
   *
   * @param reference the reference as written in the import
   * @param type pattern or motif
   * @return the directory with the artifact's files; errors when it cannot be resolved
   */
  default Mono<Path> resolve(String reference, ArtifactType type) {
    return resolve(reference);
  }
}

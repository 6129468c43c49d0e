package io.orkestra.core;

import java.nio.file.Path;
import reactor.core.publisher.Mono;

/**
 * Resolves a registry reference of a Komposer import (e.g. {@code ghcr.io/org/patterns/pg@v14})
 * to a local directory holding the artifact's files. The OCI resolver implements it; the Katalog
 * loader only sees this contract.
 */
public interface KatalogResolver {

  /**
   * Resolves a reference.
   *
   * @param reference the reference as written in the Komposer
   * @return the directory with the artifact's files; errors when it cannot be resolved
   */
  Mono<Path> resolve(String reference);
}

package io.orkestra.runtime.internal;

import io.orkestra.core.KatalogResolver;
import io.orkestra.katalog.LoadOptions;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciRegistry;
import io.orkestra.oci.OciResolver;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The registry resolver the CLI gives the Katalog loader: an {@link OciRegistry} whose lock file
 * is {@code orkestra.lock} next to the entry Komposer, created on the first registry import (a
 * plain Katalog never starts Vert.x). Close it when loading is done.
 */
public final class RegistryImports implements KatalogResolver, AutoCloseable {

  private final OciOptions options;
  private @Nullable Vertx vertx;
  private @Nullable OciRegistry registry;

  private RegistryImports(OciOptions options) {
    this.options = options;
  }

  /**
   * Resolver for the imports of an entry file or pattern directory.
   *
   * @param entry the Komposer/Katalog file or directory given with {@code -f}
   * @param base options (cache, plain HTTP, credentials); the lock file is set here
   * @return the resolver
   */
  public static RegistryImports forEntry(Path entry, OciOptions base) {
    Path dir = Files.isDirectory(entry) ? entry : entry.toAbsolutePath().getParent();
    OciOptions o = base.withDefaultKind(ArtifactKind.PATTERN);
    if (base.lockFile() == null && dir != null) {
      o = o.withLockFile(dir.resolve("orkestra.lock"));
    }
    return new RegistryImports(o);
  }

  /**
   * Load options with this resolver and the process environment.
   *
   * @return the options
   */
  public LoadOptions loadOptions() {
    return LoadOptions.defaults().withResolver(this);
  }

  @Override
  public Mono<Path> resolve(String reference) {
    return resolve(reference, ArtifactType.PATTERN);
  }

  @Override
  public Mono<Path> resolve(String reference, ArtifactType type) {
    return Mono.defer(() -> registry().resolve(reference, type));
  }

  private synchronized OciRegistry registry() {
    if (registry == null) {
      vertx = Vertx.vertx();
      registry = OciResolver.create(vertx, options);
    }
    return registry;
  }

  @Override
  public synchronized void close() {
    if (vertx != null) {
      // called from the CLI's main thread after loading, never from an event loop
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
      vertx = null;
      registry = null;
    }
  }
}

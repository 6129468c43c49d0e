package io.orkestra.oci;

import io.orkestra.oci.internal.DefaultOciRegistry;
import io.orkestra.oci.internal.ReferenceParser;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Entry point of the OCI module: parses references the way Orkestra does and creates the registry
 * client ({@link OciRegistry}), which also is the {@link io.orkestra.core.KatalogResolver} for
 * Komposer registry imports.
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

  /**
   * The digest an {@code orkestra.lock} pins for a reference. Blocking file I/O: call it from a
   * thread that may block (the CLI's main thread, boundedElastic).
   *
   * @param lockFile the lock file (a missing file pins nothing)
   * @param reference the reference, keyed like the resolver records it ({@code host/repo:tag})
   * @return the locked digest, when there is one
   */
  public static java.util.Optional<String> lockedDigest(java.nio.file.Path lockFile, OciReference reference) {
    return io.orkestra.oci.internal.LockFile.lookup(lockFile, DefaultOciRegistry.lockKey(reference));
  }

  /**
   * Creates a registry client with its cache and (optional) lock file. Nothing is read or sent
   * until a returned publisher is subscribed. The HTTP client belongs to {@code vertx} and is
   * closed with it.
   *
   * @param vertx the process's Vert.x instance
   * @param options options, e.g. {@code OciOptions.defaults().withLockFile(dir.resolve("orkestra.lock"))}
   * @return the client; it implements {@link io.orkestra.core.KatalogResolver}
   */
  public static OciRegistry create(Vertx vertx, OciOptions options) {
    return new DefaultOciRegistry(vertx, options);
  }
}

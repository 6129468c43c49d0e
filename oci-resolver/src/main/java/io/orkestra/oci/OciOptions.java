package io.orkestra.oci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a registry client and its cache. Start from {@link #defaults()} and change what you
 * need with the {@code withX} copy methods.
 *
 * @param cacheRoot root of Orkestra's registry cache ({@code <root>/<host>/<repo>/<tag-or-digest>/}
 *     plus the content-addressed blob store under {@code <root>/_blobs/})
 * @param lockFile the {@code orkestra.lock} to verify and write on resolve, or {@code null} for none
 * @param updateLock move lock entries to the digest the registry serves now (instead of failing)
 * @param refresh ignore cached artifacts and download again
 * @param plainHttp talk plain HTTP to every registry (loopback registries always use plain HTTP)
 * @param dockerConfig the docker {@code config.json} whose {@code auths} supply credentials, or
 *     {@code null} for none
 * @param credentials explicit {@code user:password} credentials per registry host (win over the
 *     docker config)
 * @param defaultKind the kind used to qualify short names given to {@code resolve}
 * @param environment environment used for {@code ORK_REGISTRY} / {@code ORK_MOTIFS_REGISTRY}
 * @param maxManifestBytes manifests larger than this are refused
 * @param chunkSize blobs larger than this are uploaded in chunks of this size (PATCH)
 * @param requestTimeout idle timeout of one HTTP exchange
 * @param mirrors where pulls of mirrored hosts go first (and whether the upstream may be
 *     contacted at all)
 */
public record OciOptions(
    Path cacheRoot,
    @Nullable Path lockFile,
    boolean updateLock,
    boolean refresh,
    boolean plainHttp,
    @Nullable Path dockerConfig,
    Map<String, String> credentials,
    ArtifactKind defaultKind,
    Map<String, String> environment,
    long maxManifestBytes,
    int chunkSize,
    Duration requestTimeout,
    RegistryMirrors mirrors) {

  /** Default manifest size limit: 4 MiB. */
  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  /** Checks arguments and copies maps. */
  public OciOptions {
    Objects.requireNonNull(cacheRoot, "cacheRoot");
    Objects.requireNonNull(defaultKind, "defaultKind");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(mirrors, "mirrors");
    credentials = Map.copyOf(Objects.requireNonNull(credentials, "credentials"));
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    if (maxManifestBytes <= 0) {
      throw new IllegalArgumentException("maxManifestBytes must be positive: " + maxManifestBytes);
    }
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
    }
  }

  /**
   * Defaults: cache at {@code $ORK_CACHE} or {@code ~/.orkestra/registry}, no lock file, docker
   * config at {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}, 4 MiB manifest
   * limit, 8 MiB upload chunks, 60 s request idle timeout, the process environment, no mirrors (the CLI adds them from its
   * configuration).
   *
   * @return default options
   */
  public static OciOptions defaults() {
    Map<String, String> env = System.getenv();
    String home = System.getProperty("user.home");
    String cache = env.get("ORK_CACHE");
    Path cacheRoot =
        cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(home, ".orkestra", "registry");
    String dockerDir = env.get("DOCKER_CONFIG");
    Path docker =
        dockerDir != null && !dockerDir.isBlank()
            ? Path.of(dockerDir, "config.json")
            : Path.of(home, ".docker", "config.json");
    return new OciOptions(
        cacheRoot, null, false, false, false, docker, Map.of(), ArtifactKind.PATTERN, env,
        DEFAULT_MAX_MANIFEST_BYTES, 8 * 1024 * 1024, Duration.ofSeconds(60), RegistryMirrors.none());
  }

  /**
   * Copy with another cache root.
   *
   * @param root the cache root
   * @return new options
   */
  public OciOptions withCacheRoot(Path root) {
    return new OciOptions(root, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with a lock file.
   *
   * @param file the {@code orkestra.lock}, or {@code null} for none
   * @return new options
   */
  public OciOptions withLockFile(@Nullable Path file) {
    return new OciOptions(cacheRoot, file, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy that moves lock entries instead of failing on a digest mismatch.
   *
   * @param update whether to move entries
   * @return new options
   */
  public OciOptions withUpdateLock(boolean update) {
    return new OciOptions(cacheRoot, lockFile, update, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy that ignores (or honours) the cache.
   *
   * @param value whether to download again
   * @return new options
   */
  public OciOptions withRefresh(boolean value) {
    return new OciOptions(cacheRoot, lockFile, updateLock, value, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy that uses plain HTTP for every registry.
   *
   * @param value whether to use plain HTTP
   * @return new options
   */
  public OciOptions withPlainHttp(boolean value) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, value, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with another docker config file.
   *
   * @param file the {@code config.json}, or {@code null} to read none
   * @return new options
   */
  public OciOptions withDockerConfig(@Nullable Path file) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, file, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with credentials for one registry host (e.g. {@code 127.0.0.1:5000}).
   *
   * @param registry registry host and optional port
   * @param username user name
   * @param password password or token
   * @return new options
   */
  public OciOptions withCredentials(String registry, String username, String password) {
    Map<String, String> copy = new HashMap<>(credentials);
    copy.put(registry, username + ":" + password);
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, copy,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with another kind for short names.
   *
   * @param kind the kind
   * @return new options
   */
  public OciOptions withDefaultKind(ArtifactKind kind) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        kind, environment, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with another environment (for {@code ORK_REGISTRY} / {@code ORK_MOTIFS_REGISTRY}).
   *
   * @param env the environment
   * @return new options
   */
  public OciOptions withEnvironment(Map<String, String> env) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, env, maxManifestBytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with another manifest size limit.
   *
   * @param bytes the limit
   * @return new options
   */
  public OciOptions withMaxManifestBytes(long bytes) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, bytes, chunkSize, requestTimeout, mirrors);
  }

  /**
   * Copy with another upload chunk size.
   *
   * @param bytes the chunk size
   * @return new options
   */
  public OciOptions withChunkSize(int bytes) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, bytes, requestTimeout, mirrors);
  }

  /**
   * Copy with another request idle timeout.
   *
   * @param timeout the timeout
   * @return new options
   */
  public OciOptions withRequestTimeout(Duration timeout) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, timeout, mirrors);
  }

  /**
   * Copy with other registry mirrors.
   *
   * @param value the mirrors
   * @return new options
   */
  public OciOptions withMirrors(RegistryMirrors value) {
    return new OciOptions(cacheRoot, lockFile, updateLock, refresh, plainHttp, dockerConfig, credentials,
        defaultKind, environment, maxManifestBytes, chunkSize, requestTimeout, value);
  }
}

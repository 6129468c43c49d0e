package io.orkestra.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.KatalogResolver.ArtifactType;
import io.orkestra.core.OrkestraException;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.ArtifactVersion;
import io.orkestra.oci.ManifestInfo;
import io.orkestra.oci.MirrorEndpoint;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciRegistry;
import io.orkestra.oci.PatternIndex;
import io.orkestra.oci.PulledArtifact;
import io.orkestra.oci.PushResult;
import io.orkestra.oci.TransferListener;
import io.orkestra.oci.internal.RegistryClient.Manifest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link OciRegistry} on {@link RegistryClient}, {@link ArtifactCache} and {@link LockFile}. */
public final class DefaultOciRegistry implements OciRegistry {

  /** Manifest annotation: creation time. */
  public static final String CREATED = "org.opencontainers.image.created";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  private final RegistryClient client;
  private final OciOptions options;
  private final ArtifactCache cache;
  private final IndexStore index;

  /**
   * Creates the registry facade.
   *
   * @param vertx Vert.x
   * @param options options
   */
  public DefaultOciRegistry(Vertx vertx, OciOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.client = new RegistryClient(Objects.requireNonNull(vertx, "vertx"), options);
    this.cache = new ArtifactCache(options.cacheRoot());
    this.index = new IndexStore(client);
  }

  /**
   * The protocol client (tests and benchmarks use it directly).
   *
   * @return the client
   */
  public RegistryClient client() {
    return client;
  }

  @Override
  public Mono<Path> resolve(String reference) {
    return resolve(reference, options.defaultKind());
  }

  @Override
  public Mono<Path> resolve(String reference, ArtifactType type) {
    return resolve(reference, type == ArtifactType.MOTIF ? ArtifactKind.MOTIF : ArtifactKind.PATTERN);
  }

  private Mono<Path> resolve(String reference, ArtifactKind kind) {
    return Mono.fromCallable(() -> ReferenceParser.parse(reference, kind, options.environment()))
        .flatMap(ref -> pull(ref, null))
        .map(PulledArtifact::directory);
  }

  /**
   * Lock file key of a reference: {@code host/repo:tag} for tags, {@code host/repo@digest} otherwise.
   *
   * @param ref the reference
   * @return the key
   */
  public static String lockKey(OciReference ref) {
    Objects.requireNonNull(ref, "ref");
    return ref.registry() + "/" + ref.repository() + (ref.tag() != null ? ":" + ref.tag() : "@" + ref.digest());
  }

  @Override
  public Mono<PulledArtifact> pull(OciReference ref, @Nullable Path output, TransferListener listener) {
    Objects.requireNonNull(ref, "reference");
    Objects.requireNonNull(listener, "listener");
    Mono<PulledArtifact> pulled = blocking(() -> Optional.ofNullable(options.lockFile())
            .flatMap(f -> LockFile.lookup(f, lockKey(ref))))
        .flatMap(locked -> {
          String lockedDigest = locked.orElse(null);
          if (ref.digest() != null && lockedDigest != null && !ref.digest().equals(lockedDigest) && !options.updateLock()) {
            return Mono.error(lockMismatch(ref, lockedDigest, ref.digest()));
          }
          String pinned = ref.digest() != null ? ref.digest() : options.updateLock() ? null : lockedDigest;
          Path dir = cache.directory(ref);
          Mono<PulledArtifact> fromCache = pinned == null || options.refresh()
              ? Mono.empty()
              : blocking(() -> cache.verified(dir, pinned))
                  .flatMap(t -> t.map(titles -> Mono.just(new PulledArtifact(ref, pinned, dir, titles, true))).orElse(Mono.empty()));
          return fromCache
              .switchIfEmpty(Mono.defer(() -> fetch(ref, pinned, lockedDigest, dir, listener)))
              .flatMap(a -> recordLock(ref, lockedDigest, a));
        });
    return output == null ? pulled
        : pulled.flatMap(a -> blocking(() -> {
          ArtifactCache.copyFiles(a.directory(), a.files(), output, ref.toString());
          return new PulledArtifact(ref, a.digest(), output, a.files(), a.fromCache());
        }));
  }

  /** One place to pull a reference from: a mirror, or the upstream registry ({@code mirror} null). */
  private record Source(OciReference at, @Nullable MirrorEndpoint mirror) {
    String describe() {
      return mirror == null ? "registry " + at.registry() : "mirror " + mirror.url();
    }
  }

  /** The mirrors of the reference's host in order, then the upstream unless mirror-only forbids it. */
  private List<Source> sources(OciReference ref) {
    List<Source> out = new ArrayList<>();
    List<MirrorEndpoint> mirrors = options.mirrors().endpoints(ref.registry());
    for (MirrorEndpoint m : mirrors) {
      out.add(new Source(m.locate(ref), m));
    }
    if (mirrors.isEmpty() || !options.mirrors().mirrorOnly()) {
      out.add(new Source(ref, null));
    }
    return out;
  }

  private Mono<PulledArtifact> fetch(
      OciReference ref, @Nullable String pinned, @Nullable String locked, Path dir, TransferListener listener) {
    return Mono.defer(() -> fetchFrom(sources(ref), 0, new ArrayList<>(), ref, pinned, locked, dir, listener));
  }

  /**
   * Pulls from {@code sources.get(i)}; a registry error (unreachable, 404, 5xx, auth) moves on to
   * the next source. Content errors (a digest that differs from the lock or from the reference, a
   * bad manifest) are final: a mirror serving other content is never papered over by the upstream.
   */
  private Mono<PulledArtifact> fetchFrom(List<Source> sources, int i, List<String> failures, OciReference ref,
      @Nullable String pinned, @Nullable String locked, Path dir, TransferListener listener) {
    Source source = sources.get(i);
    Mono<PulledArtifact> one = fetchOne(source, ref, locked, dir, listener);
    if (i + 1 < sources.size()) {
      return one.onErrorResume(RegistryException.class::isInstance, e -> {
        failures.add(source.describe() + ": " + e.getMessage());
        return fetchFrom(sources, i + 1, failures, ref, pinned, locked, dir, listener);
      });
    }
    return one.onErrorMap(RegistryException.class::isInstance, e -> {
      RegistryException r = (RegistryException) e;
      StringBuilder msg = new StringBuilder();
      if (source.mirror() != null) {
        msg.append("cannot pull ").append(ref).append(" from ").append(source.describe())
            .append(" (mirror-only: the upstream registry ").append(ref.registry()).append(" is not contacted): ");
      }
      msg.append(r.getMessage());
      if (!failures.isEmpty()) {
        msg.append(" (tried first: ").append(String.join("; ", failures)).append(')');
      }
      if (r.status() == 0) {
        msg.append(pinned == null
            ? "; " + ref + " is not pinned by digest, so the cache cannot stand in (pin it with @sha256:… or a lock entry)"
            : "; the cache holds no verified copy of " + ref + " at " + pinned);
      }
      return new RegistryException(r.status(), msg.toString(), r);
    });
  }

  private Mono<PulledArtifact> fetchOne(
      Source source, OciReference ref, @Nullable String locked, Path dir, TransferListener listener) {
    OciReference at = source.at();
    String reference = at.digest() != null ? at.digest() : Objects.requireNonNull(at.tag());
    return client.fetchManifest(at.registry(), at.repository(), reference)
        .flatMap(m -> {
          if (locked != null && !locked.equals(m.digest()) && !options.updateLock()) {
            return Mono.error(source.mirror() == null ? lockMismatch(ref, locked, m.digest())
                : new OrkestraException("digest mismatch for " + lockKey(ref) + ": orkestra.lock pins " + locked
                    + " but mirror " + source.mirror().url() + " serves " + m.digest() + " (as " + at
                    + "); the mirror is stale or its content changed: mirror it again, or update the lock to accept it"));
          }
          if (!m.mediaType().equals(MediaTypes.OCI_MANIFEST) && !m.mediaType().equals(MediaTypes.DOCKER_MANIFEST)) {
            return Mono.error(new OrkestraException(ref + " is an index (" + m.mediaType()
                + "), not a pattern or motif manifest"));
          }
          List<OciDescriptor> layers = ArtifactCache.layers(m.json());
          for (OciDescriptor layer : layers) {
            layer.title().ifPresent(t -> ArtifactCache.checkTitle(t, ref.toString()));
            Digests.check(layer.digest());
          }
          return blocking(() -> {
                cache.storeBlob(m.digest(), m.bytes());
                return layers.stream().filter(l -> l.title().isPresent() && !cache.hasVerifiedBlob(l.digest()))
                    .collect(Collectors.toMap(OciDescriptor::digest, OciDescriptor::size, (a, b) -> a, TreeMap::new));
              })
              .doOnNext(missing -> {
                if (!missing.isEmpty()) {
                  listener.started(ref, missing.values().stream().mapToLong(Long::longValue).sum());
                }
              })
              .flatMapMany(missing -> Flux.fromIterable(missing.keySet()))
              .flatMap(d -> client.downloadBlob(at.registry(), at.repository(), d, cache.tempDir(), cache.blob(d),
                  listener::transferred), 4)
              .then(blocking(() -> new PulledArtifact(ref, m.digest(), dir,
                  cache.materialize(dir, m.digest(), layers, ref.toString()), false)));
        });
  }

  private Mono<PulledArtifact> recordLock(OciReference ref, @Nullable String locked, PulledArtifact a) {
    Path file = options.lockFile();
    if (file == null || a.digest().equals(locked)) {
      return Mono.just(a);
    }
    return blocking(() -> {
      LockFile.record(file, lockKey(ref), a.digest());
      return a;
    });
  }

  private static OrkestraException lockMismatch(OciReference ref, String locked, String actual) {
    return new OrkestraException("digest mismatch for " + lockKey(ref) + ": orkestra.lock pins " + locked
        + " but the registry serves " + actual + " (update the lock to accept the new content)");
  }

  @Override
  public Mono<PushResult> push(OciReference ref, Path directory, ArtifactKind kind, Map<String, String> annotations,
      TransferListener listener) {
    Objects.requireNonNull(ref, "reference");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(kind, "kind");
    Map<String, String> extra = Map.copyOf(Objects.requireNonNull(annotations, "annotations"));
    if (ref.tag() == null) {
      return Mono.error(new OrkestraException("push needs a tag: " + ref));
    }
    return blocking(() -> collect(directory, kind)).flatMap(files -> {
      String artifactType = MediaTypes.artifactType(kind);
      String configDigest = Digests.of(EMPTY_CONFIG);
      Map<String, String> ann = new TreeMap<>();
      String name = ref.repository().substring(ref.repository().lastIndexOf('/') + 1);
      ann.put("org.opencontainers.image.title", name);
      ann.put("org.opencontainers.image.version", ref.tag());
      ann.put("io.orkestra.pattern.kind", kind.name().toLowerCase(java.util.Locale.ROOT));
      ann.put("io.orkestra.pattern.name", name);
      ann.put("io.orkestra.pattern.version", ref.tag());
      ann.putAll(extra);
      ann.putIfAbsent(CREATED, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      byte[] manifest = manifestBytes(artifactType, configDigest, files, ann);
      Mono<Optional<Manifest>> existing = client.fetchManifest(ref.registry(), ref.repository(), ref.tag())
          .map(Optional::of)
          .onErrorResume(RegistryException::isNotFound, e -> Mono.just(Optional.empty()));
      return existing.flatMap(current -> {
        if (current.isPresent() && sameContent(current.get().json(), manifest)) {
          return Mono.just(new PushResult(ref, current.get().digest(), 0, files.size() + 1, false));
        }
        List<Map.Entry<String, byte[]>> blobs = new ArrayList<>();
        blobs.add(Map.entry(configDigest, EMPTY_CONFIG));
        files.forEach(f -> blobs.add(Map.entry(f.digest(), f.bytes())));
        listener.started(ref, blobs.stream().mapToLong(b -> b.getValue().length).sum());
        return Flux.fromIterable(blobs)
            .flatMap(b -> client.uploadBlob(ref.registry(), ref.repository(), b.getKey(), Buffer.buffer(b.getValue()),
                listener::transferred), 4)
            .collectList()
            .flatMap(sent -> client.putManifest(ref.registry(), ref.repository(), ref.tag(), MediaTypes.OCI_MANIFEST, manifest)
                .map(d -> {
                  int uploaded = (int) sent.stream().filter(Boolean::booleanValue).count();
                  return new PushResult(ref, d, uploaded, sent.size() - uploaded, true);
                }));
      });
    });
  }

  @Override
  public Mono<PushResult> copy(OciReference source, OciReference target, TransferListener listener) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(listener, "listener");
    String from = source.digest() != null ? source.digest() : Objects.requireNonNull(source.tag());
    String to = target.tag() != null ? target.tag() : Objects.requireNonNull(target.digest());
    return client.fetchManifest(source.registry(), source.repository(), from).flatMap(m -> {
      if (target.digest() != null && !target.digest().equals(m.digest())) {
        return Mono.error(new OrkestraException("cannot copy " + source + " to " + target + ": the source is "
            + m.digest()));
      }
      if (!m.mediaType().equals(MediaTypes.OCI_MANIFEST) && !m.mediaType().equals(MediaTypes.DOCKER_MANIFEST)) {
        return Mono.error(new OrkestraException("cannot copy " + source + ": it is an index (" + m.mediaType()
            + "), not a pattern or motif manifest"));
      }
      Map<String, Long> blobs = new TreeMap<>();
      if (m.json().has("config")) {
        OciDescriptor config = RegistryClient.descriptor(m.json().get("config"));
        blobs.put(Digests.check(config.digest()), config.size());
      }
      for (OciDescriptor layer : ArtifactCache.layers(m.json())) {
        blobs.put(Digests.check(layer.digest()), layer.size());
      }
      listener.started(source, blobs.values().stream().mapToLong(Long::longValue).sum());
      return Flux.fromIterable(blobs.entrySet())
          .flatMap(b -> copyBlob(source, target, b.getKey(), b.getValue(), listener), 4)
          .collectList()
          .flatMap(sent -> client.headManifest(target.registry(), target.repository(), to).defaultIfEmpty("")
              .flatMap(current -> current.equals(m.digest()) ? Mono.just(false)
                  : client.putManifest(target.registry(), target.repository(), to, m.mediaType(), m.bytes())
                      .thenReturn(true))
              .map(written -> {
                int uploaded = (int) sent.stream().filter(Boolean::booleanValue).count();
                return new PushResult(target, m.digest(), uploaded, sent.size() - uploaded, written);
              }));
    });
  }

  /** Emits true when the blob was uploaded, false when the target had it. */
  private Mono<Boolean> copyBlob(OciReference source, OciReference target, String digest, long size,
      TransferListener listener) {
    return client.blobExists(target.registry(), target.repository(), digest, true).flatMap(exists -> {
      if (exists) {
        listener.transferred(size);
        return Mono.just(false);
      }
      Mono<Path> local = blocking(() -> cache.hasVerifiedBlob(digest))
          .flatMap(have -> have ? Mono.just(cache.blob(digest))
              : client.downloadBlob(source.registry(), source.repository(), digest, cache.tempDir(), cache.blob(digest)));
      return local.flatMap(p -> blocking(() -> Files.readAllBytes(p)))
          .flatMap(bytes -> client.uploadBlob(target.registry(), target.repository(), digest, Buffer.buffer(bytes),
              listener::transferred));
    });
  }

  /** One file of a pushed directory. */
  private record FileEntry(String title, String mediaType, String digest, byte[] bytes) {}

  private static List<FileEntry> collect(Path directory, ArtifactKind kind) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new OrkestraException("not a directory: " + directory);
    }
    String required = MediaTypes.requiredFile(kind);
    if (!Files.isRegularFile(directory.resolve(required))) {
      throw new OrkestraException(directory + " has no " + required + " (required for a "
          + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    List<FileEntry> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Iterator<Path> it = walk.filter(Files::isRegularFile).sorted().iterator(); it.hasNext(); ) {
        Path p = it.next();
        String title = directory.relativize(p).toString().replace('\\', '/');
        if (title.startsWith(".") || title.contains("/.")) {
          continue; // hidden files (.git, editor swap files) are not part of an artifact
        }
        byte[] bytes = Files.readAllBytes(p);
        out.add(new FileEntry(title, MediaTypes.layerType(title), Digests.of(bytes), bytes));
      }
    }
    return out;
  }

  private static byte[] manifestBytes(String artifactType, String configDigest, List<FileEntry> files, Map<String, String> ann) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.put("artifactType", artifactType);
    ObjectNode config = m.putObject("config");
    config.put("mediaType", artifactType);
    config.put("digest", configDigest);
    config.put("size", EMPTY_CONFIG.length);
    ArrayNode layers = m.putArray("layers");
    for (FileEntry f : files) {
      ObjectNode l = layers.addObject();
      l.put("mediaType", f.mediaType());
      l.put("digest", f.digest());
      l.put("size", f.bytes().length);
      l.putObject("annotations").put(OciDescriptor.TITLE, f.title());
    }
    ObjectNode a = m.putObject("annotations");
    ann.forEach(a::put);
    try {
      return JSON.writeValueAsBytes(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean sameContent(JsonNode current, byte[] ours) {
    try {
      ObjectNode a = current.deepCopy();
      ObjectNode b = (ObjectNode) JSON.readTree(ours);
      for (ObjectNode n : List.of(a, b)) {
        if (n.get("annotations") instanceof ObjectNode) {
          ((ObjectNode) n.get("annotations")).remove(CREATED);
        }
      }
      return a.equals(b);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Mono<ManifestInfo> inspect(OciReference ref) {
    String reference = ref.digest() != null ? ref.digest() : Objects.requireNonNull(ref.tag());
    return client.fetchManifest(ref.registry(), ref.repository(), reference).map(m -> {
      JsonNode j = m.json();
      OciDescriptor config = j.has("config") ? RegistryClient.descriptor(j.get("config")) : null;
      List<OciDescriptor> layers = new ArrayList<>(ArtifactCache.layers(j));
      j.path("manifests").forEach(n -> layers.add(RegistryClient.descriptor(n)));
      String artifactType = j.hasNonNull("artifactType") ? j.get("artifactType").asText()
          : config != null ? config.mediaType() : null;
      Map<String, String> annotations = RegistryClient.descriptor(j).annotations();
      return new ManifestInfo(ref, m.digest(), m.mediaType(), artifactType, annotations, config, layers,
          new String(m.bytes(), StandardCharsets.UTF_8));
    });
  }

  @Override
  public Mono<PatternIndex> updateIndex(OciReference pushed) {
    Objects.requireNonNull(pushed, "pushed");
    String name = IndexStore.nameOf(pushed.repository());
    String namespace = IndexStore.namespaceOf(pushed.repository());
    if (name.equals(PatternIndex.REPOSITORY)) {
      return Mono.error(new OrkestraException(pushed + " is an index repository; a pattern named '"
          + PatternIndex.REPOSITORY + "' cannot be listed in its namespace's index"));
    }
    if (pushed.tag() == null) {
      return Mono.error(new OrkestraException("the index records tags; " + pushed + " has none"));
    }
    return inspect(pushed)
        .map(m -> IndexStore.entryOf(name, Objects.requireNonNull(pushed.tag()), m.annotations()))
        .flatMap(entry -> index.upsert(pushed.registry(), namespace, entry));
  }

  @Override
  public Mono<PatternIndex> readIndex(String registry, String namespace) {
    return index.read(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(namespace, "namespace"));
  }

  @Override
  public Flux<ArtifactVersion> listVersions(String registry, String repository) {
    return listTags(registry, repository)
        .flatMap(tag -> client.fetchManifest(registry, repository, tag)
            .map(m -> new Versions.Tagged(tag, m.digest(),
                Versions.parseCreated(m.json().path("annotations").path(CREATED).asText(null))))
            .onErrorResume(RegistryException::isNotFound, e -> Mono.empty()), 4)
        .collectList()
        .flatMapIterable(Versions::dedupe);
  }

  @Override
  public Flux<String> listTags(String registry, String repository) {
    return client.tags(registry, repository, 100);
  }

  @Override
  public Flux<String> listRepositories(String registry) {
    return client.catalog(registry, 100);
  }

  @Override
  public Flux<OciDescriptor> referrers(OciReference subject, @Nullable String artifactType) {
    if (subject.digest() == null) {
      return Flux.error(new OrkestraException("referrers need a digest reference: " + subject));
    }
    return client.referrers(subject.registry(), subject.repository(), subject.digest(), artifactType);
  }

  /** Blocking work (files) runs on boundedElastic, never on an event loop (house-style 25). */
  private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}

package io.orkestra.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.oci.IndexEntry;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.PatternIndex;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Reads and updates a namespace's {@code <namespace>/index:latest} artifact: an OCI image manifest
 * with artifact type {@link #ARTIFACT_TYPE}, the OCI empty config, and one layer {@code
 * index.json}:
 *
 * <pre>
 * {"schemaVersion": 1, "updatedAt": "…", "entries": [{"name": "postgres", "latestVersion": "v1.2.0",
 *   "description": "…", "tags": ["db"], "author": "…", "kind": "pattern", "deprecated": false,
 *   "updatedAt": "…"}]}
 * </pre>
 *
 * <p>Concurrency: updates of one namespace from this JVM run one after the other. Between
 * processes, the registry has no conditional PUT, so an update is read-modify-write with a
 * check: after writing, the index is read again and, when the entry is not there (a concurrent
 * writer replaced the index with one based on an older read), the update is redone, at most
 * {@link #ATTEMPTS} times with a short jittered pause. Two pushes into one namespace can still
 * lose an entry when their writes interleave within that window; the next push of the lost
 * pattern restores it. The index is a browsing aid, never the source of truth for pulls.
 */
public final class IndexStore {

  /** Artifact type of the index manifest. */
  public static final String ARTIFACT_TYPE = "application/vnd.orkestra.index.v1+json";
  /** The OCI 1.1 empty config media type. */
  public static final String EMPTY_CONFIG_TYPE = "application/vnd.oci.empty.v1+json";
  /** Layer title of the index document. */
  public static final String FILE = "index.json";
  /** Read-modify-write attempts before giving up. */
  public static final int ATTEMPTS = 4;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private static final long MAX_INDEX_BYTES = 16L * 1024 * 1024;

  /** Per registry/namespace: completes when the last queued update of this JVM has terminated. */
  private static final ConcurrentMap<String, Mono<Void>> TAILS = new ConcurrentHashMap<>();

  private final RegistryClient client;

  /**
   * Creates the store.
   *
   * @param client the protocol client
   */
  public IndexStore(RegistryClient client) {
    this.client = client;
  }

  /**
   * The namespace of a repository: all but its last segment.
   *
   * @param repository repository path
   * @return the namespace, empty for a one-segment repository
   */
  public static String namespaceOf(String repository) {
    int slash = repository.lastIndexOf('/');
    return slash < 0 ? "" : repository.substring(0, slash);
  }

  /**
   * The last segment of a repository.
   *
   * @param repository repository path
   * @return the name
   */
  public static String nameOf(String repository) {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  /**
   * Reads the index of a namespace.
   *
   * @param registry host
   * @param namespace namespace
   * @return the index, or empty when the namespace has none
   */
  public Mono<PatternIndex> read(String registry, String namespace) {
    String repo = PatternIndex.repositoryOf(namespace);
    return client.fetchManifest(registry, repo, PatternIndex.TAG)
        .onErrorResume(RegistryException::isNotFound, e -> Mono.empty())
        .flatMap(m -> {
          OciDescriptor layer = ArtifactCache.layers(m.json()).stream()
              .filter(l -> l.title().map(FILE::equals).orElse(false)).findFirst()
              .orElseThrow(() -> new OrkestraException(registry + "/" + repo + ":" + PatternIndex.TAG
                  + " is not an Orkestra index (no " + FILE + " layer)"));
          return client.fetchBlob(registry, repo, layer.digest(), MAX_INDEX_BYTES);
        })
        .map(bytes -> decode(registry, namespace, bytes, registry + "/" + repo + ":" + PatternIndex.TAG));
  }

  /**
   * Adds or updates one entry: read, merge ({@link #merge}), write when something changed, read
   * again to check, redo on a lost race.
   *
   * @param registry host
   * @param namespace namespace
   * @param entry the entry of the pushed artifact
   * @return the index as written (or as found, when it already held the entry)
   */
  public Mono<PatternIndex> upsert(String registry, String namespace, IndexEntry entry) {
    return serialized(registry + "/" + namespace, Mono.defer(() -> attempt(registry, namespace, entry, 1)));
  }

  /**
   * Runs index updates of one namespace one after the other within this JVM, without blocking a
   * thread: each update subscribes when the previous one has terminated.
   */
  private static <T> Mono<T> serialized(String key, Mono<T> work) {
    return Mono.defer(() -> {
      Sinks.Empty<Void> done = Sinks.empty();
      Mono<Void> mine = done.asMono();
      AtomicReference<@Nullable Mono<Void>> previous = new AtomicReference<>();
      TAILS.compute(key, (k, prev) -> {
        previous.set(prev);
        return mine;
      });
      Mono<Void> before = previous.get();
      Mono<T> run = before == null ? work : before.onErrorResume(e -> Mono.empty()).then(work);
      return run.doFinally(signal -> {
        done.tryEmitEmpty();
        TAILS.remove(key, mine);
      });
    });
  }

  private Mono<PatternIndex> attempt(String registry, String namespace, IndexEntry entry, int n) {
    Mono<Optional<PatternIndex>> current = read(registry, namespace).map(Optional::of).defaultIfEmpty(Optional.empty());
    return current.flatMap(found -> {
      List<IndexEntry> before = found.map(PatternIndex::entries).orElse(List.of());
      List<IndexEntry> after = merge(before, entry);
      if (found.isPresent() && after.equals(before)) {
        return Mono.just(found.get());
      }
      PatternIndex next = new PatternIndex(registry, namespace, after, Instant.now().truncatedTo(ChronoUnit.MILLIS));
      Mono<Optional<PatternIndex>> reread = read(registry, namespace).map(Optional::of).defaultIfEmpty(Optional.empty());
      return write(next).then(reread).flatMap(check -> {
        if (check.isPresent() && merge(check.get().entries(), entry).equals(check.get().entries())) {
          return Mono.just(check.get());
        }
        if (n >= ATTEMPTS) {
          return Mono.error(new OrkestraException("index " + registry + "/" + PatternIndex.repositoryOf(namespace)
              + ":" + PatternIndex.TAG + " kept changing under concurrent pushes; " + entry.name()
              + " was not recorded after " + n + " attempts"));
        }
        Duration pause = Duration.ofMillis(20L * n + ThreadLocalRandom.current().nextInt(40));
        return Mono.delay(pause).then(Mono.defer(() -> attempt(registry, namespace, entry, n + 1)));
      });
    });
  }

  /**
   * Merges an entry into entries: a new name is added; an existing name is replaced when the
   * pushed version {@link Versions#supersedes supersedes} the recorded one (an older version
   * pushed later leaves the entry as it is).
   *
   * @param entries current entries
   * @param entry the pushed entry
   * @return entries sorted by name
   */
  public static List<IndexEntry> merge(List<IndexEntry> entries, IndexEntry entry) {
    List<IndexEntry> out = new ArrayList<>();
    boolean seen = false;
    for (IndexEntry e : entries) {
      if (e.name().equals(entry.name())) {
        seen = true;
        out.add(Versions.supersedes(e.latestVersion(), entry.latestVersion()) ? entry : e);
      } else {
        out.add(e);
      }
    }
    if (!seen) {
      out.add(entry);
    }
    out.sort(Comparator.comparing(IndexEntry::name));
    return List.copyOf(out);
  }

  /**
   * The index entry of a pushed manifest, from its annotations.
   *
   * @param name repository last segment
   * @param tag pushed tag
   * @param annotations manifest annotations
   * @return the entry
   */
  public static IndexEntry entryOf(String name, String tag, Map<String, String> annotations) {
    String tags = annotations.getOrDefault("io.orkestra.pattern.tags", "");
    String author = annotations.getOrDefault("io.orkestra.pattern.author",
        annotations.getOrDefault("org.opencontainers.image.authors", ""));
    Instant created = Versions.parseCreated(annotations.get(DefaultOciRegistry.CREATED));
    return new IndexEntry(name, tag, annotations.getOrDefault("org.opencontainers.image.description", ""),
        Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(), author,
        annotations.getOrDefault("io.orkestra.pattern.kind", "pattern"),
        "true".equalsIgnoreCase(annotations.get("io.orkestra.pattern.deprecated")),
        created != null ? created : Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  private Mono<Void> write(PatternIndex index) {
    String registry = index.registry();
    String repo = PatternIndex.repositoryOf(index.namespace());
    byte[] doc = encode(index);
    String docDigest = Digests.of(doc);
    String emptyDigest = Digests.of(EMPTY);
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.put("artifactType", ARTIFACT_TYPE);
    ObjectNode config = m.putObject("config");
    config.put("mediaType", EMPTY_CONFIG_TYPE);
    config.put("digest", emptyDigest);
    config.put("size", EMPTY.length);
    ObjectNode layer = m.putArray("layers").addObject();
    layer.put("mediaType", ARTIFACT_TYPE);
    layer.put("digest", docDigest);
    layer.put("size", doc.length);
    layer.putObject("annotations").put(OciDescriptor.TITLE, FILE);
    ObjectNode ann = m.putObject("annotations");
    ann.put(DefaultOciRegistry.CREATED, index.updatedAt().toString());
    ann.put(OciDescriptor.TITLE, "index");
    byte[] manifest;
    try {
      manifest = new ObjectMapper().writeValueAsBytes(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return client.uploadBlob(registry, repo, emptyDigest, Buffer.buffer(EMPTY))
        .then(client.uploadBlob(registry, repo, docDigest, Buffer.buffer(doc)))
        .then(client.putManifest(registry, repo, PatternIndex.TAG, MediaTypes.OCI_MANIFEST, manifest))
        .then();
  }

  /**
   * Serializes an index document.
   *
   * @param index the index
   * @return JSON bytes
   */
  public static byte[] encode(PatternIndex index) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 1);
    root.put("updatedAt", index.updatedAt().toString());
    ArrayNode entries = root.putArray("entries");
    for (IndexEntry e : index.entries()) {
      ObjectNode n = entries.addObject();
      n.put("name", e.name());
      n.put("latestVersion", e.latestVersion());
      n.put("description", e.description());
      ArrayNode tags = n.putArray("tags");
      e.tags().forEach(tags::add);
      n.put("author", e.author());
      n.put("kind", e.kind());
      n.put("deprecated", e.deprecated());
      n.put("updatedAt", e.updatedAt().toString());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses an index document (unknown fields are ignored, missing ones default).
   *
   * @param registry host
   * @param namespace namespace
   * @param bytes JSON
   * @param what where it came from, for errors
   * @return the index
   */
  public static PatternIndex decode(String registry, String namespace, byte[] bytes, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new OrkestraException(what + ": " + FILE + " is not JSON");
    }
    if (root == null || !root.path("entries").isArray()) {
      throw new OrkestraException(what + ": " + FILE + " has no entries array");
    }
    List<IndexEntry> entries = new ArrayList<>();
    for (JsonNode n : root.path("entries")) {
      if (!n.path("name").isTextual()) {
        continue;
      }
      List<String> tags = new ArrayList<>();
      n.path("tags").forEach(t -> tags.add(t.asText()));
      Instant at = Versions.parseCreated(text(n, "updatedAt"));
      entries.add(new IndexEntry(n.get("name").asText(), Objects.requireNonNullElse(text(n, "latestVersion"), ""),
          Objects.requireNonNullElse(text(n, "description"), ""), tags,
          Objects.requireNonNullElse(text(n, "author"), ""), Objects.requireNonNullElse(text(n, "kind"), "pattern"),
          n.path("deprecated").asBoolean(false), at != null ? at : Instant.EPOCH));
    }
    entries.sort(Comparator.comparing(IndexEntry::name));
    Instant updated = Versions.parseCreated(text(root, "updatedAt"));
    return new PatternIndex(registry, namespace, entries, updated != null ? updated : Instant.EPOCH);
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}

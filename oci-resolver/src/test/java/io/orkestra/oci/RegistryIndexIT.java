package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.oci.internal.DefaultOciRegistry;
import io.orkestra.oci.internal.IndexStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The namespace index, version listing and transfer progress against a real docker-registry. */
class RegistryIndexIT {

  private static final Duration T = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static String host;

  @TempDir Path temp;
  private Path pattern;
  private OciRegistry registry;
  private String namespace;

  @BeforeAll
  static void start() {
    host = TestRegistry.shared().host();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    TestRegistry.closeVertx(vertx);
  }

  @BeforeEach
  void files() throws Exception {
    pattern = temp.resolve("pattern");
    Files.createDirectories(pattern);
    Files.writeString(pattern.resolve("katalog.yaml"), "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\n");
    registry = OciResolver.create(vertx, OciOptions.defaults().withCacheRoot(temp.resolve("cache")).withDockerConfig(null));
    namespace = "acme/n" + UUID.randomUUID().toString().substring(0, 8) + "/katalogs";
  }

  private OciReference ref(String nameAndTag) {
    return OciResolver.parseReference(host + "/" + namespace + "/" + nameAndTag, ArtifactKind.PATTERN, Map.of());
  }

  private void push(String nameAndTag, Map<String, String> annotations) {
    registry.push(ref(nameAndTag), pattern, ArtifactKind.PATTERN, annotations).block(T);
  }

  @Test
  void pushedPatternsAppearInTheNamespaceIndexWithTheirMetadata() throws Exception {
    push("postgres:v1.0.0", Map.of("org.opencontainers.image.description", "PostgreSQL",
        "io.orkestra.pattern.tags", "db,sql", "io.orkestra.pattern.author", "acme"));
    StepVerifier.create(registry.readIndex(host, namespace)).expectComplete().verify(T);
    registry.updateIndex(ref("postgres:v1.0.0")).block(T);
    push("redis:v7", Map.of("io.orkestra.pattern.deprecated", "true"));
    registry.updateIndex(ref("redis:v7")).block(T);

    StepVerifier.create(registry.readIndex(host, namespace))
        .assertNext(index -> {
          assertThat(index.namespace()).isEqualTo(namespace);
          assertThat(index.entries()).extracting(IndexEntry::name).containsExactly("postgres", "redis");
          IndexEntry pg = index.entries().get(0);
          assertThat(pg.latestVersion()).isEqualTo("v1.0.0");
          assertThat(pg.description()).isEqualTo("PostgreSQL");
          assertThat(pg.tags()).containsExactly("db", "sql");
          assertThat(pg.author()).isEqualTo("acme");
          assertThat(pg.kind()).isEqualTo("pattern");
          assertThat(pg.deprecated()).isFalse();
          assertThat(index.entries().get(1).deprecated()).isTrue();
        })
        .expectComplete().verify(T);
  }

  @Test
  void anOlderVersionOrAFloatingTagPushedLaterKeepsTheLatestVersion() {
    push("pg:v2.0.0", Map.of("org.opencontainers.image.description", "two"));
    registry.updateIndex(ref("pg:v2.0.0")).block(T);
    push("pg:v1.9.0", Map.of("org.opencontainers.image.description", "old"));
    registry.updateIndex(ref("pg:v1.9.0")).block(T);
    push("pg:latest", Map.of("org.opencontainers.image.description", "floating"));
    StepVerifier.create(registry.updateIndex(ref("pg:latest")))
        .assertNext(index -> {
          assertThat(index.entries()).singleElement().satisfies(e -> {
            assertThat(e.latestVersion()).isEqualTo("v2.0.0");
            assertThat(e.description()).isEqualTo("two");
          });
        })
        .expectComplete().verify(T);
    push("pg:v2.1.0", Map.of("org.opencontainers.image.description", "newer"));
    assertThat(registry.updateIndex(ref("pg:v2.1.0")).block(T).entries().get(0).latestVersion()).isEqualTo("v2.1.0");
  }

  @Test
  void concurrentUpdatesFromOneProcessLoseNoEntry() {
    List<String> names = IntStream.range(0, 6).mapToObj(i -> "p" + i).toList();
    names.forEach(n -> push(n + ":v1", Map.of()));
    Flux.fromIterable(names).flatMap(n -> registry.updateIndex(ref(n + ":v1")), 6).blockLast(T);
    assertThat(registry.readIndex(host, namespace).block(T).entries()).extracting(IndexEntry::name)
        .containsExactlyElementsOf(names);
  }

  @Test
  void skopeoReadsTheIndexArtifact() throws Exception {
    push("mysql:v8", Map.of("org.opencontainers.image.description", "MySQL"));
    registry.updateIndex(ref("mysql:v8")).block(T);
    String index = "docker://" + host + "/" + namespace + "/index:latest";
    JsonNode manifest = JSON.readTree(TestRegistry.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", index)));
    assertThat(manifest.path("artifactType").asText()).isEqualTo(IndexStore.ARTIFACT_TYPE);
    JsonNode layer = manifest.path("layers").path(0);
    assertThat(layer.path("annotations").path("org.opencontainers.image.title").asText()).isEqualTo("index.json");

    Path copy = temp.resolve("copy");
    TestRegistry.run(List.of("skopeo", "copy", "--src-tls-verify=false", index, "dir:" + copy));
    Path blob = copy.resolve(layer.path("digest").asText().substring("sha256:".length()));
    JsonNode doc = JSON.readTree(Files.readAllBytes(blob));
    assertThat(doc.path("entries").path(0).path("name").asText()).isEqualTo("mysql");
    assertThat(doc.path("entries").path(0).path("latestVersion").asText()).isEqualTo("v8");
    assertThat(doc.path("entries").path(0).path("description").asText()).isEqualTo("MySQL");
  }

  @Test
  void versionsAreDedupedByDigestAndNewestPushFirst() throws Exception {
    push("redis:v1", Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z"));
    Files.writeString(pattern.resolve("README.md"), "# v3\n");
    push("redis:v3", Map.of("org.opencontainers.image.created", "2026-03-01T00:00:00Z"));
    // retag v3 as latest (the same manifest bytes, as `skopeo copy` or `oras tag` would)
    ManifestInfo v3 = registry.inspect(ref("redis:v3")).block(T);
    ((DefaultOciRegistry) registry).client().putManifest(host, namespace + "/redis", "latest", v3.mediaType(),
        v3.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)).block(T);
    Files.writeString(pattern.resolve("README.md"), "# v2 hotfix\n");
    push("redis:v2", Map.of("org.opencontainers.image.created", "2026-02-01T00:00:00Z"));

    StepVerifier.create(registry.listVersions(host, namespace + "/redis").collectList())
        .assertNext(versions -> {
          assertThat(versions).extracting(ArtifactVersion::tag).containsExactly("v3", "v2", "v1");
          assertThat(versions.get(0).aliases()).containsExactly("latest");
          assertThat(versions.get(0).created()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
          assertThat(versions).extracting(ArtifactVersion::digest).doesNotHaveDuplicates();
        })
        .expectComplete().verify(T);
  }

  @Test
  void pushAndPullReportEveryTransferredByte() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(big);
    Files.write(pattern.resolve("blob.bin"), big);
    long total = Files.size(pattern.resolve("katalog.yaml")) + big.length + 2; // + the "{}" config
    Counting up = new Counting();
    OciRegistry chunked = OciResolver.create(vertx, OciOptions.defaults().withCacheRoot(temp.resolve("cache2"))
        .withDockerConfig(null).withChunkSize(1024 * 1024));
    chunked.push(ref("big:v1"), pattern, ArtifactKind.PATTERN, Map.of(), up).block(T);
    assertThat(up.total.get()).isEqualTo(total);
    assertThat(up.done.get()).isEqualTo(total);
    assertThat(up.calls.get()).as("one call per 1 MiB chunk of the big blob, one per small blob").isGreaterThanOrEqualTo(5);

    Counting down = new Counting();
    PulledArtifact pulled = registry.pull(ref("big:v1"), null, down).block(T);
    assertThat(pulled.fromCache()).isFalse();
    long layers = total - 2; // the config is not downloaded
    assertThat(down.total.get()).isEqualTo(layers);
    assertThat(down.done.get()).isEqualTo(layers);

    Counting cached = new Counting();
    assertThat(registry.pull(ref("big:v1"), null, cached).block(T).fromCache()).isFalse();
    assertThat(cached.total.get()).as("blobs already in the cache are not transferred").isZero();
  }

  /** Counts what a transfer reports. */
  private static final class Counting implements TransferListener {
    final AtomicLong total = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong calls = new AtomicLong();

    @Override
    public void started(OciReference reference, long totalBytes) {
      total.addAndGet(totalBytes);
    }

    @Override
    public void transferred(long bytes) {
      done.addAndGet(bytes);
      calls.incrementAndGet();
    }
  }
}

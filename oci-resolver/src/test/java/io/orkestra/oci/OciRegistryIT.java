package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.core.KatalogResolver;
import io.orkestra.oci.internal.DefaultOciRegistry;
import io.orkestra.oci.internal.Digests;
import io.orkestra.oci.internal.MediaTypes;
import io.orkestra.oci.internal.RegistryClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** Push, pull, cache, lock file and resolver against a real docker-registry, cross-checked with skopeo. */
class OciRegistryIT {

  private static final Duration T = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static String host;

  @TempDir Path temp;
  private Path cacheRoot;
  private Path pattern;

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
    cacheRoot = temp.resolve("cache");
    pattern = temp.resolve("pattern");
    Files.createDirectories(pattern.resolve("docs"));
    Files.writeString(pattern.resolve("katalog.yaml"), "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\n");
    Files.writeString(pattern.resolve("crd.yaml"), "kind: CustomResourceDefinition\n");
    Files.writeString(pattern.resolve("README.md"), "# demo\n");
    Files.writeString(pattern.resolve("docs/notes.txt"), "nested\n");
  }

  private OciOptions options() {
    return OciOptions.defaults().withCacheRoot(cacheRoot).withDockerConfig(null);
  }

  private OciRegistry registry(OciOptions options) {
    return OciResolver.create(vertx, options);
  }

  private static OciReference ref(String text) {
    return OciResolver.parseReference(text, ArtifactKind.PATTERN, Map.of());
  }

  private static String newRepo() {
    return "orkestra/patterns/p" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void pushesOneLayerPerFileWithOrkestraMediaTypesAndAnnotations() throws Exception {
    OciReference r = ref(host + "/" + newRepo() + ":v1");
    OciRegistry reg = registry(options());
    PushResult pushed = reg.push(r, pattern, ArtifactKind.PATTERN, Map.of("org.opencontainers.image.description", "demo"))
        .block(T);
    assertThat(pushed.manifestWritten()).isTrue();
    assertThat(pushed.blobsUploaded()).isEqualTo(5);
    // skopeo reads what we wrote: same bytes, Orkestra's media types
    String raw = TestRegistry.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + r));
    assertThat(Digests.of(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(pushed.digest());
    JsonNode m = JSON.readTree(raw);
    assertThat(m.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.path("artifactType").asText()).isEqualTo("application/vnd.orkestra.pattern.v1+tar+gzip");
    assertThat(m.path("config").path("mediaType").asText()).isEqualTo("application/vnd.orkestra.pattern.v1+tar+gzip");
    assertThat(m.path("annotations").path("io.orkestra.pattern.kind").asText()).isEqualTo("pattern");
    assertThat(m.path("annotations").path("io.orkestra.pattern.version").asText()).isEqualTo("v1");
    assertThat(m.path("annotations").path("org.opencontainers.image.description").asText()).isEqualTo("demo");
    assertThat(m.path("annotations").path("org.opencontainers.image.created").asText()).isNotEmpty();
    Map<String, String> typeByTitle = new java.util.TreeMap<>();
    m.path("layers").forEach(l -> typeByTitle.put(l.path("annotations").path("org.opencontainers.image.title").asText(),
        l.path("mediaType").asText()));
    assertThat(typeByTitle).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "README.md", "text/markdown",
        "crd.yaml", "application/vnd.kubernetes.crd.v1+yaml",
        "docs/notes.txt", "application/octet-stream",
        "katalog.yaml", "application/vnd.orkestra.katalog.v1+yaml")));

    StepVerifier.create(reg.inspect(r))
        .assertNext(info -> {
          assertThat(info.digest()).isEqualTo(pushed.digest());
          assertThat(info.artifactType()).isEqualTo(MediaTypes.PATTERN);
          assertThat(info.layers()).hasSize(4);
        })
        .expectComplete().verify(T);
  }

  @Test
  void rePushingUnchangedContentUploadsNothingAndKeepsTheDigest() throws Exception {
    OciReference r = ref(host + "/" + newRepo() + ":v1");
    OciRegistry reg = registry(options());
    PushResult first = reg.push(r, pattern, ArtifactKind.PATTERN, Map.of()).block(T);
    StepVerifier.create(reg.push(r, pattern, ArtifactKind.PATTERN, Map.of()))
        .assertNext(again -> {
          assertThat(again.digest()).isEqualTo(first.digest());
          assertThat(again.blobsUploaded()).isZero();
          assertThat(again.manifestWritten()).isFalse();
        })
        .expectComplete().verify(T);
    Files.writeString(pattern.resolve("README.md"), "# changed\n");
    StepVerifier.create(reg.push(r, pattern, ArtifactKind.PATTERN, Map.of()))
        .assertNext(changed -> {
          assertThat(changed.digest()).isNotEqualTo(first.digest());
          assertThat(changed.blobsUploaded()).isEqualTo(1);
          assertThat(changed.blobsSkipped()).isEqualTo(4);
        })
        .expectComplete().verify(T);
  }

  @Test
  void refusesToPushAMotifWithoutMotifYaml() {
    StepVerifier.create(registry(options()).push(ref(host + "/" + newRepo() + ":v1"), pattern, ArtifactKind.MOTIF, Map.of()))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("has no motif.yaml"))
        .verify(T);
  }

  @Test
  void pushesAMotifWithItsArtifactType() throws Exception {
    Path motif = temp.resolve("motif");
    Files.createDirectories(motif);
    Files.writeString(motif.resolve("motif.yaml"), "kind: Motif\n");
    OciReference r = ref(host + "/" + newRepo() + ":v2");
    OciRegistry reg = registry(options());
    reg.push(r, motif, ArtifactKind.MOTIF, Map.of()).block(T);
    StepVerifier.create(reg.inspect(r))
        .assertNext(info -> {
          assertThat(info.artifactType()).isEqualTo("application/vnd.orkestra.motif.v1+tar+gzip");
          assertThat(info.layers().get(0).mediaType()).isEqualTo("application/vnd.orkestra.motif.v1+yaml");
          assertThat(info.annotations()).containsEntry("io.orkestra.pattern.kind", "motif");
        })
        .expectComplete().verify(T);
  }

  @Test
  void pullWritesLayersByTitleIntoCacheAndOutput() throws Exception {
    OciReference r = ref(host + "/" + newRepo() + ":v1");
    OciRegistry reg = registry(options());
    PushResult pushed = reg.push(r, pattern, ArtifactKind.PATTERN, Map.of()).block(T);
    Path out = temp.resolve("out");
    StepVerifier.create(reg.pull(r, out))
        .assertNext(a -> {
          assertThat(a.digest()).isEqualTo(pushed.digest());
          assertThat(a.fromCache()).isFalse();
          assertThat(a.files()).containsExactlyInAnyOrder("README.md", "crd.yaml", "docs/notes.txt", "katalog.yaml");
        })
        .expectComplete().verify(T);
    assertThat(out.resolve("docs/notes.txt")).hasContent("nested");
    Path cached = cacheRoot.resolve(host.replace(':', '_')).resolve(r.repository()).resolve("v1");
    assertThat(cached.resolve("katalog.yaml")).hasSameTextualContentAs(pattern.resolve("katalog.yaml"));
  }

  @Test
  void resolverReturnsTheCachedDirectory() {
    OciReference r = ref(host + "/" + newRepo() + ":v1");
    OciRegistry reg = registry(options());
    reg.push(r, pattern, ArtifactKind.PATTERN, Map.of()).block(T);
    KatalogResolver resolver = reg;
    StepVerifier.create(resolver.resolve("oci://" + r.registry() + "/" + r.repository() + "@v1"))
        .assertNext(dir -> assertThat(dir.resolve("katalog.yaml")).exists())
        .expectComplete().verify(T);
  }

  @Test
  void refusesLayerTitleThatEscapesTheTarget() throws Exception {
    String repo = newRepo();
    DefaultOciRegistry reg = (DefaultOciRegistry) registry(options());
    RegistryClient client = reg.client();
    byte[] evil = "owned".getBytes(StandardCharsets.UTF_8);
    client.uploadBlob(host, repo, Digests.of("{}".getBytes(StandardCharsets.UTF_8)), Buffer.buffer("{}")).block(T);
    client.uploadBlob(host, repo, Digests.of(evil), Buffer.buffer(evil)).block(T);
    for (String title : List.of("../escaped.txt", "/tmp/absolute.txt", "a/../../b.txt")) {
      String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
          + MediaTypes.PATTERN + "\",\"digest\":\"" + Digests.of("{}".getBytes(StandardCharsets.UTF_8)) + "\",\"size\":2},"
          + "\"layers\":[{\"mediaType\":\"text/plain\",\"digest\":\"" + Digests.of(evil) + "\",\"size\":5,"
          + "\"annotations\":{\"org.opencontainers.image.title\":\"" + title + "\"}}]}";
      client.putManifest(host, repo, "evil", MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)).block(T);
      Path out = temp.resolve("target/out");
      StepVerifier.create(reg.pull(ref(host + "/" + repo + ":evil"), out))
          .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("refusing layer title '" + title + "'"))
          .verify(T);
      assertThat(temp.resolve("target/escaped.txt")).doesNotExist();
      assertThat(out).doesNotExist();
      assertThat(cacheRoot.resolve(host.replace(':', '_')).resolve(repo).resolve("evil")).doesNotExist();
    }
  }

  @Test
  void pinnedReferenceResolvesFromCacheWhenRegistryIsDown() throws Exception {
    TestRegistry own = TestRegistry.start(null, null);
    String repo = newRepo();
    OciRegistry reg = registry(options());
    PushResult pushed;
    try {
      pushed = reg.push(ref(own.host() + "/" + repo + ":v1"), pattern, ArtifactKind.PATTERN, Map.of()).block(T);
      reg.resolve(own.host() + "/" + repo + "@" + pushed.digest()).block(T);
    } finally {
      own.close();
    }
    OciRegistry offline = registry(options());
    StepVerifier.create(offline.pull(ref(own.host() + "/" + repo + "@" + pushed.digest()), null))
        .assertNext(a -> {
          assertThat(a.fromCache()).isTrue();
          assertThat(a.directory().resolve("katalog.yaml")).exists();
        })
        .expectComplete().verify(T);
    StepVerifier.create(offline.resolve(own.host() + "/" + repo + ":v1"))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("cannot reach registry " + own.host())
            .hasMessageContaining("is not pinned by digest"))
        .verify(T);
  }

  @Test
  void tamperedCacheIsNotServedOffline() throws Exception {
    TestRegistry own = TestRegistry.start(null, null);
    String repo = newRepo();
    OciRegistry reg = registry(options());
    PushResult pushed;
    Path dir;
    try {
      pushed = reg.push(ref(own.host() + "/" + repo + ":v1"), pattern, ArtifactKind.PATTERN, Map.of()).block(T);
      dir = reg.resolve(own.host() + "/" + repo + "@" + pushed.digest()).block(T);
    } finally {
      own.close();
    }
    Files.writeString(dir.resolve("katalog.yaml"), "kind: Evil\n");
    StepVerifier.create(reg.resolve(own.host() + "/" + repo + "@" + pushed.digest()))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("the cache holds no verified copy"))
        .verify(T);
  }

  @Test
  void lockFilePinsOnFirstResolveAndRefusesAMovedTag() throws Exception {
    String repo = newRepo();
    String text = host + "/" + repo + ":v1";
    Path lock = temp.resolve("orkestra.lock");
    OciRegistry reg = registry(options().withLockFile(lock));
    PushResult first = reg.push(ref(text), pattern, ArtifactKind.PATTERN, Map.of()).block(T);
    reg.resolve(text).block(T);
    assertThat(JSON.readTree(lock.toFile()).path("artifacts").path(text).path("digest").asText()).isEqualTo(first.digest());

    Files.writeString(pattern.resolve("katalog.yaml"), "kind: Katalog # v1 moved\n");
    PushResult moved = reg.push(ref(text), pattern, ArtifactKind.PATTERN, Map.of()).block(T);
    // the cached copy matches the lock: served without a surprise
    StepVerifier.create(reg.pull(ref(text), null))
        .assertNext(a -> assertThat(a.digest()).isEqualTo(first.digest()))
        .expectComplete().verify(T);
    // with the cache refreshed the registry's new digest is refused, naming both digests
    StepVerifier.create(registry(options().withLockFile(lock).withRefresh(true)).resolve(text))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("digest mismatch for " + text)
            .hasMessageContaining(first.digest()).hasMessageContaining(moved.digest()))
        .verify(T);
    assertThat(JSON.readTree(lock.toFile()).path("artifacts").path(text).path("digest").asText()).isEqualTo(first.digest());
    // update moves the entry
    StepVerifier.create(registry(options().withLockFile(lock).withUpdateLock(true)).pull(ref(text), null))
        .assertNext(a -> assertThat(a.digest()).isEqualTo(moved.digest()))
        .expectComplete().verify(T);
    assertThat(JSON.readTree(lock.toFile()).path("artifacts").path(text).path("digest").asText()).isEqualTo(moved.digest());
  }

  @Test
  void pullsWhatSkopeoCopiedFromAnOciLayout() throws Exception {
    Path layout = temp.resolve("layout");
    Files.createDirectories(layout.resolve("blobs/sha256"));
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] katalog = "kind: Katalog # from skopeo\n".getBytes(StandardCharsets.UTF_8);
    Files.write(layout.resolve("blobs/sha256").resolve(Digests.hex(Digests.of(config))), config);
    Files.write(layout.resolve("blobs/sha256").resolve(Digests.hex(Digests.of(katalog))), katalog);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + MediaTypes.PATTERN + "\",\"config\":{\"mediaType\":\"" + MediaTypes.PATTERN + "\",\"digest\":\"" + Digests.of(config)
        + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.orkestra.katalog.v1+yaml\",\"digest\":\""
        + Digests.of(katalog) + "\",\"size\":" + katalog.length
        + ",\"annotations\":{\"org.opencontainers.image.title\":\"katalog.yaml\"}}]}").getBytes(StandardCharsets.UTF_8);
    String digest = Digests.of(manifest);
    Files.write(layout.resolve("blobs/sha256").resolve(Digests.hex(digest)), manifest);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
    String target = host + "/" + newRepo() + ":v1";
    TestRegistry.run(List.of("skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + target));
    Path out = temp.resolve("out");
    StepVerifier.create(registry(options()).pull(ref(target), out))
        .assertNext(a -> assertThat(a.digest()).isEqualTo(digest))
        .expectComplete().verify(T);
    assertThat(Files.readAllBytes(out.resolve("katalog.yaml"))).isEqualTo(katalog);
  }
}

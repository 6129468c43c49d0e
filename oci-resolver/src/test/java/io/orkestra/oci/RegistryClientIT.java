package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.internal.Digests;
import io.orkestra.oci.internal.MediaTypes;
import io.orkestra.oci.internal.RegistryClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** The distribution protocol against a real docker-registry 2.8. */
class RegistryClientIT {

  private static final Duration T = Duration.ofSeconds(20);
  private static Vertx vertx;
  private static TestRegistry registry;
  private static RegistryClient client;
  private static String host;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    registry = TestRegistry.shared();
    host = registry.host();
    vertx = Vertx.vertx();
    client = new RegistryClient(vertx, OciOptions.defaults().withDockerConfig(null));
  }

  @AfterAll
  static void stop() {
    TestRegistry.closeVertx(vertx);
  }

  private static String repo() {
    return "test/" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] manifestFor(String layerDigest, long layerSize, String title) {
    String config = Digests.of(bytes("{}"));
    return bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"" + MediaTypes.PATTERN
        + "\",\"config\":{\"mediaType\":\"" + MediaTypes.PATTERN + "\",\"digest\":\"" + config + "\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\"" + layerDigest + "\",\"size\":" + layerSize
        + ",\"annotations\":{\"org.opencontainers.image.title\":\"" + title + "\"}}]}");
  }

  private static String pushSimple(String repo, String tag, byte[] layer, String title) {
    client.uploadBlob(host, repo, Digests.of(bytes("{}")), Buffer.buffer(bytes("{}"))).block(T);
    client.uploadBlob(host, repo, Digests.of(layer), Buffer.buffer(layer)).block(T);
    return client.putManifest(host, repo, tag, MediaTypes.OCI_MANIFEST, manifestFor(Digests.of(layer), layer.length, title)).block(T);
  }

  @Test
  void pingsTheApiRoot() {
    StepVerifier.create(client.ping(host)).expectComplete().verify(T);
  }

  @Test
  void uploadsOnceThenSkipsBlobTheRegistryHas() {
    String repo = repo();
    byte[] content = bytes("hello blob");
    String digest = Digests.of(content);
    StepVerifier.create(client.uploadBlob(host, repo, digest, Buffer.buffer(content))).expectNext(true).expectComplete().verify(T);
    StepVerifier.create(client.uploadBlob(host, repo, digest, Buffer.buffer(content))).expectNext(false).expectComplete().verify(T);
    StepVerifier.create(client.blobExists(host, repo, digest, false)).expectNext(true).expectComplete().verify(T);
  }

  @Test
  void uploadsInChunksAndDownloadsVerified() throws Exception {
    String repo = repo();
    byte[] content = new byte[10_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    String digest = Digests.of(content);
    StepVerifier.create(client.uploadChunked(host, repo, digest, Buffer.buffer(content), 3000)).expectComplete().verify(T);
    Path target = temp.resolve("blobs/x");
    StepVerifier.create(client.downloadBlob(host, repo, digest, temp.resolve("tmp"), target)).expectNext(target).expectComplete().verify(T);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(Files.list(temp.resolve("tmp"))).isEmpty();
  }

  @Test
  void mountsBlobFromAnotherRepository() {
    String from = repo();
    String to = repo();
    byte[] content = bytes("mount me " + from);
    String digest = Digests.of(content);
    client.uploadBlob(host, from, digest, Buffer.buffer(content)).block(T);
    StepVerifier.create(client.mountBlob(host, to, from, digest)).expectNext(true).expectComplete().verify(T);
    StepVerifier.create(client.blobExists(host, to, digest, false)).expectNext(true).expectComplete().verify(T);
  }

  @Test
  void putsGetsAndHeadsManifestsWithOciAcceptHeader() {
    String repo = repo();
    byte[] layer = bytes("kind: Katalog\n");
    String digest = pushSimple(repo, "v1", layer, "katalog.yaml");
    StepVerifier.create(client.fetchManifest(host, repo, "v1"))
        .assertNext(m -> {
          assertThat(m.digest()).isEqualTo(digest);
          assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
          assertThat(m.json().path("artifactType").asText()).isEqualTo(MediaTypes.PATTERN);
        })
        .expectComplete().verify(T);
    StepVerifier.create(client.fetchManifest(host, repo, digest)).assertNext(m -> assertThat(m.digest()).isEqualTo(digest))
        .expectComplete().verify(T);
    StepVerifier.create(client.headManifest(host, repo, "v1")).expectNext(digest).expectComplete().verify(T);
    StepVerifier.create(client.headManifest(host, repo, "nope")).expectComplete().verify(T);
  }

  @Test
  void missingTagIsA404NamingTheManifest() {
    String repo = repo();
    pushSimple(repo, "v1", bytes("a"), "a.txt");
    StepVerifier.create(client.fetchManifest(host, repo, "v404"))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OrkestraException.class)
            .hasMessageContaining("not found on registry " + host).hasMessageContaining(repo + ":v404"))
        .verify(T);
  }

  @Test
  void listsTagsAcrossPagesAndTheCatalog() {
    String repo = repo();
    for (String tag : List.of("a1", "b2", "c3", "d4", "e5")) {
      pushSimple(repo, tag, bytes("same"), "f.txt");
    }
    // distribution 2.8 ignores n for tags (one unsorted page); its catalog pages with Link headers
    StepVerifier.create(client.tags(host, repo, 2).collectList())
        .assertNext(tags -> assertThat(tags).containsExactlyInAnyOrder("a1", "b2", "c3", "d4", "e5"))
        .expectComplete().verify(T);
    pushSimple(repo(), "v1", bytes("same"), "f.txt");
    List<String> all = client.catalog(host, 1000).collectList().block(T);
    assertThat(all).contains(repo).hasSizeGreaterThan(1);
    StepVerifier.create(client.catalog(host, 1).collectList())
        .assertNext(repos -> assertThat(repos).isEqualTo(all))
        .expectComplete().verify(T);
  }

  @Test
  void followsLinkHeadersPageAfterPage() {
    java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      requests.incrementAndGet();
      String last = req.getParam("last");
      if (last == null) {
        req.response().putHeader("Link", "</v2/p/q/tags/list?n=2&last=b>; rel=\"next\"").end("{\"tags\":[\"a\",\"b\"]}");
      } else if (last.equals("b")) {
        req.response().putHeader("Link", "</v2/p/q/tags/list?n=2&last=d>; rel=\"next\"").end("{\"tags\":[\"c\",\"d\"]}");
      } else {
        req.response().end("{\"tags\":[\"e\"]}");
      }
    });
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    try {
      StepVerifier.create(client.tags("127.0.0.1:" + port, "p/q", 2), 2)
          .expectNext("a", "b")
          .thenRequest(10)
          .expectNext("c", "d", "e")
          .expectComplete()
          .verify(T);
      assertThat(requests).hasValue(3);
    } finally {
      server.close();
    }
  }

  @Test
  void fallsBackToTagSchemaWhenReferrersApiIsMissing() {
    String repo = repo();
    String subject = pushSimple(repo, "v1", bytes("subject"), "s.txt");
    String sbom = pushSimple(repo, "sbom", bytes("sbom"), "sbom.json");
    StepVerifier.create(client.referrers(host, repo, subject, null)).expectComplete().verify(T);
    byte[] index = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
        + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + sbom + "\",\"size\":10,\"artifactType\":\"application/spdx+json\"}]}");
    client.putManifest(host, repo, "sha256-" + subject.substring(7), MediaTypes.OCI_INDEX, index).block(T);
    StepVerifier.create(client.referrers(host, repo, subject, null))
        .assertNext(d -> {
          assertThat(d.digest()).isEqualTo(sbom);
          assertThat(d.artifactType()).isEqualTo("application/spdx+json");
        })
        .expectComplete().verify(T);
    StepVerifier.create(client.referrers(host, repo, subject, "application/other")).expectComplete().verify(T);
  }

  @Test
  void refusesManifestOverTheSizeLimit() {
    String repo = repo();
    pushSimple(repo, "v1", bytes("x"), "x.txt");
    RegistryClient small = new RegistryClient(vertx, OciOptions.defaults().withDockerConfig(null).withMaxManifestBytes(100));
    StepVerifier.create(small.fetchManifest(host, repo, "v1"))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("over the limit of 100 bytes"))
        .verify(T);
  }

  @Test
  void tamperedBlobIsAnErrorAndLeavesNothingBehind() throws Exception {
    String repo = repo();
    byte[] content = bytes("original content");
    String digest = Digests.of(content);
    client.uploadBlob(host, repo, digest, Buffer.buffer(content)).block(T);
    Files.write(registry.blobData(digest), bytes("tampered content"));
    Path target = temp.resolve("store/blob");
    StepVerifier.create(client.downloadBlob(host, repo, digest, temp.resolve("tmp"), target))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("digest mismatch for blob").hasMessageContaining(digest))
        .verify(T);
    assertThat(target).doesNotExist();
    assertThat(Files.list(temp.resolve("tmp"))).isEmpty();
  }

  @Test
  void manifestWhoseContentDoesNotMatchItsDigestIsRefused() throws Exception {
    String repo = repo();
    String digest = pushSimple(repo, "v1", bytes("m"), "m.txt");
    Path data = registry.blobData(digest);
    String json = Files.readString(data).replace("m.txt", "n.txt");
    Files.writeString(data, json);
    StepVerifier.create(client.fetchManifest(host, repo, digest))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("digest mismatch for manifest"))
        .verify(T);
  }

  @Test
  void refusesUnknownManifestMediaType() {
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "application/vnd.acme.thing+json")
        .end("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.acme.thing+json\"}"));
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    try {
      StepVerifier.create(client.fetchManifest("127.0.0.1:" + port, "x/y", "v1"))
          .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("unsupported manifest media type 'application/vnd.acme.thing+json'"))
          .verify(T);
    } finally {
      server.close();
    }
  }

  @Test
  void unreachableRegistryErrorNamesIt() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    StepVerifier.create(client.ping("127.0.0.1:" + port))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("cannot reach registry 127.0.0.1:" + port))
        .verify(T);
  }

  @Test
  void connectionDroppedMidBlobRestartsTheDownloadAndKeepsNothingPartial() throws Exception {
    byte[] content = new byte[64 * 1024];
    java.util.Arrays.fill(content, (byte) 7);
    String digest = Digests.of(content);
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failFirst = new java.util.concurrent.atomic.AtomicInteger(1);
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      attempts.incrementAndGet();
      req.response().putHeader("Content-Length", String.valueOf(content.length));
      if (failFirst.getAndDecrement() > 0) {
        // half the body, then the connection drops
        req.response().write(Buffer.buffer(java.util.Arrays.copyOf(content, content.length / 2)))
            .onComplete(x -> req.connection().close());
      } else {
        req.response().end(Buffer.buffer(content));
      }
    });
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    try {
      Path target = temp.resolve("store/ok");
      StepVerifier.create(client.downloadBlob("127.0.0.1:" + port, "x/y", digest, temp.resolve("tmp"), target))
          .expectNext(target).expectComplete().verify(T);
      assertThat(attempts).hasValue(2);
      assertThat(Files.readAllBytes(target)).isEqualTo(content);

      failFirst.set(10);
      attempts.set(0);
      Path never = temp.resolve("store/never");
      StepVerifier.create(client.downloadBlob("127.0.0.1:" + port, "x/y", digest, temp.resolve("tmp"), never))
          .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("cannot reach registry 127.0.0.1:" + port))
          .verify(T);
      assertThat(attempts).hasValue(3);
      assertThat(never).doesNotExist();
      assertThat(Files.list(temp.resolve("tmp"))).isEmpty();
    } finally {
      server.close();
    }
  }

  @Test
  void usesTheReferrersApiWhenTheRegistryHasIt() {
    String subject = Digests.of(bytes("subject"));
    String referrer = Digests.of(bytes("referrer"));
    java.util.List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      paths.add(req.uri());
      req.response().putHeader("Content-Type", MediaTypes.OCI_INDEX).end("{\"schemaVersion\":2,\"mediaType\":\""
          + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\""
          + referrer + "\",\"size\":9,\"artifactType\":\"application/vnd.dev.cosign.artifact.sig.v1+json\"}]}");
    });
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    try {
      StepVerifier.create(client.referrers("127.0.0.1:" + port, "x/y", subject, "application/vnd.dev.cosign.artifact.sig.v1+json"))
          .assertNext(d -> assertThat(d.digest()).isEqualTo(referrer))
          .expectComplete().verify(T);
      assertThat(paths).containsExactly("/v2/x/y/referrers/" + subject
          + "?artifactType=application%2Fvnd.dev.cosign.artifact.sig.v1%2Bjson");
    } finally {
      server.close();
    }
  }
}

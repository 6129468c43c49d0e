package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls through registry mirrors against a real docker-registry: the mirror serves references of
 * another host (never contacted with mirror-only), the lock records the upstream reference, a
 * dead mirror falls back to the upstream unless mirror-only, a mirror serving other content than
 * the lock pins is an error, and {@link OciRegistry#copy} fills a mirror without changing digests.
 */
class MirrorPullIT {

  private static final Duration T = Duration.ofSeconds(30);
  private static Vertx vertx;
  private static String host;

  @TempDir Path temp;
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
    pattern = temp.resolve("pattern");
    Files.createDirectories(pattern);
    Files.writeString(pattern.resolve("katalog.yaml"), "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\n");
    Files.writeString(pattern.resolve("README.md"), "# demo " + UUID.randomUUID() + "\n");
  }

  private OciRegistry registry(OciOptions o) {
    return OciResolver.create(vertx, o);
  }

  private OciOptions options(String cache) {
    return OciOptions.defaults().withCacheRoot(temp.resolve(cache)).withDockerConfig(null);
  }

  private static OciReference ref(String text) {
    return OciResolver.parseReference(text, ArtifactKind.PATTERN, Map.of());
  }

  private String push(String reference) {
    return registry(options("push-cache")).push(ref(reference), pattern, ArtifactKind.PATTERN, Map.of()).block(T).digest();
  }

  private static String repo() {
    return "orkspace/mirror-it/p" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void mirrorServesAnotherHostsReferenceAndTheLockRecordsTheUpstream() throws Exception {
    String repo = repo();
    String digest = push(host + "/cache/" + repo + ":v14");
    Path lock = temp.resolve("orkestra.lock");
    OciOptions o = options("cache").withLockFile(lock)
        .withMirrors(RegistryMirrors.parse("ghcr.io=http://" + host + "/cache").withMirrorOnly(true));

    PulledArtifact a = registry(o).pull(ref("ghcr.io/" + repo + ":v14"), null).block(T);

    assertThat(a.digest()).isEqualTo(digest);
    assertThat(a.reference().registry()).isEqualTo("ghcr.io");
    assertThat(a.directory()).startsWith(temp.resolve("cache").resolve("ghcr.io"));
    assertThat(Files.readString(a.directory().resolve("katalog.yaml"))).contains("kind: Katalog");
    assertThat(Files.readString(lock)).contains("\"ghcr.io/" + repo + ":v14\"").contains(digest).doesNotContain(host);

    // mirror gone and upstream never allowed: the pinned import is served from the verified cache
    OciOptions offline = o.withMirrors(RegistryMirrors.parse("ghcr.io=http://127.0.0.1:1").withMirrorOnly(true));
    PulledArtifact again = registry(offline).pull(ref("ghcr.io/" + repo + ":v14"), null).block(T);
    assertThat(again.fromCache()).isTrue();
    assertThat(again.digest()).isEqualTo(digest);
  }

  @Test
  void deadOrEmptyMirrorFallsBackToTheUpstream() {
    String repo = repo();
    String digest = push(host + "/" + repo + ":v1");
    OciOptions o = options("cache")
        .withMirrors(RegistryMirrors.parse(host + "=http://127.0.0.1:1," + host + "=http://" + host + "/empty"));

    PulledArtifact a = registry(o).pull(ref(host + "/" + repo + ":v1"), null).block(T);

    assertThat(a.digest()).isEqualTo(digest);
    assertThat(a.fromCache()).isFalse();
  }

  @Test
  void mirrorOnlyWithTheMirrorDownNamesMirrorAndReference() {
    String repo = repo();
    push(host + "/" + repo + ":v1");
    OciOptions o = options("cache")
        .withMirrors(RegistryMirrors.parse(host + "=http://127.0.0.1:1/m").withMirrorOnly(true));

    assertThatThrownBy(() -> registry(o).pull(ref(host + "/" + repo + ":v1"), null).block(T))
        .hasMessageContaining("cannot pull " + host + "/" + repo + ":v1 from mirror http://127.0.0.1:1/m")
        .hasMessageContaining("mirror-only")
        .hasMessageContaining("cannot reach registry 127.0.0.1:1");
  }

  @Test
  void mirrorServingAnotherDigestThanTheLockPinsIsAnErrorNamingBoth() throws Exception {
    String repo = repo();
    String upstream = push(host + "/" + repo + ":v1");
    Path lock = temp.resolve("orkestra.lock");
    registry(options("cache").withLockFile(lock)).pull(ref(host + "/" + repo + ":v1"), null).block(T);
    Files.writeString(pattern.resolve("README.md"), "# tampered\n");
    String mirrored = push(host + "/m/" + repo + ":v1");
    assertThat(mirrored).isNotEqualTo(upstream);
    OciOptions o = options("other-cache").withLockFile(lock)
        .withMirrors(RegistryMirrors.parse(host + "=http://" + host + "/m"));

    assertThatThrownBy(() -> registry(o).pull(ref(host + "/" + repo + ":v1"), null).block(T))
        .hasMessageContaining("digest mismatch for " + host + "/" + repo + ":v1")
        .hasMessageContaining("orkestra.lock pins " + upstream)
        .hasMessageContaining("mirror http://" + host + "/m serves " + mirrored);
    assertThat(Files.readString(lock)).contains(upstream).doesNotContain(mirrored);
  }

  @Test
  void copyKeepsTheDigestAndSkipsBlobsTheTargetHas() {
    String repo = repo();
    String digest = push(host + "/" + repo + ":v1");
    OciRegistry reg = registry(options("copy-cache"));
    OciReference target = ref(host + "/air/" + repo + ":v1");

    PushResult first = reg.copy(ref(host + "/" + repo + ":v1"), target, TransferListener.NONE).block(T);
    PushResult second = reg.copy(ref(host + "/" + repo + ":v1"), target, TransferListener.NONE).block(T);

    assertThat(first.digest()).isEqualTo(digest);
    assertThat(first.blobsUploaded()).isEqualTo(3);
    assertThat(first.manifestWritten()).isTrue();
    assertThat(second.blobsUploaded()).isZero();
    assertThat(second.blobsSkipped()).isEqualTo(3);
    assertThat(second.manifestWritten()).isFalse();
    assertThat(reg.inspect(target).block(T).digest()).isEqualTo(digest);
  }
}

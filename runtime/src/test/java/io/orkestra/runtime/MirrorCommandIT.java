package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry mirrors end to end on two real docker-registries: {@code ork registry mirror} copies a
 * Komposer's imports (or a namespace index) into a private registry unchanged, the Komposer then
 * resolves through {@code --mirror} with its upstream stopped, and the bad inputs: a mirror that
 * serves another digest than {@code orkestra.lock} pins, and a mirror that is down with {@code
 * --mirror-only}, are one-line errors with exit code 2.
 */
class MirrorCommandIT {

  private static final Pattern DIGEST = Pattern.compile("@(sha256:[0-9a-f]{64})");

  @TempDir Path temp;

  private static OrkCliTest.Run ork(String... args) {
    return OrkCliTest.ork(args);
  }

  private Path pattern() throws Exception {
    Path dir = temp.resolve("pattern");
    Files.createDirectories(dir);
    for (String f : new String[] {"katalog.yaml", "crd.yaml"}) {
      Files.copy(Path.of("src/test/resources/fixtures/mirror", f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  private Path komposer(String upstream) throws Exception {
    Path dir = temp.resolve("platform");
    Files.createDirectories(dir);
    Path k = dir.resolve("komposer.yaml");
    Files.writeString(k, Files.readString(Path.of("src/test/resources/fixtures/mirror/komposer.yaml")).replace("UPSTREAM", upstream));
    return k;
  }

  private String push(String ref) throws Exception {
    OrkCliTest.Run push = ork("registry", "push", ref, pattern().toString(), "--force", "--cache", temp.resolve("push-cache").toString());
    assertThat(push.code()).as(push.err()).isZero();
    Matcher m = DIGEST.matcher(push.out());
    assertThat(m.find()).as(push.out()).isTrue();
    return m.group(1);
  }

  @Test
  void mirroredKomposerResolvesFromThePrivateRegistryWithTheUpstreamDown() throws Exception {
    RegistryCommandIT.Registry upstream = RegistryCommandIT.Registry.start(false);
    RegistryCommandIT.Registry mirror = RegistryCommandIT.Registry.start(false);
    try {
      String digest = push(upstream.host + "/orkspace/orkestra-registry/postgres:v1");
      Path komposer = komposer(upstream.host);

      OrkCliTest.Run copy = ork("registry", "mirror", komposer.toString(), mirror.host + "/airgap",
          "--cache", temp.resolve("mirror-cache").toString());
      assertThat(copy.code()).as(copy.err()).isZero();
      assertThat(copy.out()).contains("copied " + upstream.host + "/orkspace/orkestra-registry/postgres:v1 -> " + mirror.host
              + "/airgap/orkspace/orkestra-registry/postgres:v1@" + digest + " (3 blobs copied, 0 already present)")
          .contains("mirrored 1 artifact to http://" + mirror.host + "/airgap: 3 blobs copied, 0 already present");
      OrkCliTest.Run again = ork("registry", "mirror", komposer.toString(), mirror.host + "/airgap",
          "--cache", temp.resolve("mirror-cache").toString());
      assertThat(again.out()).contains("unchanged ").contains("0 blobs copied, 3 already present");

      upstream.close();
      OrkCliTest.Run validate = ork("validate", "-f", komposer.toString(), "--cache", temp.resolve("cache").toString(),
          "--mirror", upstream.host + "=http://" + mirror.host + "/airgap", "--mirror-only");
      assertThat(validate.code()).as(validate.err()).isZero();
      assertThat(validate.out()).contains("valid Komposer");
      // the lock records the upstream reference and its digest, not the mirror
      assertThat(Files.readString(komposer.resolveSibling("orkestra.lock")))
          .contains("\"" + upstream.host + "/orkspace/orkestra-registry/postgres:v1\"").contains(digest)
          .doesNotContain("airgap");
      OrkCliTest.Run pull = ork("registry", "pull", upstream.host + "/orkspace/orkestra-registry/postgres:v1",
          "--cache", temp.resolve("pull-cache").toString(), "--mirror", upstream.host + "=" + mirror.host + "/airgap",
          "--mirror-only");
      assertThat(pull.code()).as(pull.err()).isZero();
      assertThat(pull.out()).startsWith("pulled " + upstream.host + "/orkspace/orkestra-registry/postgres:v1@" + digest);
    } finally {
      upstream.close();
      mirror.close();
    }
  }

  @Test
  void mirroringAKomposerCopiesItsMotifImportsToo() throws Exception {
    RegistryCommandIT.Registry upstream = RegistryCommandIT.Registry.start(false);
    RegistryCommandIT.Registry mirror = RegistryCommandIT.Registry.start(false);
    try {
      Path fixtures = Path.of("src/test/resources/fixtures/roundtrip");
      String cache = temp.resolve("push-cache").toString();
      assertThat(ork("registry", "push", upstream.host + "/orkestra/patterns/postgres:v1",
          fixtures.resolve("postgres").toString(), "--cache", cache).code()).isZero();
      assertThat(ork("registry", "push", upstream.host + "/orkestra/motifs/metrics:v1",
          fixtures.resolve("metrics").toString(), "--motif", "--cache", cache).code()).isZero();
      Path dir = temp.resolve("roundtrip");
      Files.createDirectories(dir);
      Files.copy(fixtures.resolve("komposer/cache.yaml"), dir.resolve("cache.yaml"));
      Path komposer = dir.resolve("komposer.yaml");
      Files.writeString(komposer, Files.readString(fixtures.resolve("komposer/komposer.yaml")).replace("REGISTRY", upstream.host));

      OrkCliTest.Run copy = ork("registry", "mirror", komposer.toString(), mirror.host, "--cache", temp.resolve("mc").toString());
      assertThat(copy.code()).as(copy.err()).isZero();
      assertThat(copy.out()).contains("-> " + mirror.host + "/orkestra/patterns/postgres:v1@")
          .contains("-> " + mirror.host + "/orkestra/motifs/metrics:v1@").contains("mirrored 2 artifacts");

      upstream.close();
      OrkCliTest.Run validate = ork("validate", "-f", komposer.toString(), "--cache", temp.resolve("cache").toString(),
          "--mirror", upstream.host + "=" + mirror.host, "--mirror-only");
      assertThat(validate.code()).as(validate.err()).isZero();
      assertThat(validate.out()).contains("valid Komposer, 2 CRDs");
    } finally {
      upstream.close();
      mirror.close();
    }
  }

  @Test
  void namespaceIndexMirrorsEveryEntryAndTag() throws Exception {
    RegistryCommandIT.Registry registry = RegistryCommandIT.Registry.start(false);
    try {
      push(registry.host + "/acme/catalog/postgres:v1");
      push(registry.host + "/acme/catalog/postgres:v1.0");
      OrkCliTest.Run copy = ork("registry", "mirror", registry.host + "/acme/catalog/index:latest",
          registry.host + "/private", "--cache", temp.resolve("mirror-cache").toString());
      assertThat(copy.code()).as(copy.err()).isZero();
      assertThat(copy.out()).contains("/private/acme/catalog/postgres:v1@").contains("/private/acme/catalog/postgres:v1.0@")
          .contains("/private/acme/catalog/index:latest@").contains("mirrored 3 artifacts");
      OrkCliTest.Run list = ork("registry", "list", registry.host + "/private/acme/catalog");
      assertThat(list.out()).contains("postgres");
    } finally {
      registry.close();
    }
  }

  @Test
  void mirrorServingAnotherDigestThanTheLockIsAnErrorNamingReferenceMirrorAndBothDigests() throws Exception {
    RegistryCommandIT.Registry registry = RegistryCommandIT.Registry.start(false);
    try {
      String pinned = push(registry.host + "/orkspace/orkestra-registry/postgres:v1");
      Path komposer = komposer(registry.host);
      OrkCliTest.Run first = ork("validate", "-f", komposer.toString(), "--cache", temp.resolve("cache").toString());
      assertThat(first.code()).as(first.err()).isZero();
      // the mirror holds other content under the same tag
      Files.writeString(pattern().resolve("README.md"), "changed on the mirror\n");
      String other = push(registry.host + "/stale/orkspace/orkestra-registry/postgres:v1");

      OrkCliTest.Run run = ork("validate", "-f", komposer.toString(), "--cache", temp.resolve("fresh-cache").toString(),
          "--mirror", registry.host + "=http://" + registry.host + "/stale");

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().lines()).anySatisfy(l -> assertThat(l)
          .startsWith(komposer + ":8:7: cannot resolve registry import")
          .contains("digest mismatch for " + registry.host + "/orkspace/orkestra-registry/postgres:v1")
          .contains("orkestra.lock pins " + pinned)
          .contains("mirror http://" + registry.host + "/stale serves " + other));
      assertThat(run.err()).doesNotContain("Exception");
    } finally {
      registry.close();
    }
  }

  @Test
  void mirrorDownWithMirrorOnlyIsAnErrorNamingMirrorAndReference() throws Exception {
    Path komposer = komposer("ghcr.io");
    OrkCliTest.Run run = ork("validate", "-f", komposer.toString(), "--cache", temp.resolve("cache").toString(),
        "--mirror", "ghcr.io=http://127.0.0.1:1", "--mirror-only");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).anySatisfy(l -> assertThat(l)
        .startsWith(komposer + ":8:7: cannot resolve registry import")
        .contains("cannot pull ghcr.io/orkspace/orkestra-registry/postgres:v1 from mirror http://127.0.0.1:1")
        .contains("mirror-only: the upstream registry ghcr.io is not contacted"));
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void badMirrorFlagIsBadInput() throws Exception {
    Path komposer = komposer("ghcr.io");
    OrkCliTest.Run run = ork("validate", "-f", komposer.toString(), "--mirror", "http://127.0.0.1:5000");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--mirror: registry mirror 'http://127.0.0.1:5000' must be HOST=ENDPOINT");
  }
}

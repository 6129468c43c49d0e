package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Komposer round trip of the OCI issue: push a pattern to a real docker-registry, import it by
 * tag from a Komposer next to a file import and an inline override, then {@code ork validate} and
 * {@code ork template} (golden file), {@code orkestra.lock} pins the digest, {@code skopeo} sees
 * Orkestra's media types, and with the registry stopped the pinned import is served from cache.
 */
class KomposerRoundTripIT {

  private static final Pattern DIGEST = Pattern.compile("@(sha256:[0-9a-f]{64})");

  @TempDir Path temp;

  record Run(int code, String out, String err) {}

  private static Run ork(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(KomposerRoundTripIT.class.getResource("/fixtures/roundtrip/" + name)).toURI());
  }

  private Path komposer(String host) throws Exception {
    Path dir = temp.resolve("platform");
    Files.createDirectories(dir);
    Files.copy(fixture("komposer/cache.yaml"), dir.resolve("cache.yaml"));
    String text = Files.readString(fixture("komposer/komposer.yaml")).replace("REGISTRY", host);
    Files.writeString(dir.resolve("komposer.yaml"), text);
    return dir.resolve("komposer.yaml");
  }

  @Test
  void komposerImportsAPushedPatternByTagAndKeepsWorkingFromCacheWhenTheRegistryIsDown() throws Exception {
    String cache = temp.resolve("cache").toString();
    RegistryCommandIT.Registry registry = RegistryCommandIT.Registry.start(false);
    String digest;
    Path komposer;
    String cached;
    String motifDigest;
    try {
      String ref = registry.host + "/orkestra/patterns/postgres:v1";
      Run push = ork("registry", "push", ref, fixture("postgres").toString(), "--cache", temp.resolve("push-cache").toString());
      assertThat(push.code()).as(push.err()).isZero();
      Matcher m = DIGEST.matcher(push.out());
      assertThat(m.find()).as(push.out()).isTrue();
      digest = m.group(1);
      String motifRef = registry.host + "/orkestra/motifs/metrics:v1";
      Run pushMotif = ork("registry", "push", motifRef, fixture("metrics").toString(), "--motif",
          "--cache", temp.resolve("push-cache").toString());
      assertThat(pushMotif.code()).as(pushMotif.err()).isZero();
      Matcher mm = DIGEST.matcher(pushMotif.out());
      assertThat(mm.find()).as(pushMotif.out()).isTrue();
      motifDigest = mm.group(1);

      komposer = komposer(registry.host);
      Run validate = ork("validate", "-f", komposer.toString(), "--cache", cache);
      assertThat(validate.code()).as(validate.err()).isZero();
      assertThat(validate.out()).contains("valid Komposer, 2 CRDs")
          .contains("postgres: db.example.com/v1 Postgres, children ConfigMap, Deployment, Service")
          .contains("cache: cache.example.com/v1 Cache, children ConfigMap");

      Path lock = komposer.resolveSibling("orkestra.lock");
      assertThat(lock).exists();
      assertThat(Files.readString(lock))
          .contains("\"" + registry.host + "/orkestra/patterns/postgres:v1\"")
          .contains("\"digest\" : \"" + digest + "\"")
          .contains("\"" + registry.host + "/orkestra/motifs/metrics:v1\"")
          .contains("\"digest\" : \"" + motifDigest + "\"");

      Run template = ork("template", "-f", komposer.toString(), "--cache", cache);
      assertThat(template.code()).as(template.err()).isZero();
      assertThat(template.out().replace(cache + "/" + registry.host.replace(':', '_'), "CACHE"))
          .isEqualTo(Files.readString(fixture("expected-template.yaml"), StandardCharsets.UTF_8));
      cached = cache + "/" + registry.host.replace(':', '_');

      Process skopeo = new ProcessBuilder("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref)
          .redirectErrorStream(true).start();
      String raw = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(skopeo.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(raw).contains("application/vnd.orkestra.pattern.v1+tar+gzip")
          .contains("application/vnd.orkestra.katalog.v1+yaml")
          .contains("application/vnd.kubernetes.crd.v1+yaml");
      Process skopeoMotif = new ProcessBuilder("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + motifRef)
          .redirectErrorStream(true).start();
      String rawMotif = new String(skopeoMotif.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(skopeoMotif.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(rawMotif).contains("application/vnd.orkestra.motif.v1+tar+gzip")
          .contains("application/vnd.orkestra.motif.v1+yaml");
    } finally {
      registry.close();
    }

    // registry gone: the lock pins the digest, the verified cache stands in
    Run offline = ork("template", "-f", komposer.toString(), "--cache", cache);
    assertThat(offline.code()).as(offline.err()).isZero();
    assertThat(offline.out().replace(cached, "CACHE")).isEqualTo(Files.readString(fixture("expected-template.yaml"), StandardCharsets.UTF_8));

    // a tampered lock is an error naming both digests, never a silent update
    Path lock = komposer.resolveSibling("orkestra.lock");
    String other = "sha256:" + "0".repeat(64);
    Files.writeString(lock, Files.readString(lock).replace(digest, other));
    Run mismatch = ork("validate", "-f", komposer.toString(), "--cache", cache);
    assertThat(mismatch.code()).isEqualTo(2);
    assertThat(mismatch.err()).contains("komposer.yaml:8:7: cannot resolve registry import")
        .contains(other).doesNotContain("Exception");
  }

  @Test
  void unreachableRegistryIsAPositionedErrorAndOtherImportsStillReport() throws Exception {
    Path komposer = komposer("127.0.0.1:1");
    Run validate = ork("validate", "-f", komposer.toString(), "--cache", temp.resolve("cache").toString());
    assertThat(validate.code()).isEqualTo(2);
    assertThat(validate.err().lines())
        .anySatisfy(l -> assertThat(l).startsWith(komposer + ":8:7: cannot resolve registry import 127.0.0.1:1/orkestra/patterns/postgres@v1")
            .contains("not pinned"))
        .noneSatisfy(l -> assertThat(l).contains("Exception"));
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ork registry push|pull|inspect|list} through {@link OrkCli#execute} against a real docker-registry. */
class RegistryCommandIT {

  private static Registry open;
  private static Registry secured;

  @TempDir Path temp;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    open = Registry.start(false);
    secured = Registry.start(true);
  }

  @AfterAll
  static void stop() {
    open.close();
    secured.close();
  }

  private static Run ork(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private Path pattern() throws Exception {
    return fixture("pattern");
  }

  /** A copy of {@code fixtures/registry/<name>} in the test's temp directory. */
  private Path fixture(String name) throws Exception {
    Path from = Path.of("src/test/resources/fixtures/registry", name);
    Path dir = temp.resolve("fixtures").resolve(name);
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  private static String namespace() {
    return "acme/n" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void pushesInspectsListsAndPullsAPattern() throws Exception {
    String ref = open.host + "/orkestra/patterns/demo:v1";
    String cache = temp.resolve("cache").toString();
    Run push = ork("registry", "push", ref, pattern().toString(), "--annotation", "org.opencontainers.image.description=demo",
        "--cache", cache);
    assertThat(push.code()).as(push.err()).isZero();
    assertThat(push.out()).startsWith("pushed " + ref + "@sha256:").contains("3 blobs uploaded");

    Run again = ork("registry", "push", ref, pattern().toString(), "--annotation", "org.opencontainers.image.description=demo",
        "--cache", cache);
    assertThat(again.out()).startsWith("unchanged " + ref + "@sha256:").contains("0 blobs uploaded");

    Run json = ork("registry", "inspect", ref, "-o", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"artifactType\":\"application/vnd.orkestra.pattern.v1+tar+gzip\"")
        .contains("\"org.opencontainers.image.title\":\"katalog.yaml\"");
    Run text = ork("registry", "inspect", ref);
    assertThat(text.out()).contains("layer:        crd.yaml  application/vnd.kubernetes.crd.v1+yaml")
        .contains("annotation:   org.opencontainers.image.description=demo")
        .contains("annotation:   io.orkestra.pattern.tags=demo,web");

    Run list = ork("registry", "list", open.host + "/orkestra/patterns");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out().lines()).singleElement().asString()
        .startsWith("demo").contains("pattern").contains("v1").contains("demo").contains("[demo, web]");

    Path out = temp.resolve("out");
    Run pull = ork("registry", "pull", ref, "-o", out.toString(), "--cache", cache);
    assertThat(pull.code()).as(pull.err()).isZero();
    assertThat(pull.out()).startsWith("pulled " + ref + "@sha256:").contains("(2 files)");
    assertThat(out.resolve("katalog.yaml")).hasSameTextualContentAs(pattern().resolve("katalog.yaml"));
    assertThat(Path.of(cache, open.host.replace(':', '_'), "orkestra/patterns/demo/v1/crd.yaml")).exists();
  }

  @Test
  void pushesWithUsernameAndPasswordFromStdin() throws Exception {
    String ref = secured.host + "/orkestra/patterns/secret:v1";
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
      Run push = ork("registry", "push", ref, pattern().toString(), "--username", "orkestra", "--password-stdin",
          "--cache", temp.resolve("cache").toString());
      assertThat(push.code()).as(push.err()).isZero();
    } finally {
      System.setIn(stdin);
    }
    Run anonymous = ork("registry", "inspect", ref);
    assertThat(anonymous.code()).isEqualTo(2);
    assertThat(anonymous.err()).contains("registry " + secured.host + " requires authentication")
        .contains("repository orkestra/patterns/secret").doesNotContain("s3cret");
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    Run atTag = ork("registry", "pull", open.host + "/orkestra/x@v1");
    assertThat(atTag.code()).isEqualTo(2);
    assertThat(atTag.err()).contains("use NAME:TAG for tags");
    Files.createDirectories(temp.resolve("empty"));
    Run noKatalog = ork("registry", "push", open.host + "/orkestra/x:v1", temp.resolve("empty").toString(), "--cache",
        temp.resolve("c").toString());
    assertThat(noKatalog.code()).isEqualTo(2);
    assertThat(noKatalog.err()).contains("has no katalog.yaml");
    Run missingTag = ork("registry", "inspect", open.host + "/orkestra/patterns/none:v404");
    assertThat(missingTag.code()).isEqualTo(2);
    assertThat(missingTag.err()).contains("not found on registry " + open.host);
  }

  @Test
  void pushKeepsTheNamespaceIndexThatPatternsBrowses() throws Exception {
    String ns = open.host + "/" + namespace();
    Run pattern = ork("push", ns + "/alpha:v1", pattern().toString());
    assertThat(pattern.code()).as(pattern.err()).isZero();
    assertThat(pattern.out()).contains("indexed in " + ns + "/index:latest (1 entries)");
    Run motif = ork("push", ns + "/cache:v1", fixture("motif").toString());
    assertThat(motif.code()).as(motif.err()).isZero();
    assertThat(motif.out()).contains("(2 entries)");

    Run all = ork("patterns", ns);
    assertThat(all.out().lines()).hasSize(2);
    assertThat(all.out().lines().toList().get(0)).startsWith("alpha").contains("A demo pattern with one CRD.");
    assertThat(all.out().lines().toList().get(1)).startsWith("cache").contains("motif");
    assertThat(ork("registry", "list", ns, "--katalogs").out().lines()).singleElement().asString().startsWith("alpha");
    Run motifs = ork("patterns", ns, "--motifs", "-o", "json");
    JsonNode rows = new ObjectMapper().readTree(motifs.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("name").asText()).isEqualTo("cache");
    assertThat(rows.get(0).path("kind").asText()).isEqualTo("motif");
    assertThat(rows.get(0).path("description").asText()).isEqualTo("A Redis cache next to your app.");
    assertThat(rows.get(0).path("repository").asText()).isEqualTo(ns + "/cache");
    assertThat(rows.get(0).path("source").asText()).isEqualTo("index");

    // any OCI client reads the index artifact
    String raw = run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ns + "/index:latest");
    JsonNode manifest = new ObjectMapper().readTree(raw);
    assertThat(manifest.path("artifactType").asText()).isEqualTo("application/vnd.orkestra.index.v1+json");
    assertThat(manifest.path("layers").path(0).path("annotations").path("org.opencontainers.image.title").asText())
        .isEqualTo("index.json");
  }

  @Test
  void aNamespaceWithoutIndexIsListedFromTheCatalog() throws Exception {
    String ns = open.host + "/" + namespace();
    assertThat(ork("push", ns + "/quiet:v1", pattern().toString(), "--no-index").code()).isZero();
    Run list = ork("registry", "list", ns, "-o", "json");
    assertThat(list.code()).as(list.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(list.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("name").asText()).isEqualTo("quiet");
    assertThat(rows.get(0).path("source").asText()).isEqualTo("catalog");
  }

  @Test
  void anIndexThatCannotBeUpdatedIsAWarningNotAFailedPush() throws Exception {
    String ns = open.host + "/" + namespace();
    // something that is not an Orkestra index sits where the index belongs
    assertThat(ork("push", ns + "/index:latest", pattern().toString(), "--no-index").code()).isZero();
    Run push = ork("push", ns + "/app:v1", pattern().toString());
    assertThat(push.code()).as(push.err()).isZero();
    assertThat(push.out()).startsWith("pushed " + ns + "/app:v1@sha256:").doesNotContain("indexed");
    assertThat(push.err()).contains("warning: pushed, but the namespace index was not updated: ")
        .contains("is not an Orkestra index (no index.json layer)");
    assertThat(ork("inspect", ns + "/app:v1").code()).isZero();
  }

  @Test
  void inspectVersionsDedupesByDigestNewestPushFirst() throws Exception {
    String repo = open.host + "/" + namespace() + "/web";
    Path dir = pattern();
    assertThat(ork("push", repo + ":v1", dir.toString(), "--annotation",
        "org.opencontainers.image.created=2026-01-01T00:00:00Z").code()).isZero();
    Files.writeString(dir.resolve("README.md"), "# two\n");
    assertThat(ork("push", repo + ":v2", dir.toString(), "--annotation",
        "org.opencontainers.image.created=2026-03-01T00:00:00Z").code()).isZero();
    Files.writeString(dir.resolve("README.md"), "# one, patched\n");
    assertThat(ork("push", repo + ":v1.0.1", dir.toString(), "--annotation",
        "org.opencontainers.image.created=2026-02-01T00:00:00Z").code()).isZero();

    Run json = ork("inspect", repo, "--versions", "-o", "json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode versions = new ObjectMapper().readTree(json.out());
    assertThat(versions).extracting(v -> v.path("tag").asText()).containsExactly("v2", "v1.0.1", "v1");
    assertThat(versions.get(0).path("created").asText()).isEqualTo("2026-03-01T00:00:00Z");
    Run text = ork("registry", "inspect", repo, "--versions", "--limit", "1");
    assertThat(text.out().lines().toList()).hasSize(2);
    assertThat(text.out()).startsWith("v2 ").contains("2 older versions");
  }

  @Test
  void pushValidatesFirstAndNoValidateSkips() throws Exception {
    String ns = open.host + "/" + namespace();
    Run invalid = ork("push", ns + "/broken:v1", fixture("invalid").toString());
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.err()).contains("katalog.yaml:11:20: spec.crds.webapp.operatorBox.reconcile.workers must be")
        .contains("katalog.yaml:17:44: template").contains("nothing was pushed");
    assertThat(ork("inspect", ns + "/broken:v1").err()).contains("not found on registry");
    Run forced = ork("push", ns + "/broken:v1", fixture("invalid").toString(), "--no-validate");
    assertThat(forced.code()).as(forced.err()).isZero();

    Run notMotif = ork("push", ns + "/wrong:v1", fixture("not-a-motif").toString());
    assertThat(notMotif.code()).isEqualTo(2);
    assertThat(notMotif.err()).contains("motif.yaml must be a Motif, got kind Katalog");
  }

  @Test
  void pushRefusesAMetadataVersionOtherThanTheTagUnlessForced() throws Exception {
    String ns = open.host + "/" + namespace();
    Path dir = fixture("versioned");
    Run wrong = ork("push", ns + "/legacy:v2", dir.toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("metadata.version is 1.2.0 but the tag is v2").contains("--force");
    assertThat(ork("push", ns + "/legacy:v2", dir.toString(), "--force").code()).isZero();
    Run right = ork("push", ns + "/legacy:v1.2.0", dir.toString());
    assertThat(right.code()).as(right.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(ork("patterns", ns, "-o", "json").out());
    assertThat(rows.get(0).path("latestVersion").asText()).as("v2 > v1.2.0").isEqualTo("v2");
    assertThat(rows.get(0).path("deprecated").asBoolean()).isTrue();
  }

  @Test
  void lockPinsRegistryImportsAndRefusesMovedTagsUnlessUpdated() throws Exception {
    String ns = open.host + "/" + namespace();
    String cache = temp.resolve("cache").toString();
    Path dir = pattern();
    assertThat(ork("push", ns + "/db:v1", dir.toString()).code()).isZero();
    assertThat(ork("push", ns + "/web:v7", dir.toString()).code()).isZero();
    Path app = temp.resolve("app");
    Files.createDirectories(app);
    Path komposer = app.resolve("komposer.yaml");
    Files.writeString(komposer, "apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: app}\n"
        + "imports:\n  registry:\n    - oci://" + ns + "/db:v1\n    - url: " + ns + "/web\n      version: v7\n");

    Run lock = ork("registry", "lock", "-f", komposer.toString(), "--cache", cache);
    assertThat(lock.code()).as(lock.err()).isZero();
    assertThat(lock.out()).contains("locked " + ns + "/db:v1 sha256:").contains("(new)")
        .contains("2 registry imports pinned");
    JsonNode pinned = new ObjectMapper().readTree(app.resolve("orkestra.lock").toFile()).path("artifacts");
    assertThat(pinned.has(ns + "/db:v1")).isTrue();
    assertThat(pinned.has(ns + "/web:v7")).isTrue();
    assertThat(ork("registry", "lock", "-f", komposer.toString(), "--cache", cache).out()).contains("(unchanged)");

    Files.writeString(dir.resolve("README.md"), "# moved\n");
    assertThat(ork("push", ns + "/db:v1", dir.toString()).code()).isZero();
    Run moved = ork("registry", "lock", "-f", komposer.toString(), "--cache", cache);
    assertThat(moved.code()).isEqualTo(2);
    assertThat(moved.err()).contains("imports.registry[0]").contains("digest mismatch for " + ns + "/db:v1")
        .contains("ork registry lock --update");
    Run updated = ork("registry", "lock", "-f", komposer.toString(), "--update", "--cache", cache);
    assertThat(updated.code()).as(updated.err()).isZero();
    assertThat(updated.out()).contains("moved from " + pinned.path(ns + "/db:v1").path("digest").asText());
  }

  @Test
  void aliasesPullAndNoProgressLineWithoutAConsole() throws Exception {
    String ref = open.host + "/" + namespace() + "/big:v1";
    Path dir = pattern();
    byte[] big = new byte[2 * 1024 * 1024];
    new java.util.Random(1).nextBytes(big);
    Files.write(dir.resolve("data.bin"), big);
    Run push = ork("push", ref, dir.toString());
    assertThat(push.code()).as(push.err()).isZero();
    Run pull = ork("pull", ref, "-o", temp.resolve("got").toString(), "--cache", temp.resolve("cache").toString());
    assertThat(pull.code()).as(pull.err()).isZero();
    assertThat(temp.resolve("got/data.bin")).hasBinaryContent(big);
    assertThat(push.err() + pull.err()).doesNotContain("\r").doesNotContain("MiB");
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  /** Debian's docker-registry on a free 127.0.0.1 port (installed with apt-get when missing). */
  static final class Registry implements AutoCloseable {
    final Path dir;
    final String host;
    final Process process;

    private Registry(Path dir, String host, Process process) {
      this.dir = dir;
      this.host = host;
      this.process = process;
    }

    static Registry start(boolean auth) throws Exception {
      if (Stream.of("/usr/bin/docker-registry", "/usr/bin/htpasswd").anyMatch(b -> !Files.isExecutable(Path.of(b)))) {
        new ProcessBuilder("apt-get", "install", "-y", "-qq", "docker-registry", "skopeo", "apache2-utils")
            .inheritIO().start().waitFor(300, TimeUnit.SECONDS);
      }
      Path dir = Files.createTempDirectory("ork-cli-registry-");
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = s.getLocalPort();
      }
      String config = "version: 0.1\nlog: {level: warn}\nstorage:\n  filesystem: {rootdirectory: " + dir.resolve("data")
          + "}\nhttp:\n  addr: 127.0.0.1:" + port + "\n";
      if (auth) {
        new ProcessBuilder("htpasswd", "-Bbc", dir.resolve("htpasswd").toString(), "orkestra", "s3cret")
            .start().waitFor(30, TimeUnit.SECONDS);
        config += "auth:\n  htpasswd: {realm: orkestra-test, path: " + dir.resolve("htpasswd") + "}\n";
      }
      Files.writeString(dir.resolve("config.yml"), config);
      Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
      Registry r = new Registry(dir, "127.0.0.1:" + port, p);
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).ignoreExceptions().until(() ->
          http.send(HttpRequest.newBuilder(URI.create("http://" + r.host + "/v2/")).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode() < 500);
      return r;
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (Exception e) {
        // best effort
      }
    }
  }
}

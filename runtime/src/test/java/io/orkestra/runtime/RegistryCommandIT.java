package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    Path dir = temp.resolve("pattern");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("katalog.yaml"), "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\n");
    Files.writeString(dir.resolve("crd.yaml"), "kind: CustomResourceDefinition\n");
    return dir;
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
        .contains("annotation:   org.opencontainers.image.description=demo");

    Run list = ork("registry", "list", open.host + "/orkestra/patterns/demo");
    assertThat(list.out().lines()).containsExactly("v1");
    assertThat(ork("registry", "list", open.host).out().lines()).contains("orkestra/patterns/demo");

    Path out = temp.resolve("out");
    Run pull = ork("registry", "pull", ref, "-o", out.toString(), "--cache", cache);
    assertThat(pull.code()).as(pull.err()).isZero();
    assertThat(pull.out()).startsWith("pulled " + ref + "@sha256:").contains("(2 files)");
    assertThat(out.resolve("katalog.yaml")).hasContent("apiVersion: orkestra.orkspace.io/v1\nkind: Katalog");
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
    Run noKatalog = ork("registry", "push", open.host + "/orkestra/x:v1", temp.toString(), "--cache", temp.resolve("c").toString());
    assertThat(noKatalog.code()).isEqualTo(2);
    assertThat(noKatalog.err()).contains("has no katalog.yaml");
    Run missingTag = ork("registry", "inspect", open.host + "/orkestra/patterns/none:v404");
    assertThat(missingTag.code()).isEqualTo(2);
    assertThat(missingTag.err()).contains("not found on registry " + open.host);
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

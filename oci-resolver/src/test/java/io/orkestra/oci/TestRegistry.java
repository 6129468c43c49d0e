package io.orkestra.oci;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real registry for tests: Debian's {@code docker-registry serve CONFIG} (CNCF distribution 2.8)
 * on a free 127.0.0.1 port with a temp storage root, optionally with htpasswd Basic auth. Installs
 * {@code docker-registry skopeo apache2-utils} with apt-get when the binaries are missing.
 */
final class TestRegistry implements AutoCloseable {

  private static TestRegistry shared;

  final Path dir;
  final int port;
  private final Process process;

  private TestRegistry(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** One anonymous registry per test JVM, stopped at JVM exit. */
  static synchronized TestRegistry shared() {
    if (shared == null) {
      shared = start(null, null);
      TestRegistry s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }
    return shared;
  }

  /**
   * Starts a registry.
   *
   * @param user htpasswd user, or null for anonymous
   * @param password its password
   */
  static TestRegistry start(String user, String password) {
    ensureInstalled();
    try {
      Path dir = Files.createTempDirectory("ork-registry-");
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = s.getLocalPort();
      }
      String auth = "";
      if (user != null) {
        run(List.of("htpasswd", "-Bbc", dir.resolve("htpasswd").toString(), user, password));
        auth = "auth:\n  htpasswd: {realm: orkestra-test, path: " + dir.resolve("htpasswd") + "}\n";
      }
      Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog: {level: warn}\n"
          + "storage:\n  filesystem: {rootdirectory: " + dir.resolve("data") + "}\n  delete: {enabled: true}\n"
          + "http:\n  addr: 127.0.0.1:" + port + "\n" + auth);
      Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
      TestRegistry r = new TestRegistry(dir, port, p);
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).ignoreExceptions().until(() -> {
        if (!p.isAlive()) {
          throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
        }
        int status = http.send(HttpRequest.newBuilder(URI.create("http://" + r.host() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == 200 || status == 401;
      });
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** The stored data file of a blob, for tampering tests. */
  Path blobData(String digest) {
    String hex = digest.substring("sha256:".length());
    return dir.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(dir);
  }

  /**
   * Closes a test's Vert.x, waiting at most 10 s: a close that hangs (seen once, cause not found)
   * must not hang the build; the forked JVM exits anyway.
   */
  static void closeVertx(io.vertx.core.Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("Vert.x did not close within 10 s");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  private static synchronized void ensureInstalled() {
    boolean missing = Stream.of("docker-registry", "skopeo", "htpasswd").anyMatch(b -> !onPath(b));
    if (missing) {
      run(List.of("apt-get", "install", "-y", "-qq", "docker-registry", "skopeo", "apache2-utils"));
    }
  }

  private static boolean onPath(String binary) {
    return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
  }

  /** Runs a command, returns stdout+stderr, fails on a non-zero exit. */
  static String run(List<String> command) {
    try {
      Path out = Files.createTempFile("ork-cmd-", ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      String text = Files.readString(out);
      Files.deleteIfExists(out);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.orkestra.bench;

import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciRegistry;
import io.orkestra.oci.OciResolver;
import io.orkestra.oci.PushResult;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold pull, warm (cached, digest-verified) resolve and {@code skopeo copy} of the same 10-file
 * pattern from a local Debian {@code docker-registry}, measured in one run.
 *
 * <pre>
 * mvn -B -q -o -pl oci-resolver,runtime,bench install -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.orkestra.bench.RegistryPullHarness [rounds]
 * </pre>
 */
public final class RegistryPullHarness {

  private RegistryPullHarness() {}

  /**
   * Runs the measurement.
   *
   * @param args optional number of rounds (default 20)
   * @throws Exception when the registry or a tool fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path work = Files.createTempDirectory("ork-registry-bench-");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Files.writeString(work.resolve("config.yml"), "version: 0.1\nlog: {level: error}\nstorage:\n  filesystem: {rootdirectory: "
        + work.resolve("data") + "}\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
    Process registry = new ProcessBuilder("docker-registry", "serve", work.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
    Vertx vertx = Vertx.vertx();
    try {
      waitForPort(port);
      Path pattern = work.resolve("pattern");
      Files.createDirectories(pattern);
      Files.writeString(pattern.resolve("katalog.yaml"), "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\n");
      for (int i = 1; i < 10; i++) {
        Files.writeString(pattern.resolve("file-" + i + ".yaml"), ("key" + i + ": value\n").repeat(200));
      }
      String host = "127.0.0.1:" + port;
      OciReference ref = OciResolver.parseReference(host + "/orkestra/patterns/bench:v1", ArtifactKind.PATTERN, Map.of());
      OciOptions base = OciOptions.defaults().withDockerConfig(null);
      PushResult pushed = OciResolver.create(vertx, base.withCacheRoot(work.resolve("push-cache")))
          .push(ref, pattern, ArtifactKind.PATTERN, Map.of()).block(Duration.ofMinutes(1));
      String pinned = host + "/orkestra/patterns/bench@" + pushed.digest();

      List<Long> cold = new ArrayList<>();
      List<Long> warm = new ArrayList<>();
      List<Long> skopeo = new ArrayList<>();
      OciRegistry warmRegistry = OciResolver.create(vertx, base.withCacheRoot(work.resolve("warm-cache")));
      warmRegistry.resolve(pinned).block(Duration.ofMinutes(1));
      for (int i = 0; i < rounds; i++) {
        Path cache = work.resolve("cold-" + i);
        long t0 = System.nanoTime();
        OciResolver.create(vertx, base.withCacheRoot(cache)).resolve(ref.toString()).block(Duration.ofMinutes(1));
        cold.add(System.nanoTime() - t0);

        t0 = System.nanoTime();
        warmRegistry.resolve(pinned).block(Duration.ofMinutes(1));
        warm.add(System.nanoTime() - t0);

        Path layout = work.resolve("skopeo-" + i);
        t0 = System.nanoTime();
        Process p = new ProcessBuilder("skopeo", "copy", "-q", "--src-tls-verify=false", "docker://" + ref, "oci:" + layout + ":v1")
            .redirectErrorStream(true).redirectOutput(work.resolve("skopeo.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException("skopeo copy failed: " + Files.readString(work.resolve("skopeo.log")));
        }
        skopeo.add(System.nanoTime() - t0);
      }
      System.out.printf("10-file pattern %s, %d rounds (median / p90, ms)%n", pushed.digest(), rounds);
      System.out.printf("cold pull (ork, fresh cache)         %8.2f / %8.2f%n", pct(cold, 50), pct(cold, 90));
      System.out.printf("warm resolve (cached, verified)      %8.2f / %8.2f%n", pct(warm, 50), pct(warm, 90));
      System.out.printf("skopeo copy docker:// -> oci: layout %8.2f / %8.2f%n", pct(skopeo, 50), pct(skopeo, 90));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      registry.destroy();
      registry.waitFor(5, TimeUnit.SECONDS);
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static double pct(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int idx = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, idx)) / 1e6;
  }

  private static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(20); // main thread of a harness, polling a child process
      }
    }
    throw new IllegalStateException("docker-registry did not listen on " + port);
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.runtime.internal.EmbeddedApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A runtime killed mid-run loses nothing: {@code ork run} (the runnable jar, in a child JVM, so the
 * kill is a real SIGKILL with no shutdown hook, no flush and no graceful close) reconciles 200
 * WebApps on an API server the test owns and is killed once a quarter of them have a succeeded
 * event on the topic. A second {@code ork run --until-idle} on the same API server, broker and
 * topic re-lists every WebApp, reconciles it (nothing changes: the first run applied most
 * children) and still publishes a succeeded event for each, because a runtime announces the first
 * success of every resource it sees, changed or not. Events the first run lost (reconciled but not
 * yet acknowledged by the broker when it died) are replaced that way.
 *
 * <p>The API server is fabric8's mock in this JVM (CRUD mode, {@code --apply-strategy update});
 * the WebApps are created before the first run starts, so no request races its reconcile load.
 */
class RuntimeKillRunIT {

  private static final int CRS = 200;
  /** The quickstart's crFiles add three WebApps of their own (webapp-1 … webapp-3). */
  private static final int QUICKSTART_CRS = 3;

  @Test
  void aRestartedRuntimePublishesASucceededEventForEveryResourceAfterASigkill() throws Exception {
    String bootstrap = TestKafka.bootstrapServers();
    String topic = "runtime-kill-" + UUID.randomUUID().toString().substring(0, 8);
    Path work = Files.createTempDirectory(Path.of("target"), "runtime-kill-");
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start();
        WebAppLoad.Succeeded topicRead = new WebAppLoad.Succeeded(bootstrap, topic)) {
      Path kubeconfig = kubeconfig(work, cluster.url());
      // the CRD first (the runtime installs it too, from the Katalog's crdFile), then the WebApps
      cluster.client().load(Files.newInputStream(Path.of("../examples/quickstart/crd.yaml"))).createOrReplace();
      WebAppLoad.create(cluster.client(), CRS);

      Process first = ork(work, "first", kubeconfig, bootstrap, topic, "kill-1", false);
      try {
        boolean quarter = topicRead.pollUntil(
            () -> topicRead.countFrom("kill-1") >= CRS / 4 || !first.isAlive(), Duration.ofMinutes(2));
        assertThat(first.isAlive()).as("first run still running (log: %s)", work.resolve("first.err")).isTrue();
        assertThat(quarter).as("a quarter of the WebApps published by the first run").isTrue();
      } finally {
        first.destroyForcibly(); // SIGKILL
        first.waitFor(30, TimeUnit.SECONDS);
      }
      long beforeKill = topicRead.countFrom("kill-1");
      assertThat(beforeKill).as("killed mid-run").isLessThan(CRS);

      Process second = ork(work, "second", kubeconfig, bootstrap, topic, "kill-2", true);
      boolean exited = second.waitFor(150, TimeUnit.SECONDS);
      if (!exited) {
        second.destroyForcibly();
      }
      String out = Files.readString(work.resolve("second.out"));
      assertThat(exited).as("second run idle in time; stderr: %s", tail(work.resolve("second.err"))).isTrue();
      assertThat(second.exitValue()).as("stderr: %s", tail(work.resolve("second.err"))).isZero();
      int all = CRS + QUICKSTART_CRS;
      assertThat(out).contains("reconciled " + all + "/" + all + " resources");

      topicRead.pollUntil(() -> topicRead.countFrom("kill-2") >= CRS, Duration.ofMinutes(1));
      assertThat(topicRead.names()).hasSize(CRS);
      assertThat(topicRead.countFrom("kill-2"))
          .as("every WebApp announced by the restarted runtime (the first published %d before its kill)", beforeKill)
          .isEqualTo(CRS);
    } finally {
      // the API server runs in this JVM: what BlockHound let through there when the runtime died
      BlockingCalls.print();
    }
  }

  private static Process ork(Path work, String name, Path kubeconfig, String bootstrap, String topic,
      String runtimeName, boolean untilIdle) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-jar", runnableJar().toString(),
        "run", "-f", "../examples/quickstart", "--kubeconfig", kubeconfig.toString(),
        "--bootstrap-server", bootstrap, "--topic", topic, "--name", runtimeName,
        "--apply-strategy", "update", "--no-read-back"));
    if (untilIdle) {
      command.addAll(List.of("--until-idle", "--timeout", "140s"));
    }
    return new ProcessBuilder(command)
        .redirectOutput(work.resolve(name + ".out").toFile())
        .redirectError(work.resolve(name + ".err").toFile())
        .start();
  }

  private static Path runnableJar() throws IOException {
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("runtime-.*-all\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no runnable jar in target/: run the package phase first"));
    }
  }

  private static Path kubeconfig(Path dir, String server) throws IOException {
    Path file = dir.resolve("kubeconfig.yaml");
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: test",
        "  cluster: {server: \"" + server + "\"}",
        "contexts:",
        "- name: test",
        "  context: {cluster: test, user: anonymous, namespace: default}",
        "current-context: test",
        "users:",
        "- name: anonymous",
        "  user: {}",
        ""));
    return file;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}

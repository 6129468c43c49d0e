package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileResult;
import io.orkestra.runtime.internal.EmbeddedApiServer;
import io.orkestra.watch.ApplyStrategy;
import io.orkestra.watch.LeaderElectionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two runtime replicas with leader election on one API server (the in-process one, reached through
 * a kubeconfig) and one broker: only the leader reconciles (and so writes and publishes); when it
 * stops, the other takes over and reconciles what changed meanwhile.
 */
class LeaderElectionRunIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static RunConfig replica(Path kubeconfig, String topic, String identity) {
    return RunConfig.defaults()
        .withFiles(List.of(Path.of("../examples/quickstart")))
        .withEmbedded(false)
        .withKubeconfig(kubeconfig)
        .withBootstrapServers(TestKafka.bootstrapServers())
        .withTopic(topic)
        .withReadBack(false)
        .withRuntimeName(identity)
        .withApplyStrategy(ApplyStrategy.UPDATE)
        .withLeaderElection(LeaderElectionOptions.of("orkestra-it", "default", identity)
            .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250)));
  }

  private static List<String> succeeded(List<ReconcileResult> results) {
    return results.stream()
        .filter(r -> r.event().outcome() == Outcome.SUCCEEDED)
        .map(r -> r.event().key().name())
        .distinct()
        .sorted()
        .toList();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheFollowerTakesOverWhenItStops() throws Exception {
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start()) {
      Path kubeconfig = cluster.writeKubeconfig(Files.createTempFile("kubeconfig", ".yaml"));
      String topic = "leader-it-" + System.nanoTime();
      List<ReconcileResult> byA = new CopyOnWriteArrayList<>();
      List<ReconcileResult> byB = new CopyOnWriteArrayList<>();
      OrkestraRuntime a = OrkestraRuntime.start(replica(kubeconfig, topic, "replica-a"));
      OrkestraRuntime b = null;
      try {
        var subA = a.results().subscribe(byA::add);
        await().atMost(WAIT).until(a::isLeader);
        b = OrkestraRuntime.start(replica(kubeconfig, topic, "replica-b"));
        var subB = b.results().subscribe(byB::add);
        OrkestraRuntime follower = b;
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> !follower.isLeader());

        a.applyCrFiles().block(WAIT); // webapp-1..3
        await().atMost(WAIT).until(() -> succeeded(byA).size() == 3);
        assertThat(succeeded(byA)).containsExactly("webapp-1", "webapp-2", "webapp-3");
        // the follower saw the same objects (its watch runs) but reconciled nothing: no writes
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(byB::isEmpty);

        a.close(); // gives the Lease up
        subA.dispose();
        await().atMost(WAIT).until(follower::isLeader);
        // what waited in the follower's queue is reconciled now (converged: no writes, announced)
        await().atMost(WAIT).until(() -> succeeded(byB).size() == 3);

        Path more = Files.createTempFile("webapp-4", ".yaml");
        Files.writeString(more, String.join("\n",
            "apiVersion: demo.orkestra.io/v1",
            "kind: WebApp",
            "metadata: {name: webapp-4, namespace: default}",
            "spec: {replicas: 1, greeting: after the failover}",
            ""));
        cluster.client().resource(Files.readString(more)).create();
        await().atMost(WAIT).until(() -> succeeded(byB).contains("webapp-4"));
        Deployment d = cluster.client().apps().deployments().inNamespace("default")
            .withName("webapp-4").get();
        assertThat(d).as("the new leader writes the children").isNotNull();
        subB.dispose();
      } finally {
        a.close();
        if (b != null) {
          b.close();
        }
      }
    }
  }
}

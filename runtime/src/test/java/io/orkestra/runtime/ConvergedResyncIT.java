package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceKey;
import io.orkestra.runtime.internal.EmbeddedApiServer;
import io.orkestra.watch.ApplyStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Custom resources reconciled to convergence on the in-process API server, then resynced
 * (the Katalog's {@code resync: 2s}): every one is reconciled again, and the API server sees zero
 * writes (counted by the server, from every client).
 */
class ConvergedResyncIT {

  /** The 1,000; {@code -Dresync.crs=N} for another size. */
  private static final int CRS = Integer.getInteger("resync.crs", 1_000);

  @Test
  void aResyncOfConvergedResourcesWritesNothing() throws Exception {
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start()) {
      Path kubeconfig = cluster.writeKubeconfig(Files.createTempFile("kubeconfig", ".yaml"));
      Map<ResourceKey, Integer> reconciles = new ConcurrentHashMap<>();
      // the resources exist before the runtime starts (its initial list sees them all): the
      // mock API server answers slowly while 4 workers list children, and creates would time out
      var webApps = cluster.client().genericKubernetesResources(
          new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
              .withGroup("demo.orkestra.io").withVersion("v1").withKind("WebApp")
              .withPlural("webapps").withNamespaced(true).build());
      for (int i = 0; i < CRS; i++) {
        webApps.inNamespace("default").resource(webApp(i)).create();
      }
      try (OrkestraRuntime runtime = OrkestraRuntime.start(RunConfig.defaults()
          .withFiles(List.of(Path.of("src/test/resources/fixtures/resync/katalog.yaml")))
          .withEmbedded(false)
          .withKubeconfig(kubeconfig)
          .withBootstrapServers(TestKafka.bootstrapServers())
          .withTopic("resync-it-" + System.nanoTime())
          .withReadBack(false)
          .withApplyStrategy(ApplyStrategy.UPDATE))) {
        Disposable counting = runtime.results()
            .filter(r -> r.event().outcome() == Outcome.SUCCEEDED)
            .map(ReconcileResult::event)
            .subscribe(e -> reconciles.merge(e.key(), 1, Integer::sum));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
            .until(() -> reconciles.size() == CRS);
        // a full round of resync reconciles with no write; the first rounds may still write
        // (status of the last creates), so allow a few rounds to converge
        boolean quietRound = false;
        for (int round = 0; round < 5 && !quietRound; round++) {
          long writes = cluster.writes();
          Map<ResourceKey, Integer> before = Map.copyOf(reconciles);
          await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
              .until(() -> before.keySet().stream().allMatch(k -> reconciles.get(k) > before.get(k)));
          quietRound = cluster.writes() == writes;
        }
        assertThat(quietRound)
            .as("a round of %d resync reconciles without a single write to the API server", CRS)
            .isTrue();
        counting.dispose();
      }
    }
  }

  private static io.fabric8.kubernetes.api.model.GenericKubernetesResource webApp(int i) {
    var cr = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    cr.setApiVersion("demo.orkestra.io/v1");
    cr.setKind("WebApp");
    cr.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName("app-" + i).withNamespace("default").build());
    cr.setAdditionalProperty("spec", Map.of("replicas", 2, "greeting", "hello"));
    return cr;
  }
}

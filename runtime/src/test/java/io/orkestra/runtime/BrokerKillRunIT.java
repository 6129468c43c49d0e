package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.ReconcileResult;
import io.orkestra.notify.BrokerOptions;
import io.orkestra.notify.EmbeddedKafka;
import io.orkestra.notify.Notifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Notifier acceptance with the whole runtime: while {@code ork run} reconciles 500 custom resources
 * on the in-process API server, the Kafka broker is killed with SIGKILL and restarted 10 s later on
 * the same port and data. The runtime keeps running and every custom resource ends with a
 * succeeded event on the topic. Uses its own broker, because it kills it.
 *
 * <p>The runtime is closed at the end with BlockHound active: this once hung in {@code
 * KubernetesClient.close()} (see {@link TestBlockHoundIntegration}); third-party lock parks that
 * were let through are printed.
 */
class BrokerKillRunIT {

  private static final int CRS = 500;

  @Test
  void everyCustomResourceGetsASucceededEventAcrossABrokerKill() throws Exception {
    EmbeddedKafka broker = Notifiers.startEmbeddedBroker(BrokerOptions.defaults()).block(Duration.ofMinutes(11));
    String topic = "kill-run-" + UUID.randomUUID().toString().substring(0, 8);
    List<ReconcileResult> results = new CopyOnWriteArrayList<>();
    List<DeliveryResult> deliveries = new CopyOnWriteArrayList<>();
    OrkestraRuntime runtime = null;
    Disposable subscriptions = null;
    try {
      runtime = OrkestraRuntime.start(RunConfig.defaults()
          .withFiles(List.of(Path.of("../examples/quickstart")))
          .withEmbedded(true)
          .withBootstrapServers(broker.bootstrapServers())
          .withTopic(topic)
          .withReadBack(false)
          .withRuntimeName("kill-it"));
      subscriptions = Disposables.composite(
          runtime.results().subscribe(results::add),
          runtime.deliveries().subscribe(deliveries::add));
      WebAppLoad.create(runtime.kubernetesClient(), CRS);

      // kill once a fifth of the resources were delivered, while the rest are still reconciling
      await().atMost(Duration.ofMinutes(3))
          .until(() -> deliveries.stream().filter(DeliveryResult::delivered).count() >= CRS / 5);
      broker.kill().block(Duration.ofSeconds(30));
      int reconciledAtKill = results.size();
      TimeUnit.SECONDS.sleep(10);
      assertThat(results.size()).as("reconciling goes on while the broker is down")
          .isGreaterThanOrEqualTo(reconciledAtKill);
      broker.restart().block(Duration.ofMinutes(3));

      try (WebAppLoad.Succeeded topicRead = new WebAppLoad.Succeeded(broker.bootstrapServers(), topic)) {
        topicRead.pollUntil(() -> topicRead.names().size() >= CRS, Duration.ofMinutes(4));
        assertThat(topicRead.names()).hasSize(CRS);
      }
      // the runtime survived: every resource was reconciled
      assertThat(results).extracting(r -> r.event().key().name())
          .filteredOn(n -> n.startsWith("app-")).hasSizeGreaterThanOrEqualTo(CRS);
    } finally {
      if (subscriptions != null) {
        subscriptions.dispose();
      }
      if (runtime != null) {
        runtime.close();
      }
      broker.close();
      BlockingCalls.print();
    }
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.ReconcileResult;
import io.orkestra.notify.BrokerOptions;
import io.orkestra.notify.EmbeddedKafka;
import io.orkestra.notify.Notifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Notifier acceptance with the whole runtime: while {@code ork run} reconciles 500 custom resources
 * on the in-process API server, the Kafka broker is killed with SIGKILL and restarted 10 s later on
 * the same port and data. The runtime keeps running and every custom resource ends with a
 * succeeded event on the topic. Uses its own broker, because it kills it.
 */
class BrokerKillRunIT {

  private static final int CRS = 500;
  private static final ResourceDefinitionContext WEBAPPS = new ResourceDefinitionContext.Builder()
      .withGroup("demo.orkestra.io").withVersion("v1").withKind("WebApp").withPlural("webapps")
      .withNamespaced(true).build();

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
      subscriptions = reactor.core.Disposables.composite(
          runtime.results().subscribe(results::add),
          runtime.deliveries().subscribe(deliveries::add));
      for (int i = 0; i < CRS; i++) {
        GenericKubernetesResource cr = new GenericKubernetesResource();
        cr.setApiVersion("demo.orkestra.io/v1");
        cr.setKind("WebApp");
        cr.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("app-" + i).withNamespace("default").build());
        cr.setAdditionalProperty("spec", Map.of("replicas", 1, "greeting", "hello " + i));
        runtime.kubernetesClient().genericKubernetesResources(WEBAPPS).inNamespace("default").resource(cr).create();
      }

      // kill once a fifth of the resources were delivered, while the rest are still reconciling
      await().atMost(Duration.ofMinutes(3)).until(() -> deliveries.stream().filter(DeliveryResult::delivered).count() >= CRS / 5);
      broker.kill().block(Duration.ofSeconds(30));
      long reconciledWhileDown = results.size();
      TimeUnit.SECONDS.sleep(10);
      assertThat(results.size()).as("reconciling goes on while the broker is down").isGreaterThanOrEqualTo((int) reconciledWhileDown);
      broker.restart().block(Duration.ofMinutes(3));

      Set<String> succeeded = ConcurrentHashMap.newKeySet();
      JsonMapper json = JsonMapper.builder().build();
      Map<String, Object> config = Map.of(
          "bootstrap.servers", broker.bootstrapServers(),
          "group.id", "kill-run-" + UUID.randomUUID(),
          "auto.offset.reset", "earliest",
          "enable.auto.commit", "false");
      try (KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (succeeded.size() < CRS && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            JsonNode event = json.readTree(record.value());
            if (event.at("/data/outcome").asText().equals("succeeded")) {
              succeeded.add(event.at("/data/name").asText());
            }
          }
        }
      }
      assertThat(succeeded).hasSize(CRS);
      // the runtime survived: it still answers and every resource was reconciled
      assertThat(results).extracting(r -> r.event().key().name()).hasSizeGreaterThanOrEqualTo(CRS);
    } finally {
      if (subscriptions != null) {
        subscriptions.dispose();
      }
      if (runtime != null) {
        runtime.close();
      }
      broker.close();
    }
  }
}

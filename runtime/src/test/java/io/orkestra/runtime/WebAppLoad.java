package io.orkestra.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Many quickstart WebApps for the kill tests, and what the event topic says about them. */
final class WebAppLoad {

  static final ResourceDefinitionContext WEBAPPS = new ResourceDefinitionContext.Builder()
      .withGroup("demo.orkestra.io").withVersion("v1").withKind("WebApp").withPlural("webapps")
      .withNamespaced(true).build();

  private WebAppLoad() {}

  /**
   * Creates {@code app-0} … {@code app-(n-1)} in {@code default}. fabric8's mock API server can
   * answer slowly while a runtime reconciles (a POST then times out on the client side although the
   * object may be stored): each create is retried, and "already exists" counts as created.
   */
  static void create(KubernetesClient client, int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      GenericKubernetesResource cr = new GenericKubernetesResource();
      cr.setApiVersion("demo.orkestra.io/v1");
      cr.setKind("WebApp");
      cr.setMetadata(new ObjectMetaBuilder().withName("app-" + i).withNamespace("default").build());
      cr.setAdditionalProperty("spec", Map.of("replicas", 1, "greeting", "hello " + i));
      for (int attempt = 1; ; attempt++) {
        try {
          client.genericKubernetesResources(WEBAPPS).inNamespace("default").resource(cr).create();
          break;
        } catch (KubernetesClientException e) {
          if (e.getCode() == 409) {
            break;
          }
          if (attempt == 5) {
            throw e;
          }
          TimeUnit.MILLISECONDS.sleep(500L * attempt);
        }
      }
    }
  }

  /** Reads a topic from its beginning, collecting the names of WebApps with a succeeded event. */
  static final class Succeeded implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    /** name → sources (runtime names) that published a succeeded event for it. */
    private final Map<String, Set<String>> sources = new ConcurrentHashMap<>();

    Succeeded(String bootstrapServers, String topic) {
      Map<String, Object> config = Map.of(
          "bootstrap.servers", bootstrapServers,
          "group.id", "kill-test-" + UUID.randomUUID(),
          "auto.offset.reset", "earliest",
          "enable.auto.commit", "false");
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds or {@code limit} passed; returns whether {@code done} held. */
    boolean pollUntil(BooleanSupplier done, Duration limit) throws java.io.IOException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (!done.getAsBoolean() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode event = json.readTree(record.value());
          String name = event.at("/data/name").asText();
          if (name.startsWith("app-") && event.at("/data/outcome").asText().equals("succeeded")) {
            sources.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(event.at("/source").asText());
          }
        }
      }
      return done.getAsBoolean();
    }

    /** Names with a succeeded event. */
    Set<String> names() {
      return sources.keySet();
    }

    /** Names with a succeeded event whose CloudEvent source contains {@code runtimeName}. */
    long countFrom(String runtimeName) {
      return sources.values().stream()
          .filter(s -> s.stream().anyMatch(src -> src.contains("/" + runtimeName + "/")))
          .count();
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}

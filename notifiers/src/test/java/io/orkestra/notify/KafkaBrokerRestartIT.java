package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The broker-restart acceptance of the notifier issue: 10,000 events are published while the
 * broker is killed with SIGKILL, kept down for 5 s and restarted on the same port and data. Every
 * event id reaches the topic, per-key order holds, and duplicates (if any) carry the same id. Uses
 * its own broker, not the shared {@link TestKafka} one, because it kills it.
 */
class KafkaBrokerRestartIT {

  /** Resources and events per resource; 100 x 100 = the acceptance's 10,000 events. */
  private static final int NAMES = Integer.getInteger("restart.names", 100);

  private static final int GENERATIONS = Integer.getInteger("restart.generations", 100);
  private static final int TOTAL = NAMES * GENERATIONS;

  private static EmbeddedKafka broker;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    broker = Notifiers.startEmbeddedBroker(BrokerOptions.defaults().withPartitions(3))
        .block(Duration.ofMinutes(11));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    broker.close();
  }

  @Test
  void deliversEveryEventAcrossABrokerKillAndRestartInOrderPerKey() throws Exception {
    String topic = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    List<ReconcileEvent> events = new ArrayList<>();
    for (int generation = 1; generation <= GENERATIONS; generation++) {
      for (int n = 0; n < NAMES; n++) {
        events.add(Events.event("app-" + n, generation, Outcome.SUCCEEDED));
      }
    }
    KafkaNotifier notifier = Notifiers.kafka(vertx, KafkaSinkOptions.defaults()
        .withBootstrapServers(broker.bootstrapServers())
        .withTopic(topic)
        .withDeliveryTimeout(Duration.ofMinutes(3)));
    AtomicInteger delivered = new AtomicInteger();
    CompletableFuture<Long> downMillis = new CompletableFuture<>();
    List<DeliveryResult> results;
    try {
      results = notifier.publish(Flux.fromIterable(events)
              // a steady offer rate, so that the outage falls in the middle of the run
              .delayElements(Duration.ofMillis(1), Schedulers.parallel())
              .doOnNext(e -> {
                if (e == events.get(TOTAL / 5)) {
                  // kill, stay down 5 s, restart: on boundedElastic, the pipeline keeps offering
                  long killedAt = System.nanoTime();
                  broker.kill()
                      .then(reactor.core.publisher.Mono.delay(Duration.ofSeconds(5), Schedulers.boundedElastic()))
                      .then(broker.restart())
                      .subscribe(
                          v -> { },
                          downMillis::completeExceptionally,
                          () -> downMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt)));
                }
              }))
          .doOnNext(r -> delivered.incrementAndGet())
          .collectList()
          .block(Duration.ofMinutes(6));
    } finally {
      notifier.close();
    }

    assertThat(downMillis.get(1, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(5_000);
    assertThat(results).hasSize(TOTAL);
    List<String> failures = results.stream().filter(r -> !r.delivered())
        .map(r -> r.event().id() + ": " + r.failure()).limit(5).toList();
    assertThat(failures).as("first failed deliveries").isEmpty();

    Map<String, List<Long>> generationsByKey = new LinkedHashMap<>();
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Object> config = Map.of(
        "bootstrap.servers", broker.bootstrapServers(),
        "group.id", "restart-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (ids.size() < TOTAL && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          JsonNode json = Events.JSON.readTree(record.value());
          String id = json.get("id").asText();
          // a duplicate carries an id already seen: it must not move the key's sequence back
          if (ids.add(id)) {
            generationsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                .add(json.at("/data/generation").asLong());
          }
        }
      }
    }

    assertThat(ids.size()).as("distinct event ids on the topic").isEqualTo(TOTAL);
    assertThat(generationsByKey).hasSize(NAMES);
    List<Long> expected = new ArrayList<>();
    for (long g = 1; g <= GENERATIONS; g++) {
      expected.add(g);
    }
    assertThat(generationsByKey.values()).allSatisfy(gens -> assertThat(gens).containsExactlyElementsOf(expected));
  }
}

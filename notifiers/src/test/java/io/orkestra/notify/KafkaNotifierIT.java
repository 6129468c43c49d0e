package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The Kafka notifier against a real Kafka 4.1.1 broker in a child JVM ({@link TestKafka}). */
class KafkaNotifierIT {

  private static final Duration VERIFY = Duration.ofSeconds(60);
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    TestKafka.broker();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static KafkaSinkOptions sink(String topic) {
    return KafkaSinkOptions.defaults()
        .withBootstrapServers(TestKafka.bootstrapServers())
        .withTopic(topic)
        .withDeliveryTimeout(Duration.ofSeconds(30));
  }

  @Test
  void publishesKeyedCloudEventReadBackFromBroker() throws Exception {
    String topic = TestKafka.createTopic("publish", 3);
    List<ReconcileEvent> events =
        List.of(
            Events.event("frontend", 1, Outcome.SUCCEEDED),
            Events.event("backend", 1, Outcome.FAILED),
            Events.event("frontend", 2, Outcome.SUCCEEDED),
            Events.event("db", 7, Outcome.DELETED));
    KafkaNotifier notifier = Notifiers.kafka(vertx, sink(topic));
    try {
      StepVerifier.create(notifier.publish(Flux.fromIterable(events)))
          .recordWith(ArrayList::new)
          .expectNextCount(events.size())
          .consumeRecordedWith(
              results ->
                  assertThat(results)
                      .allSatisfy(
                          r -> assertThat(r.delivered()).as("delivered: %s", r.failure()).isTrue())
                      .extracting(DeliveryResult::sink)
                      .containsOnly("kafka:" + topic))
          .expectComplete()
          .verify(VERIFY);
    } finally {
      notifier.close();
    }

    List<ConsumerRecord<String, byte[]>> records = readAll(topic, events.size());

    assertThat(records).hasSize(events.size());
    Map<String, ReconcileEvent> byId =
        events.stream().collect(Collectors.toMap(ReconcileEvent::id, e -> e));
    for (ConsumerRecord<String, byte[]> record : records) {
      JsonNode json = Events.JSON.readTree(record.value());
      ReconcileEvent event = byId.get(json.get("id").asText());
      assertThat(event).as("event for record %s", record).isNotNull();
      assertThat(record.key())
          .isEqualTo(event.key().eventKey())
          .startsWith("demo.orkestra.io/WebApp/shop/");
      Header contentType = record.headers().lastHeader("content-type");
      assertThat(new String(contentType.value(), StandardCharsets.UTF_8))
          .isEqualTo("application/cloudevents+json");
      assertThat(json.get("specversion").asText()).isEqualTo("1.0");
      assertThat(json.get("source").asText()).isEqualTo("/orkestra/ork-test/webapps");
      assertThat(json.get("type").asText())
          .isEqualTo("io.orkestra.reconcile.v1." + event.outcome().wireName());
      assertThat(json.get("subject").asText()).isEqualTo("shop/" + event.key().name());
      assertThat(json.at("/data/kind").asText()).isEqualTo("WebApp");
      assertThat(json.at("/data/name").asText()).isEqualTo(event.key().name());
      assertThat(json.at("/data/outcome").asText()).isEqualTo(event.outcome().wireName());
      assertThat(json.at("/data/actions").size()).isEqualTo(event.actions().size());
      assertThat(record.value()).isEqualTo(Notifiers.cloudEventJson(event));
    }

    StepVerifier.create(
            Notifiers.tail(
                vertx,
                TailOptions.defaults()
                    .withBootstrapServers(TestKafka.bootstrapServers())
                    .withTopic(topic)
                    .withFromBeginning(true)
                    .withMaxCount(events.size())))
        .recordWith(ArrayList::new)
        .expectNextCount(events.size())
        .consumeRecordedWith(
            tailed ->
                assertThat(tailed)
                    .allSatisfy(
                        t -> assertThat(t.key()).isEqualTo(byId.get(t.id()).key().eventKey()))
                    .extracting(TailedEvent::id)
                    .containsExactlyInAnyOrderElementsOf(byId.keySet()))
        .expectComplete()
        .verify(VERIFY);
  }

  @Test
  void keepsOrderPerKeyAcrossPartitions() throws Exception {
    String topic = TestKafka.createTopic("order", 3);
    List<ReconcileEvent> events = new ArrayList<>();
    for (int generation = 1; generation <= 25; generation++) {
      for (String name : List.of("alpha", "bravo", "charlie", "delta")) {
        events.add(Events.event(name, generation, Outcome.SUCCEEDED));
      }
    }
    KafkaNotifier notifier = Notifiers.kafka(vertx, sink(topic).withMaxInFlight(64));
    try {
      StepVerifier.create(
              notifier.publish(Flux.fromIterable(events)).filter(DeliveryResult::delivered))
          .expectNextCount(events.size())
          .expectComplete()
          .verify(VERIFY);
    } finally {
      notifier.close();
    }

    Map<String, List<Long>> generationsByKey = new LinkedHashMap<>();
    Map<String, Integer> partitionByKey = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : readAll(topic, events.size())) {
      long generation = Events.JSON.readTree(record.value()).at("/data/generation").asLong();
      generationsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(generation);
      assertThat(partitionByKey.computeIfAbsent(record.key(), k -> record.partition()))
          .as("one partition per key")
          .isEqualTo(record.partition());
    }

    List<Long> expected = new ArrayList<>();
    for (long g = 1; g <= 25; g++) {
      expected.add(g);
    }
    assertThat(generationsByKey).hasSize(4);
    assertThat(generationsByKey.values())
        .allSatisfy(generations -> assertThat(generations).isEqualTo(expected));
  }

  @Test
  void requestsOneEventAtATimeWithMaxInFlightOne() throws Exception {
    String topic = TestKafka.createTopic("one-at-a-time", 1);
    List<Long> requests = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger unacknowledged = new AtomicInteger();
    AtomicInteger mostUnacknowledged = new AtomicInteger();
    Flux<ReconcileEvent> source =
        Flux.range(1, 6)
            .map(g -> Events.event("solo", g, Outcome.SUCCEEDED))
            .doOnRequest(requests::add)
            .doOnNext(
                e ->
                    mostUnacknowledged.accumulateAndGet(
                        unacknowledged.incrementAndGet(), Math::max));
    KafkaNotifier notifier = Notifiers.kafka(vertx, sink(topic).withMaxInFlight(1));
    try {
      StepVerifier.create(
              notifier.publish(source).doOnNext(r -> unacknowledged.decrementAndGet()), 0)
          .expectSubscription()
          .thenRequest(1)
          .assertNext(r -> assertThat(r.delivered()).isTrue())
          .thenRequest(Long.MAX_VALUE)
          .expectNextCount(5)
          .expectComplete()
          .verify(VERIFY);
    } finally {
      notifier.close();
    }

    assertThat(requests)
        .as("every request to upstream asks for exactly one event")
        .isNotEmpty()
        .containsOnly(1L);
    assertThat(requests).hasSizeGreaterThanOrEqualTo(6);
    assertThat(mostUnacknowledged).as("never two events in flight").hasValue(1);
  }

  @Test
  void reportsFailedDeliveryWithinTimeoutWhenBrokerIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Duration deliveryTimeout = Duration.ofSeconds(1);
    KafkaNotifier notifier =
        Notifiers.kafka(
            vertx,
            KafkaSinkOptions.defaults()
                .withBootstrapServers("127.0.0.1:" + closedPort)
                .withTopic("nowhere")
                .withMaxInFlight(4)
                .withDeliveryTimeout(deliveryTimeout));
    long start = System.nanoTime();
    try {
      StepVerifier.create(
              notifier.publish(
                  Flux.range(1, 3).map(g -> Events.event("lost", g, Outcome.SUCCEEDED))))
          .recordWith(ArrayList::new)
          .expectNextCount(3)
          .consumeRecordedWith(
              results ->
                  assertThat(results)
                      .allSatisfy(
                          r -> {
                            assertThat(r.delivered()).isFalse();
                            assertThat(r.failure().getClass().getSimpleName())
                                .isEqualTo("TimeoutException");
                          }))
          .expectComplete()
          .verify(Duration.ofSeconds(20));
    } finally {
      notifier.close();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // delivery timeout + the notifier's grace (1 s) + producer creation, with room for a slow CI
    assertThat(elapsed).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void binaryModeWritesCeHeadersAndDataValueWithGzipCompression() throws Exception {
    String topic = TestKafka.createTopic("binary", 1);
    ReconcileEvent event = Events.event("binary", 4, Outcome.FAILED);
    KafkaNotifier notifier =
        Notifiers.kafka(
            vertx, sink(topic).withMode(CloudEventMode.BINARY).withCompression("gzip"));
    try {
      StepVerifier.create(notifier.publish(Flux.just(event)))
          .assertNext(r -> assertThat(r.delivered()).as("delivered: %s", r.failure()).isTrue())
          .expectComplete()
          .verify(VERIFY);
    } finally {
      notifier.close();
    }

    List<ConsumerRecord<String, byte[]>> records = readAll(topic, 1);
    assertThat(records).hasSize(1);
    ConsumerRecord<String, byte[]> record = records.get(0);
    assertThat(record.key()).isEqualTo(event.key().eventKey());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    assertThat(headers)
        .containsEntry("content-type", "application/json")
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", event.id())
        .containsEntry("ce_source", "/orkestra/ork-test/webapps")
        .containsEntry("ce_type", "io.orkestra.reconcile.v1.failed")
        .containsEntry("ce_subject", "shop/binary")
        .containsEntry("ce_time", "2026-11-25T10:15:34Z");
    JsonNode data = Events.JSON.readTree(record.value());
    assertThat(data.get("outcome").asText()).isEqualTo("failed");
    assertThat(data.get("generation").asLong()).isEqualTo(4);
    assertThat(data.has("specversion")).isFalse();
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            TestKafka.bootstrapServers(),
            "group.id",
            "it-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest",
            "enable.auto.commit",
            "false");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}

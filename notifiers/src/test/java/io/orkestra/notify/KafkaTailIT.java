package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** {@link Notifiers#tail} against a real Kafka 4.1.1 broker in a child JVM ({@link TestKafka}). */
class KafkaTailIT {

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

  private static TailOptions tail(String topic) {
    return TailOptions.defaults()
        .withBootstrapServers(TestKafka.bootstrapServers())
        .withTopic(topic);
  }

  private static void publish(String topic, List<ReconcileEvent> events) {
    KafkaNotifier notifier =
        Notifiers.kafka(
            vertx,
            KafkaSinkOptions.defaults()
                .withBootstrapServers(TestKafka.bootstrapServers())
                .withTopic(topic));
    try {
      List<DeliveryResult> results =
          notifier.publish(Flux.fromIterable(events)).collectList().block(VERIFY);
      assertThat(results).hasSize(events.size()).allMatch(DeliveryResult::delivered);
    } finally {
      notifier.close();
    }
  }

  @Test
  void tailsPublishedEventsWithParsedFields() throws Exception {
    String topic = TestKafka.createTopic("tail", 1);
    List<ReconcileEvent> events =
        List.of(
            Events.event("frontend", 1, Outcome.SUCCEEDED),
            Events.event("frontend", 2, Outcome.FAILED),
            Events.event("frontend", 3, Outcome.DELETED));
    publish(topic, events);

    StepVerifier.create(Notifiers.tail(vertx, tail(topic).withFromBeginning(true).withMaxCount(3)))
        .assertNext(t -> assertTailed(t, events.get(0), 0))
        .assertNext(t -> assertTailed(t, events.get(1), 1))
        .assertNext(t -> assertTailed(t, events.get(2), 2))
        .expectComplete()
        .verify(VERIFY);
  }

  private static void assertTailed(TailedEvent tailed, ReconcileEvent event, long offset) {
    assertThat(tailed.isCloudEvent()).isTrue();
    assertThat(tailed.partition()).isZero();
    assertThat(tailed.offset()).isEqualTo(offset);
    assertThat(tailed.key()).isEqualTo(event.key().eventKey());
    assertThat(tailed.json()).isEqualTo(Notifiers.cloudEventJsonString(event));
    assertThat(tailed.id()).isEqualTo(event.id());
    assertThat(tailed.type()).isEqualTo(event.type());
    assertThat(tailed.source()).isEqualTo(event.source());
    assertThat(tailed.subject()).isEqualTo("shop/frontend");
    assertThat(tailed.time()).isEqualTo(event.time());
    assertThat(tailed.data().get("outcome").asText()).isEqualTo(event.outcome().wireName());
    assertThat(tailed.data().get("generation").asLong()).isEqualTo(event.generation());
  }

  @Test
  void deliversOnlyAsManyRecordsAsRequested() throws Exception {
    String topic = TestKafka.createTopic("tail-demand", 1);
    publish(
        topic,
        List.of(
            Events.event("a", 1, Outcome.SUCCEEDED), Events.event("a", 2, Outcome.SUCCEEDED),
            Events.event("a", 3, Outcome.SUCCEEDED), Events.event("a", 4, Outcome.SUCCEEDED),
            Events.event("a", 5, Outcome.SUCCEEDED), Events.event("a", 6, Outcome.SUCCEEDED)));

    StepVerifier.create(Notifiers.tail(vertx, tail(topic).withFromBeginning(true)), 0)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(300))
        .thenRequest(2)
        .assertNext(t -> assertThat(t.offset()).isZero())
        .assertNext(t -> assertThat(t.offset()).isEqualTo(1))
        .expectNoEvent(Duration.ofMillis(700))
        .thenRequest(3)
        .expectNextCount(3)
        .expectNoEvent(Duration.ofMillis(300))
        .thenCancel()
        .verify(VERIFY);
  }

  @Test
  void emitsForeignRecordsWithoutCloudEventAttributes() throws Exception {
    String topic = TestKafka.createTopic("tail-foreign", 1);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(new ProducerRecord<>(topic, "k", "plain text, not a CloudEvent"))
          .get(30, TimeUnit.SECONDS);
    }

    StepVerifier.create(Notifiers.tail(vertx, tail(topic).withFromBeginning(true).withMaxCount(1)))
        .assertNext(
            t -> {
              assertThat(t.isCloudEvent()).isFalse();
              assertThat(t.key()).isEqualTo("k");
              assertThat(t.json()).isEqualTo("plain text, not a CloudEvent");
              assertThat(t.data().isMissingNode()).isTrue();
            })
        .expectComplete()
        .verify(VERIFY);
  }

  @Test
  void cancellingTheTailClosesItsConsumer() throws Exception {
    String topic = TestKafka.createTopic("tail-cancel", 1);
    publish(topic, List.of(Events.event("a", 1, Outcome.SUCCEEDED)));
    String group = "tail-cancel-" + UUID.randomUUID();

    StepVerifier.create(
            Notifiers.tail(vertx, tail(topic).withGroupId(group).withFromBeginning(true)))
        .assertNext(t -> assertThat(t.id()).isEqualTo("a-uid-1-succeeded"))
        .then(() -> assertThat(members(group)).isEqualTo(1))
        .thenCancel()
        .verify(VERIFY);

    await().atMost(Duration.ofSeconds(20)).until(() -> members(group) == 0);
  }

  private static int members(String group) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(10, TimeUnit.SECONDS)
          .get(group)
          .members()
          .size();
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe group " + group, e);
    }
  }
}

package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.KafkaSinkOptions;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * Corners a broker cannot provoke on demand, driven through a Kafka {@link MockProducer} wrapped by
 * the real Vert.x producer: acknowledgements happen exactly when the test says so.
 */
class VertxKafkaNotifierTest {

  private static final Duration VERIFY = Duration.ofSeconds(10);
  private static Vertx vertx;

  private MockProducer<String, byte[]> mock;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void newMock() {
    mock = new MockProducer<>(false, new StringSerializer(), new ByteArraySerializer());
  }

  private VertxKafkaNotifier notifier(int maxInFlight) {
    KafkaSinkOptions options =
        KafkaSinkOptions.defaults()
            .withTopic("events")
            .withMaxInFlight(maxInFlight)
            .withDeliveryTimeout(Duration.ofSeconds(5));
    return new VertxKafkaNotifier(options, () -> KafkaProducer.create(vertx, mock));
  }

  private void awaitSends(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> mock.history().size() >= count);
  }

  @Test
  void requestsNextEventOnlyAfterAcknowledgementWithMaxInFlightOne() {
    VertxKafkaNotifier notifier = notifier(1);
    TestPublisher<ReconcileEvent> events = TestPublisher.create();
    ReconcileEvent first = SampleEvents.event("a", 1);
    ReconcileEvent second = SampleEvents.event("a", 2);

    StepVerifier.create(notifier.publish(events))
        .then(() -> await().atMost(Duration.ofSeconds(5)).until(events::wasSubscribed))
        .then(() -> events.assertMinRequested(1).assertMaxRequested(1).next(first))
        .then(() -> awaitSends(1))
        .then(() -> events.assertMaxRequested(0))
        .then(() -> mock.completeNext())
        .assertNext(r -> assertThat(r.event()).isEqualTo(first))
        // flatMap asks for the next event right after handing the result downstream
        .then(() -> await().atMost(Duration.ofSeconds(5)).until(() -> requested(events)))
        .then(() -> events.assertMaxRequested(1).next(second).complete())
        .then(() -> awaitSends(2))
        .then(() -> mock.completeNext())
        .assertNext(r -> assertThat(r.event()).isEqualTo(second))
        .expectComplete()
        .verify(VERIFY);
  }

  @Test
  void acknowledgedButUnconsumedResultsStillCountAgainstMaxInFlight() {
    VertxKafkaNotifier notifier = notifier(2);
    TestPublisher<ReconcileEvent> events = TestPublisher.create();

    StepVerifier.create(notifier.publish(events), 0)
        .then(() -> await().atMost(Duration.ofSeconds(5)).until(events::wasSubscribed))
        .then(
            () ->
                events
                    .assertMaxRequested(2)
                    .next(SampleEvents.event("a", 1), SampleEvents.event("b", 1)))
        .then(() -> awaitSends(2))
        .then(
            () -> {
              mock.completeNext();
              mock.completeNext();
            })
        .thenAwait(Duration.ofMillis(200))
        .then(() -> events.assertMaxRequested(0))
        .thenRequest(2)
        .expectNextCount(2)
        .then(() -> await().atMost(Duration.ofSeconds(5)).until(() -> requested(events)))
        .then(events::complete)
        .expectComplete()
        .verify(VERIFY);
  }

  private static boolean requested(TestPublisher<?> publisher) {
    try {
      publisher.assertMinRequested(1);
      return true;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  @Test
  void upstreamErrorComesAfterTheResultsOfSendsInFlight() {
    VertxKafkaNotifier notifier = notifier(4);
    TestPublisher<ReconcileEvent> events = TestPublisher.create();
    ReconcileEvent event = SampleEvents.event("a", 1);

    StepVerifier.create(notifier.publish(events))
        .then(() -> await().atMost(Duration.ofSeconds(5)).until(events::wasSubscribed))
        .then(() -> events.next(event).error(new IllegalStateException("watch lost")))
        .then(() -> awaitSends(1))
        .then(() -> mock.completeNext())
        .assertNext(r -> assertThat(r.delivered()).isTrue())
        .expectErrorMessage("watch lost")
        .verify(VERIFY);
  }

  @Test
  void writesKeyCloudEventValueAndContentTypeHeader() {
    VertxKafkaNotifier notifier = notifier(4);
    ReconcileEvent event = SampleEvents.event("frontend", 3);

    StepVerifier.create(notifier.publish(Flux.just(event)))
        .then(() -> awaitSends(1))
        .then(() -> mock.completeNext())
        .assertNext(
            r -> {
              assertThat(r.delivered()).isTrue();
              assertThat(r.sink()).isEqualTo("kafka:events");
            })
        .expectComplete()
        .verify(VERIFY);

    ProducerRecord<String, byte[]> record = mock.history().get(0);
    assertThat(record.topic()).isEqualTo("events");
    assertThat(record.key()).isEqualTo("demo.orkestra.io/WebApp/shop/frontend");
    assertThat(record.value()).isEqualTo(CloudEventCodec.toJson(event));
    assertThat(
            new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
        .isEqualTo("application/cloudevents+json");
  }

  @Test
  void reportsRejectedSendAsFailedResultNotError() {
    VertxKafkaNotifier notifier = notifier(4);
    ReconcileEvent event = SampleEvents.event("a", 1);

    StepVerifier.create(notifier.publish(Flux.just(event)))
        .then(() -> awaitSends(1))
        .then(() -> mock.errorNext(new IllegalStateException("broker said no")))
        .assertNext(
            r -> {
              assertThat(r.delivered()).isFalse();
              assertThat(r.event()).isEqualTo(event);
              assertThat(r.failure()).hasMessage("broker said no");
            })
        .expectComplete()
        .verify(VERIFY);
  }

  @Test
  void reportsEventThatCannotBeEncodedAsFailedResultWithoutSending() {
    VertxKafkaNotifier notifier = notifier(4);
    ReconcileEvent bad = SampleEvents.event("bad runtime", "a", 1);

    StepVerifier.create(notifier.publish(Flux.just(bad)))
        .assertNext(r -> assertThat(r.failure()).isInstanceOf(OrkestraException.class))
        .expectComplete()
        .verify(VERIFY);
    assertThat(mock.history()).isEmpty();
  }

  @Test
  void failsTheStreamWhenTheProducerCannotBeCreated() {
    VertxKafkaNotifier notifier =
        new VertxKafkaNotifier(
            KafkaSinkOptions.defaults(),
            () -> {
              throw new IllegalArgumentException("No resolvable bootstrap urls");
            });

    StepVerifier.create(notifier.publish(Flux.just(SampleEvents.event("a", 1))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining(
                        "cannot create the Kafka producer for kafka:orkestra.reconcile")
                    .hasMessageContaining("No resolvable bootstrap urls"))
        .verify(VERIFY);
  }

  @Test
  void triesAgainToCreateTheProducerAfterAFailedAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    VertxKafkaNotifier notifier =
        new VertxKafkaNotifier(
            KafkaSinkOptions.defaults(),
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalArgumentException("No resolvable bootstrap urls");
              }
              return KafkaProducer.create(vertx, mock);
            });

    StepVerifier.create(notifier.publish(Flux.empty()))
        .expectError(OrkestraException.class)
        .verify(VERIFY);
    StepVerifier.create(notifier.publish(Flux.empty())).expectComplete().verify(VERIFY);

    assertThat(attempts).hasValue(2);
  }

  @Test
  void createsTheProducerOnceOnFirstPublish() {
    AtomicInteger created = new AtomicInteger();
    VertxKafkaNotifier notifier =
        new VertxKafkaNotifier(
            KafkaSinkOptions.defaults(),
            () -> {
              created.incrementAndGet();
              return KafkaProducer.create(vertx, mock);
            });
    assertThat(created).hasValue(0);

    StepVerifier.create(notifier.publish(Flux.empty())).expectComplete().verify(VERIFY);
    StepVerifier.create(notifier.publish(Flux.empty())).expectComplete().verify(VERIFY);

    assertThat(created).hasValue(1);
  }

  @Test
  void stopClosesTheProducerAndLaterPublishesFail() {
    VertxKafkaNotifier notifier = notifier(4);
    StepVerifier.create(notifier.publish(Flux.empty())).expectComplete().verify(VERIFY);

    StepVerifier.create(notifier.stop()).expectComplete().verify(VERIFY);
    StepVerifier.create(notifier.stop()).expectComplete().verify(VERIFY);

    assertThat(mock.closed()).isTrue();
    StepVerifier.create(notifier.publish(Flux.just(SampleEvents.event("a", 1))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("is stopped"))
        .verify(VERIFY);
  }

  @Test
  void stopWithoutPublishCreatesNoProducer() {
    AtomicInteger created = new AtomicInteger();
    VertxKafkaNotifier notifier =
        new VertxKafkaNotifier(
            KafkaSinkOptions.defaults(),
            () -> {
              created.incrementAndGet();
              return KafkaProducer.create(vertx, mock);
            });

    notifier.close();

    assertThat(created).hasValue(0);
  }

  @Test
  void configuresIdempotentProducerWithAcksAllAndDerivedTimeouts() {
    Map<String, String> config =
        VertxKafkaNotifier.producerConfig(
            KafkaSinkOptions.defaults()
                .withBootstrapServers("b:1")
                .withDeliveryTimeout(Duration.ofSeconds(3))
                .withProducerProperty("linger.ms", "10"));

    assertThat(config)
        .containsEntry("bootstrap.servers", "b:1")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", "5")
        .containsEntry("delivery.timeout.ms", "3000")
        .containsEntry("max.block.ms", "3000")
        .containsEntry("request.timeout.ms", "2990")
        .containsEntry("linger.ms", "10")
        .doesNotContainKeys("key.serializer", "value.serializer");
  }

  @Test
  void keepsKafkasThirtySecondRequestTimeoutForLongDeliveryTimeouts() {
    Map<String, String> config = VertxKafkaNotifier.producerConfig(KafkaSinkOptions.defaults());

    assertThat(config)
        .containsEntry("request.timeout.ms", "30000")
        .containsEntry("delivery.timeout.ms", "120000");
  }

  @Test
  void nullPublisherIsRejectedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifier(1).publish(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("events");
  }

  @Test
  void everyResultCarriesItsEvent() {
    VertxKafkaNotifier notifier = notifier(8);
    Flux<ReconcileEvent> events = Flux.range(1, 5).map(i -> SampleEvents.event("k" + i, i));

    StepVerifier.create(
            notifier
                .publish(events)
                .map(DeliveryResult::event)
                .map(ReconcileEvent::id)
                .collectList())
        .then(() -> awaitSends(5))
        .then(
            () -> {
              while (mock.completeNext()) {
                // acknowledge all
              }
            })
        .assertNext(
            ids ->
                assertThat(ids).containsExactlyInAnyOrder("k1-1", "k2-2", "k3-3", "k4-4", "k5-5"))
        .expectComplete()
        .verify(VERIFY);
  }
}

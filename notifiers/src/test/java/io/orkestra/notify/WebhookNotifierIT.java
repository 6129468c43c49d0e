package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The webhook notifier against an in-process Vert.x HTTP endpoint ({@link TestEndpoint}). */
class WebhookNotifierIT {

  private static final Duration VERIFY = Duration.ofSeconds(30);
  private static final String SECRET = "s3cr3t-hmac-key-do-not-log";
  private static Vertx vertx;

  private TestEndpoint endpoint;
  private WebhookNotifier notifier;

  @BeforeAll
  static void startVertx() throws Exception {
    vertx = Vertx.vertx();
    // the first request of a JVM loads (and BlockHound instruments) the HTTP stack: keep that
    // time out of the tests' timeouts
    try (TestEndpoint warmUp = new TestEndpoint(vertx).start();
        WebhookNotifier n = Notifiers.webhook(vertx, WebhookOptions.to(warmUp.url()))) {
      n.publish(Flux.just(Events.event("warm-up", 1, Outcome.SUCCEEDED))).blockLast(VERIFY);
    }
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void startEndpoint() throws Exception {
    endpoint = new TestEndpoint(vertx).start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (notifier != null) {
      notifier.close();
    }
    endpoint.close();
  }

  private WebhookOptions fast() {
    return WebhookOptions.to(endpoint.url())
        .withCallTimeout(Duration.ofSeconds(15))
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
  }

  private static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void postsStructuredCloudEventSignedWithHmacOfRawBody() throws Exception {
    notifier = Notifiers.webhook(vertx, fast().withSecret(SECRET));
    ReconcileEvent event = Events.event("frontend", 3, Outcome.SUCCEEDED);

    StepVerifier.create(notifier.publish(Flux.just(event)))
        .assertNext(
            r -> {
              assertThat(r.delivered()).as("delivered: %s", r.failure()).isTrue();
              assertThat(r.event()).isEqualTo(event);
              assertThat(r.sink()).isEqualTo("webhook:" + endpoint.url());
            })
        .expectComplete()
        .verify(VERIFY);

    // at least once: under heavy load the first answer can miss the short test timeout and the
    // request is retried; a retry carries the same body and signature
    assertThat(endpoint.accepted()).hasSizeBetween(1, 2);
    TestEndpoint.Received request = endpoint.accepted().get(0);
    assertThat(endpoint.accepted()).allSatisfy(r -> {
      assertThat(r.body()).isEqualTo(request.body());
      assertThat(r.header("X-Orkestra-Signature")).isEqualTo(request.header("X-Orkestra-Signature"));
    });
    assertThat(request.body()).isEqualTo(Notifiers.cloudEventJson(event));
    assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
    assertThat(request.header("X-Orkestra-Signature"))
        .isEqualTo(hmac(SECRET, request.body()))
        .matches("sha256=[0-9a-f]{64}")
        .isEqualTo(Notifiers.webhookSignature(SECRET, request.body()));
    assertThat(request.header("X-Orkestra-Signature"))
        .as("a different secret gives a different signature")
        .isNotEqualTo(hmac(SECRET + "x", request.body()));
  }

  @Test
  void binaryModeSendsCeHeadersAndDataAsBody() throws Exception {
    notifier = Notifiers.webhook(vertx, fast().withMode(CloudEventMode.BINARY));
    ReconcileEvent event = Events.event("backend", 2, Outcome.FAILED);

    StepVerifier.create(notifier.publish(Flux.just(event)))
        .assertNext(r -> assertThat(r.delivered()).isTrue())
        .expectComplete()
        .verify(VERIFY);

    TestEndpoint.Received request = endpoint.accepted().get(0);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("ce-specversion")).isEqualTo("1.0");
    assertThat(request.header("ce-id")).isEqualTo(event.id());
    assertThat(request.header("ce-source")).isEqualTo("/orkestra/ork-test/webapps");
    assertThat(request.header("ce-type")).isEqualTo("io.orkestra.reconcile.v1.failed");
    assertThat(request.header("ce-subject")).isEqualTo("shop/backend");
    assertThat(request.header("ce-time")).isEqualTo("2026-11-25T10:15:32Z");
    assertThat(request.header("X-Orkestra-Signature")).as("no secret, no signature").isNull();
    JsonNode data = Events.JSON.readTree(request.body());
    assertThat(data.get("outcome").asText()).isEqualTo("failed");
    assertThat(data.get("name").asText()).isEqualTo("backend");
    assertThat(data.has("specversion")).as("only the data travels in the body").isFalse();
  }

  @Test
  void retriesServerErrorsAndTimeoutsThenDelivers() {
    // 503, a call slower than the timeout, 500, then success
    endpoint.answer(
        n ->
            switch (n) {
              case 0 -> TestEndpoint.Answer.status(503);
              case 1 -> TestEndpoint.Answer.slow(Duration.ofSeconds(4));
              case 2 -> TestEndpoint.Answer.status(500);
              default -> TestEndpoint.Answer.ok();
            });
    notifier =
        Notifiers.webhook(
            vertx, fast().withCallTimeout(Duration.ofMillis(1500)).withMaxAttempts(4));

    StepVerifier.create(notifier.publish(Flux.just(Events.event("retry", 1, Outcome.SUCCEEDED))))
        .assertNext(r -> assertThat(r.delivered()).as("delivered: %s", r.failure()).isTrue())
        .expectComplete()
        .verify(VERIFY);

    assertThat(endpoint.requests()).isEqualTo(4);
  }

  @Test
  void reportsClientErrorWithoutRetrying() {
    endpoint.answer(n -> TestEndpoint.Answer.status(400));
    notifier = Notifiers.webhook(vertx, fast());

    StepVerifier.create(notifier.publish(Flux.just(Events.event("bad", 1, Outcome.SUCCEEDED))))
        .assertNext(
            r -> {
              assertThat(r.delivered()).isFalse();
              assertThat(r.failure()).hasMessageContaining("HTTP 400");
            })
        .expectComplete()
        .verify(VERIFY);

    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(notifier.stats().failed()).isEqualTo(1);
  }

  @Test
  void reportsFailureAfterMaxAttemptsWithoutSpill() {
    endpoint.answer(n -> TestEndpoint.Answer.status(502));
    notifier = Notifiers.webhook(vertx, fast().withMaxAttempts(3));

    StepVerifier.create(notifier.publish(Flux.just(Events.event("gone", 1, Outcome.SUCCEEDED))))
        .assertNext(
            r -> {
              assertThat(r.delivered()).isFalse();
              assertThat(r.failure()).hasMessageContaining("HTTP 502");
            })
        .expectComplete()
        .verify(VERIFY);

    assertThat(endpoint.requests()).isEqualTo(3);
  }

  @Test
  void honoursRetryAfterSecondsOn429() {
    endpoint.answer(
        n ->
            n == 0
                ? new TestEndpoint.Answer(429, Duration.ZERO, "1")
                : TestEndpoint.Answer.ok());
    notifier =
        Notifiers.webhook(
            vertx, fast().withBackoff(Duration.ofMillis(10), Duration.ofSeconds(5)));
    long start = System.nanoTime();

    StepVerifier.create(notifier.publish(Flux.just(Events.event("busy", 1, Outcome.SUCCEEDED))))
        .assertNext(r -> assertThat(r.delivered()).isTrue())
        .expectComplete()
        .verify(VERIFY);

    // 2 requests normally; on a loaded machine a slow answer may time out and be retried once more
    assertThat(endpoint.requests()).isBetween(2, 3);
    assertThat(Duration.ofNanos(endpoint.accepted().get(0).atNanos() - start))
        .as("the retry waited for Retry-After: 1 instead of the 10 ms backoff")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void deliversOnlyEventsPassingTheFilter() throws Exception {
    notifier =
        Notifiers.webhook(
            vertx,
            fast()
                .withFilter(
                    SinkFilter.all().withNamespaces("prod").withOutcomes(Outcome.FAILED)));
    List<ReconcileEvent> events =
        List.of(
            Events.event("prod", "a", 1, Outcome.FAILED),
            Events.event("prod", "b", 1, Outcome.SUCCEEDED),
            Events.event("dev", "c", 1, Outcome.FAILED),
            Events.event("prod", "d", 2, Outcome.FAILED));

    StepVerifier.create(notifier.publish(Flux.fromIterable(events)).map(r -> r.event().id()))
        .recordWith(ArrayList::new)
        .expectNextCount(2)
        .consumeRecordedWith(
            ids -> assertThat(ids).containsExactlyInAnyOrder(events.get(0).id(), events.get(3).id()))
        .expectComplete()
        .verify(VERIFY);

    List<String> received = new ArrayList<>();
    for (TestEndpoint.Received r : endpoint.accepted()) {
      received.add(Events.JSON.readTree(r.body()).get("id").asText());
    }
    assertThat(received).containsExactlyInAnyOrder(events.get(0).id(), events.get(3).id());
  }

  @Test
  void slowEndpointStopsUpstreamDemandAtMaxInFlight() {
    endpoint.answer(n -> TestEndpoint.Answer.slow(Duration.ofMillis(40)));
    notifier = Notifiers.webhook(vertx, fast().withMaxInFlight(4));
    List<Long> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger emitted = new java.util.concurrent.atomic.AtomicInteger();
    Flux<ReconcileEvent> source =
        Flux.range(1, 40)
            .map(i -> Events.event("k" + (i % 10), i, Outcome.SUCCEEDED))
            .doOnRequest(requests::add)
            .doOnNext(e -> emitted.incrementAndGet());

    StepVerifier.create(notifier.publish(source), 0)
        .expectSubscription()
        .then(() -> await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.requests() >= 4))
        .thenAwait(Duration.ofMillis(300))
        .then(
            () -> {
              assertThat(requests.stream().mapToLong(Long::longValue).sum())
                  .as("nothing requested downstream: upstream asked for maxInFlight only")
                  .isEqualTo(4);
              assertThat(emitted).hasValue(4);
            })
        .thenRequest(Long.MAX_VALUE)
        .expectNextCount(40)
        .expectComplete()
        .verify(VERIFY);

    assertThat(endpoint.maxConcurrent()).isLessThanOrEqualTo(4).isGreaterThanOrEqualTo(2);
    assertThat(notifier.stats().maxInFlightSeen()).isLessThanOrEqualTo(4);
    assertThat(notifier.stats().delivered()).isEqualTo(40);
  }

  @Test
  void neverWritesSecretsToLogsErrorsOrToString() throws Exception {
    String urlToken = "tok-9f8e7d-query-secret";
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = System.err;
    List<DeliveryResult> results = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      // a rejecting endpoint (401), a failing one (500 until attempts run out) and a down one
      endpoint.answer(n -> TestEndpoint.Answer.status(n == 0 ? 401 : 500));
      WebhookOptions options =
          fast().withUrl(endpoint.url() + "?token=" + urlToken).withSecret(SECRET).withMaxAttempts(2);
      notifier = Notifiers.webhook(vertx, options);
      results.addAll(
          notifier
              .publish(
                  Flux.just(
                      Events.event("one", 1, Outcome.SUCCEEDED),
                      Events.event("two", 1, Outcome.SUCCEEDED)))
              .collectList()
              .block(VERIFY));
      endpoint.down();
      results.addAll(
          notifier.publish(Flux.just(Events.event("three", 1, Outcome.SUCCEEDED))).collectList()
              .block(VERIFY));
      text.append(options).append('\n').append(notifier).append('\n').append(notifier.sink());
    } finally {
      System.setErr(err);
    }
    assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.delivered()).isFalse());
    for (DeliveryResult r : results) {
      java.io.StringWriter trace = new java.io.StringWriter();
      r.failure().printStackTrace(new java.io.PrintWriter(trace));
      text.append('\n').append(trace);
    }
    text.append('\n').append(log.toString(StandardCharsets.UTF_8));
    assertThat(text.toString())
        .as("something was captured")
        .contains("HTTP 401")
        .contains("HTTP 500")
        .contains("could not be reached")
        .contains("<redacted>")
        .doesNotContain(SECRET)
        .doesNotContain(urlToken);
  }
}

package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.internal.SpillCodec;
import io.orkestra.notify.internal.SpillStore;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The webhook notifier's durable spill: outages, replay order, corruption, bounded size. */
class WebhookSpillIT {

  private static final Duration VERIFY = Duration.ofSeconds(60);
  private static Vertx vertx;

  @TempDir Path spillDir;
  private TestEndpoint endpoint;
  private WebhookNotifier notifier;

  @BeforeAll
  static void startVertx() throws Exception {
    vertx = Vertx.vertx();
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

  private WebhookOptions spilling(SpillOptions spill) {
    return WebhookOptions.to(endpoint.url())
        .withCallTimeout(Duration.ofSeconds(10))
        .withMaxInFlight(4)
        .withMaxAttempts(2)
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
        .withSpill(spill);
  }

  private SpillOptions spill() {
    return SpillOptions.in(spillDir.resolve("hook"))
        .withSegmentBytes(4096)
        .withReplayInterval(Duration.ofMillis(50));
  }

  private static List<ReconcileEvent> events(int keys, int generations) {
    List<ReconcileEvent> events = new ArrayList<>();
    for (int g = 1; g <= generations; g++) {
      for (int k = 0; k < keys; k++) {
        events.add(Events.event("app-" + k, g, Outcome.SUCCEEDED));
      }
    }
    return events;
  }

  private long segmentFiles() throws IOException {
    Path dir = spillDir.resolve("hook");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".spill")).count();
    }
  }

  /** First arrival of every event id at the endpoint, grouped by key, as generations. */
  private Map<String, List<Long>> firstArrivalsByKey() throws IOException {
    Map<String, List<Long>> byKey = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    for (TestEndpoint.Received r : endpoint.accepted()) {
      var json = Events.JSON.readTree(r.body());
      String id = json.get("id").asText();
      if (seen.contains(id)) {
        continue;
      }
      seen.add(id);
      byKey
          .computeIfAbsent(json.at("/data/name").asText(), k -> new ArrayList<>())
          .add(json.at("/data/generation").asLong());
    }
    return byKey;
  }

  @Test
  void deliversEverythingSpilledWhileEndpointWasDownOnceItIsBack() throws Exception {
    List<ReconcileEvent> events = events(5, 12);
    notifier = Notifiers.webhook(vertx, spilling(spill()));
    endpoint.down();
    List<DeliveryResult> results = new CopyOnWriteArrayList<>();
    AtomicBoolean completed = new AtomicBoolean();
    Disposable run =
        notifier
            .publish(Flux.fromIterable(events))
            .subscribe(results::add, e -> {}, () -> completed.set(true));
    try {
      await()
          .atMost(VERIFY)
          .until(() -> notifier.stats().spilled() == events.size());
      assertThat(results).as("nothing is reported delivered while the endpoint is down").isEmpty();
      assertThat(segmentFiles()).isGreaterThanOrEqualTo(2);
      assertThat(notifier.stats().spillBytes()).isPositive();
      assertThat(completed).as("not complete while events wait in the spill").isFalse();

      endpoint.start();

      await().atMost(VERIFY).untilTrue(completed);
    } finally {
      run.dispose();
    }
    assertThat(results).allSatisfy(r -> assertThat(r.delivered()).isTrue());
    assertThat(results.stream().map(r -> r.event().id()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(events.stream().map(ReconcileEvent::id).toList());
    assertThat(segmentFiles()).as("spill files removed after delivery").isZero();
    assertThat(notifier.stats().spillBytes()).isZero();
    assertThat(notifier.stats().replayed()).isEqualTo(events.size());
    List<Long> inOrder = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    assertThat(firstArrivalsByKey())
        .hasSize(5)
        .allSatisfy((key, generations) -> assertThat(generations).isEqualTo(inOrder));
  }

  @Test
  void keepsPerKeyOrderAcrossA503Outage() throws Exception {
    AtomicBoolean down = new AtomicBoolean(false);
    AtomicInteger okBeforeOutage = new AtomicInteger();
    endpoint.answer(
        n -> {
          if (down.get()) {
            return TestEndpoint.Answer.status(503);
          }
          if (okBeforeOutage.incrementAndGet() == 20) {
            down.set(true); // the 20th request succeeds, everything after fails until released
          }
          return TestEndpoint.Answer.ok();
        });
    List<ReconcileEvent> events = events(4, 25);
    notifier = Notifiers.webhook(vertx, spilling(spill()));
    List<DeliveryResult> results = new CopyOnWriteArrayList<>();
    AtomicBoolean completed = new AtomicBoolean();
    Disposable run =
        notifier
            .publish(Flux.fromIterable(events))
            .subscribe(results::add, e -> {}, () -> completed.set(true));
    try {
      await().atMost(VERIFY).until(() -> notifier.stats().spilled() > 0);
      down.set(true);
      await().atMost(VERIFY).until(() -> notifier.stats().inFlight() == 0);
      assertThat(completed).isFalse();
      down.set(false);
      okBeforeOutage.set(Integer.MIN_VALUE); // never trips again
      await().atMost(VERIFY).untilTrue(completed);
    } finally {
      run.dispose();
    }
    assertThat(results).hasSize(events.size()).allSatisfy(r -> assertThat(r.delivered()).isTrue());
    List<Long> inOrder = new ArrayList<>();
    for (long g = 1; g <= 25; g++) {
      inOrder.add(g);
    }
    assertThat(firstArrivalsByKey())
        .hasSize(4)
        .allSatisfy((key, generations) -> assertThat(generations).isEqualTo(inOrder));
    assertThat(segmentFiles()).isZero();
  }

  @Test
  void reportsCorruptedSegmentAndDeliversTheRest() throws Exception {
    Path dir = spillDir.resolve("hook");
    List<ReconcileEvent> events = events(1, 6);
    SpillStore store = new SpillStore(dir, 1 << 20, 1 << 20);
    for (ReconcileEvent e : events) {
      assertThat(store.append(SpillCodec.encode(e))).isTrue();
    }
    store.close();
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment = files.findFirst().orElseThrow();
    }
    // flip one byte inside the third record's payload: its checksum no longer matches
    byte[] bytes = Files.readAllBytes(segment);
    int third = 0;
    for (int i = 0; i < 2; i++) {
      third += 12 + SpillCodec.encode(events.get(i)).length;
    }
    bytes[third + 12 + 20] ^= 0x5A;
    Files.write(segment, bytes);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      notifier = Notifiers.webhook(vertx, spilling(spill()));
      StepVerifier.create(notifier.publish(Flux.empty()).map(r -> r.event().id()))
          .recordWith(ArrayList::new)
          .expectNextCount(5)
          .consumeRecordedWith(
              ids ->
                  assertThat(ids)
                      .containsExactly(
                          events.get(0).id(),
                          events.get(1).id(),
                          events.get(3).id(),
                          events.get(4).id(),
                          events.get(5).id()))
          .expectComplete()
          .verify(VERIFY);
    } finally {
      System.setErr(err);
    }
    assertThat(notifier.stats().corrupted()).isEqualTo(1);
    assertThat(notifier.stats().replayed()).isEqualTo(5);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("damaged record region")
        .contains(segment.getFileName().toString());
    assertThat(segmentFiles()).isZero();
  }

  @Test
  void fullSpillStopsUpstreamDemandAndLosesNothing() throws Exception {
    int recordBytes = 12 + SpillCodec.encode(Events.event("app-0", 1, Outcome.SUCCEEDED)).length;
    long maxBytes = 10L * recordBytes; // room for ten events
    notifier =
        Notifiers.webhook(
            vertx,
            spilling(
                spill().withSegmentBytes(3L * recordBytes).withMaxBytes(maxBytes)));
    endpoint.down();
    AtomicInteger emitted = new AtomicInteger();
    List<ReconcileEvent> events = events(5, 40);
    List<DeliveryResult> results = new CopyOnWriteArrayList<>();
    AtomicBoolean completed = new AtomicBoolean();
    Disposable run =
        notifier
            .publish(Flux.fromIterable(events).doOnNext(e -> emitted.incrementAndGet()))
            .subscribe(results::add, e -> {}, () -> completed.set(true));
    try {
      await().atMost(VERIFY).until(() -> notifier.stats().spilled() >= 8);
      // give the pipeline time to take more if it wrongly would
      await().during(Duration.ofMillis(500)).atMost(VERIFY).until(() -> true);
      assertThat(notifier.stats().spillBytes()).isLessThanOrEqualTo(maxBytes);
      assertThat(emitted.get())
          .as("upstream stops once the spill is full and maxInFlight events wait")
          .isLessThanOrEqualTo(10 + 4 + 1)
          .isLessThan(events.size());
      assertThat(notifier.stats().maxInFlightSeen()).isLessThanOrEqualTo(4);

      endpoint.start();
      await().atMost(VERIFY).untilTrue(completed);
    } finally {
      run.dispose();
    }
    assertThat(results).hasSize(events.size()).allSatisfy(r -> assertThat(r.delivered()).isTrue());
    assertThat(segmentFiles()).isZero();
  }
}

package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.SinkFilter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** Delivery policy without I/O: a fake sink function and virtual time. */
class ResilientSinkTest {

  private static final Duration VERIFY = Duration.ofSeconds(10);

  private static ResilientSink sink(int maxInFlight, Function<ReconcileEvent, Mono<Void>> attempt) {
    return new ResilientSink(
        "fake",
        maxInFlight,
        new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0),
        SinkFilter.all(),
        null,
        Duration.ofSeconds(1),
        attempt);
  }

  @Test
  void retriesWithExponentialBackoffInVirtualTime() {
    AtomicInteger calls = new AtomicInteger();
    Function<ReconcileEvent, Mono<Void>> flaky =
        e ->
            calls.incrementAndGet() <= 2
                ? Mono.error(new RetryPolicy.StatusException("fake", 503, null))
                : Mono.empty();

    StepVerifier.withVirtualTime(
            () -> sink(1, flaky).publish(Flux.just(SampleEvents.event("a", 1))))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(2_999)) // 1 s, then 2 s
        .thenAwait(Duration.ofMillis(1))
        .assertNext(r -> assertThat(r.delivered()).isTrue())
        .expectComplete()
        .verify(VERIFY);
    assertThat(calls).hasValue(3);
  }

  @Test
  void givesUpAfterMaxAttemptsWithoutSpill() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () ->
                sink(1, e -> {
                      calls.incrementAndGet();
                      return Mono.error(new RetryPolicy.StatusException("fake", 500, null));
                    })
                    .publish(Flux.just(SampleEvents.event("a", 1))))
        .thenAwait(Duration.ofSeconds(1 + 2 + 4))
        .assertNext(r -> assertThat(r.failure()).hasMessage("fake answered HTTP 500"))
        .expectComplete()
        .verify(VERIFY);
    assertThat(calls).hasValue(4);
  }

  @Test
  void deliversOneEventPerKeyAtATimeInUpstreamOrder() {
    List<String> started = new CopyOnWriteArrayList<>();
    Function<ReconcileEvent, Mono<Void>> slow =
        e -> Mono.delay(Duration.ofSeconds(e.key().name().equals("a") ? 5 : 1))
            .doOnSubscribe(s -> started.add(e.id()))
            .then();

    StepVerifier.withVirtualTime(
            () ->
                sink(8, slow)
                    .publish(
                        Flux.just(
                            SampleEvents.event("a", 1),
                            SampleEvents.event("a", 2),
                            SampleEvents.event("b", 1)))
                    .map(r -> r.event().id()))
        .expectSubscription()
        .then(() -> assertThat(started).containsExactly("a-1", "b-1"))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext("b-1")
        .thenAwait(Duration.ofSeconds(4))
        .expectNext("a-1")
        .then(() -> assertThat(started).containsExactly("a-1", "b-1", "a-2"))
        .thenAwait(Duration.ofSeconds(5))
        .expectNext("a-2")
        .expectComplete()
        .verify(VERIFY);
  }

  @Test
  void requestsNoMoreThanMaxInFlightWhileSinkIsSlow() {
    TestPublisher<ReconcileEvent> events = TestPublisher.create();
    StepVerifier.withVirtualTime(
            () -> sink(2, e -> Mono.delay(Duration.ofSeconds(10)).then()).publish(events))
        .expectSubscription()
        .then(() -> events.assertMinRequested(2).assertMaxRequested(2))
        .then(() -> events.next(SampleEvents.event("a", 1), SampleEvents.event("b", 1)))
        .then(() -> events.assertMaxRequested(0))
        .thenAwait(Duration.ofSeconds(10))
        .expectNextCount(2)
        .then(() -> events.assertMinRequested(2))
        .then(events::complete)
        .expectComplete()
        .verify(VERIFY);
  }

  @Test
  void reportsAFailureAsValueWhenEncodingOrSinkThrows() {
    StepVerifier.create(
            sink(1, e -> Mono.error(new RetryPolicy.StatusException("fake", 422, null)))
                .publish(Flux.just(SampleEvents.event("a", 1))))
        .assertNext((DeliveryResult r) -> assertThat(r.delivered()).isFalse())
        .expectComplete()
        .verify(VERIFY);
  }
}

package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class CoalescingFluxTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A fake push source: the test pushes through {@link #emitter}. */
  static final class FakeSource implements CoalescingFlux.Source<String> {
    final AtomicReference<CoalescingFlux.Emitter<String>> emitter = new AtomicReference<>();
    final AtomicInteger starts = new AtomicInteger();
    final AtomicBoolean stopped = new AtomicBoolean();

    @Override
    public reactor.core.Disposable start(CoalescingFlux.Emitter<String> e) {
      starts.incrementAndGet();
      emitter.set(e);
      return () -> stopped.set(true);
    }

    void push(String... values) {
      for (String v : values) {
        emitter.get().next(v);
      }
    }
  }

  /** Values are "key:version"; the newer value replaces the waiting one. */
  static Flux<String> flux(FakeSource source, int capacity, List<String> offers) {
    return CoalescingFlux.create(
        () -> new CoalescingBuffer<String, String>(capacity, (o, n) -> n, v -> v.endsWith(":gone")),
        v -> v.substring(0, v.indexOf(':')),
        source,
        (v, outcome) -> offers.add(v + " " + outcome));
  }

  @Test
  void startsTheSourceOnlyOnSubscription() {
    FakeSource source = new FakeSource();
    Flux<String> flux = flux(source, 10, new CopyOnWriteArrayList<>());
    assertThat(source.starts).hasValue(0);

    StepVerifier.create(flux)
        .then(() -> assertThat(source.starts).hasValue(1))
        .then(() -> source.push("a:1"))
        .expectNext("a:1")
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  void emitsNothingWithoutDemandThenOnlyWhatIsRequested() {
    FakeSource source = new FakeSource();

    StepVerifier.create(flux(source, 10, new CopyOnWriteArrayList<>()), 0)
        .then(() -> source.push("a:1", "b:1", "c:1"))
        .expectNoEvent(Duration.ofMillis(50))
        .thenRequest(2)
        .expectNext("a:1", "b:1")
        .expectNoEvent(Duration.ofMillis(50))
        .thenRequest(1)
        .expectNext("c:1")
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  void latestValuePerKeyWinsWhileDownstreamIsSlow() {
    FakeSource source = new FakeSource();
    List<String> offers = new CopyOnWriteArrayList<>();

    StepVerifier.create(flux(source, 10, offers), 0)
        .then(() -> source.push("a:1", "b:1", "a:2", "a:3", "b:2"))
        .thenRequest(10)
        .expectNext("a:3", "b:2")
        .expectNoEvent(Duration.ofMillis(50))
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(offers)
        .containsExactly("a:1 QUEUED", "b:1 QUEUED", "a:2 MERGED", "a:3 MERGED", "b:2 MERGED");
  }

  @Test
  void deliversDirectlyWhenDemandIsWaiting() {
    FakeSource source = new FakeSource();

    StepVerifier.create(flux(source, 10, new CopyOnWriteArrayList<>()))
        .then(() -> source.push("a:1"))
        .expectNext("a:1")
        .then(() -> source.push("a:2"))
        .expectNext("a:2")
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  void overflowDropsNewKeysButAdmitsDeletes() {
    FakeSource source = new FakeSource();
    List<String> offers = new CopyOnWriteArrayList<>();

    StepVerifier.create(flux(source, 2, offers), 0)
        .then(() -> source.push("a:1", "b:1", "c:1", "d:gone"))
        .thenRequest(10)
        .expectNext("a:1", "b:1", "d:gone")
        .expectNoEvent(Duration.ofMillis(50))
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(offers).contains("c:1 DROPPED", "d:gone QUEUED");
  }

  @Test
  void cancellationStopsTheSourceAndForgetsWaitingValues() {
    FakeSource source = new FakeSource();
    List<String> offers = new CopyOnWriteArrayList<>();

    StepVerifier.create(flux(source, 10, offers), 0)
        .then(() -> source.push("a:1"))
        .thenCancel()
        .verify(TIMEOUT);

    assertThat(source.stopped).isTrue();
    source.push("b:1");
    assertThat(offers).containsExactly("a:1 QUEUED");
  }

  @Test
  void errorFromTheSourceEndsTheFluxOnce() {
    FakeSource source = new FakeSource();

    StepVerifier.create(flux(source, 10, new CopyOnWriteArrayList<>()))
        .then(() -> source.push("a:1"))
        .expectNext("a:1")
        .then(
            () -> {
              source.emitter.get().error(new IllegalStateException("list refused"));
              source.emitter.get().error(new IllegalStateException("stopped"));
            })
        .expectErrorMessage("list refused")
        .verify(TIMEOUT);
    assertThat(source.stopped).isTrue();
  }

  @Test
  void failingStartErrorsTheFlux() {
    Flux<String> flux =
        CoalescingFlux.create(
            () -> new CoalescingBuffer<String, String>(1, (o, n) -> n, v -> false),
            v -> v,
            e -> {
              throw new IllegalStateException("cannot start");
            },
            CoalescingFlux.Probe.none());

    StepVerifier.create(flux).expectErrorMessage("cannot start").verify(TIMEOUT);
  }

  @Test
  void eachSubscriptionStartsItsOwnSource() {
    FakeSource source = new FakeSource();
    Flux<String> flux = flux(source, 10, new CopyOnWriteArrayList<>());

    StepVerifier.create(flux).thenCancel().verify(TIMEOUT);
    StepVerifier.create(flux).thenCancel().verify(TIMEOUT);

    assertThat(source.starts).hasValue(2);
  }

  @Test
  void concurrentPushesAndRequestsLoseNothingAndNeverOveremit() {
    FakeSource source = new FakeSource();
    int keys = 500;
    List<String> offers = new CopyOnWriteArrayList<>();

    // the pusher runs on one thread while publishOn requests one value at a time from another;
    // over-emitting would trip the ERROR overflow strategy, a lost value would leave take() short
    Flux<String> consumed =
        flux(source, keys, offers).publishOn(Schedulers.parallel(), 1).take(keys);

    StepVerifier.create(consumed)
        .then(
            () ->
                Schedulers.boundedElastic()
                    .schedule(
                        () -> {
                          for (int i = 0; i < keys; i++) {
                            source.push("k" + i + ":1");
                          }
                        }))
        .expectNextCount(keys)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(offers).hasSize(keys).allMatch(o -> o.endsWith("QUEUED"));
  }

  @Test
  void rejectsNullArguments() {
    FakeSource source = new FakeSource();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CoalescingFlux.create(null, v -> v, source, CoalescingFlux.Probe.none()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("buffers");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                CoalescingFlux.<String, String>create(
                    () -> new CoalescingBuffer<>(1, (o, n) -> n, v -> false),
                    v -> v,
                    null,
                    CoalescingFlux.Probe.none()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("source");
  }
}

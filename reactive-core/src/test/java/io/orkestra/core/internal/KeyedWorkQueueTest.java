package io.orkestra.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.HealthState;
import io.orkestra.core.Leadership;
import io.orkestra.core.QueuePolicy;
import io.orkestra.core.ReconcileListener;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class KeyedWorkQueueTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  static ResourceKey key(String name) {
    return new ResourceKey("demo.io", "v1", "WebApp", "default", name);
  }

  static WatchEvent added(String name, int version) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("metadata").put("name", name).put("resourceVersion", String.valueOf(version));
    return new WatchEvent.Added(key(name), o);
  }

  static int version(WatchEvent e) {
    return e.object().path("metadata").path("resourceVersion").asInt();
  }

  @Test
  void mergesUpdatesForSameKeyWhileQueued() {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Sinks.Many<Object> gate = Sinks.many().multicast().directBestEffort();
    // one worker, busy with key "blocker" until the gate opens: "a" events pile up meanwhile
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            (k, e) -> {
              seen.add(version(e));
              return k.name().equals("blocker")
                  ? gate.asFlux().next().thenReturn(k.name())
                  : Mono.just(k.name());
            },
            r -> false, 1, Duration.ofMillis(5), Duration.ofSeconds(1), Schedulers.parallel());
    Sinks.Many<WatchEvent> source = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.create(queue.run(source.asFlux()))
        .then(() -> source.tryEmitNext(added("blocker", 1)))
        .then(() -> source.tryEmitNext(added("a", 2)))
        .then(() -> source.tryEmitNext(added("a", 3)))
        .then(() -> source.tryEmitNext(added("a", 4)))
        .then(() -> gate.tryEmitNext("go"))
        .expectNext("blocker", "a")
        .then(source::tryEmitComplete)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(seen).containsExactly(1, 4);
  }

  @Test
  void neverRunsTwoReconcilesOfOneKeyConcurrently() {
    Map<ResourceKey, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    AtomicInteger maxPerKey = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    KeyedWorkQueue<Integer> queue =
        new KeyedWorkQueue<>(
            (k, e) ->
                Mono.fromSupplier(
                        () -> {
                          int now = inFlight.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                          maxPerKey.accumulateAndGet(now, Math::max);
                          return version(e);
                        })
                    .delayElement(Duration.ofMillis(1 + (version(e) % 3)))
                    .doOnNext(v -> inFlight.get(k).decrementAndGet())
                    .doOnNext(v -> total.incrementAndGet()),
            r -> false, 4, Duration.ofMillis(5), Duration.ofSeconds(1), Schedulers.parallel());
    Flux<WatchEvent> events =
        Flux.range(0, 600)
            .map(i -> added("cr-" + (i % 5), i))
            .delayElements(Duration.ofMillis(1), Schedulers.parallel());
    StepVerifier.create(queue.run(events).then()).expectComplete().verify(Duration.ofSeconds(30));
    assertThat(maxPerKey.get()).isEqualTo(1);
    assertThat(total.get()).isBetween(5, 600);
  }

  @Test
  void reconcilesNewestStateAgainWhenEventArrivesDuringReconcile() {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Sinks.Many<Object> gate = Sinks.many().multicast().directBestEffort();
    KeyedWorkQueue<Integer> queue =
        new KeyedWorkQueue<>(
            (k, e) -> {
              seen.add(version(e));
              return version(e) == 1 ? gate.asFlux().next().thenReturn(1) : Mono.just(version(e));
            },
            r -> false, 2, Duration.ofMillis(5), Duration.ofSeconds(1), Schedulers.parallel());
    Sinks.Many<WatchEvent> source = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.create(queue.run(source.asFlux()))
        .then(() -> source.tryEmitNext(added("a", 1)))
        .then(() -> source.tryEmitNext(added("a", 2)))
        .then(() -> source.tryEmitNext(added("a", 3)))
        .then(() -> gate.tryEmitNext("go"))
        .expectNext(1, 3)
        .then(source::tryEmitComplete)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(seen).containsExactly(1, 3);
  }

  @Test
  void boundsReconcilesInFlightToWorkers() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            (k, e) ->
                Mono.fromSupplier(() -> max.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                    .delayElement(Duration.ofMillis(5))
                    .doOnNext(x -> inFlight.decrementAndGet())
                    .thenReturn(k.name()),
            r -> false, 3, Duration.ofMillis(5), Duration.ofSeconds(1), Schedulers.parallel());
    StepVerifier.create(queue.run(Flux.range(0, 50).map(i -> added("cr-" + i, i))))
        .expectNextCount(50)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(max.get()).isEqualTo(3);
  }

  @Test
  void startsNoReconcileWithoutDemand() {
    AtomicInteger started = new AtomicInteger();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            (k, e) -> Mono.fromSupplier(() -> { started.incrementAndGet(); return k.name(); }),
            r -> false, 2, Duration.ofMillis(5), Duration.ofSeconds(1), Schedulers.parallel());
    StepVerifier.create(queue.run(Flux.range(0, 10).map(i -> added("cr-" + i, i))), 0)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(100))
        .then(() -> assertThat(started.get()).isLessThanOrEqualTo(2))
        .thenRequest(1)
        .expectNextCount(1)
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(started.get()).isLessThanOrEqualTo(3);
  }

  @Test
  void retriesFailedReconcileWithExponentialBackoff() {
    StepVerifier.withVirtualTime(
            () -> {
              AtomicInteger attempts = new AtomicInteger();
              KeyedWorkQueue<Integer> queue =
                  new KeyedWorkQueue<>(
                      (k, e) -> Mono.just(attempts.incrementAndGet()),
                      n -> n < 4,
                      1, Duration.ofSeconds(1), Duration.ofSeconds(60),
                      VirtualTimeScheduler.get());
              return queue.run(Flux.just(added("a", 1)).concatWith(Flux.never()));
            })
        .expectSubscription()
        .expectNext(1)
        // attempt 2 after 0.5..1 s, attempt 3 after 1..2 s more, attempt 4 after 2..4 s more
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(2)
        .thenAwait(Duration.ofSeconds(2))
        .expectNext(3)
        .thenAwait(Duration.ofSeconds(4))
        .expectNext(4)
        .thenAwait(Duration.ofSeconds(120))
        .expectNoEvent(Duration.ofSeconds(1))
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  void backoffDoublesAndCaps() {
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>((k, e) -> Mono.empty(), r -> false, 1,
            Duration.ofMillis(5), Duration.ofSeconds(1000), Schedulers.parallel());
    assertThat(queue.backoff(1)).isBetween(Duration.ofNanos(2_500_000), Duration.ofMillis(5));
    assertThat(queue.backoff(3)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(queue.backoff(40)).isBetween(Duration.ofSeconds(500), Duration.ofSeconds(1000));
    assertThat(queue.backoff(200)).isLessThanOrEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void forgetsKeysOnceReconciled() {
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>((k, e) -> Mono.just(k.name()), r -> false, 2,
            Duration.ofMillis(5), Duration.ofSeconds(1), Schedulers.parallel());
    StepVerifier.create(queue.run(Flux.range(0, 100).map(i -> added("cr-" + i, i))))
        .expectNextCount(100)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(queue.depth()).isZero();
  }

  /** Records what the queue tells its listener. */
  static final class RecordingListener implements ReconcileListener {
    final List<String> dropped = new CopyOnWriteArrayList<>();
    final List<Integer> retries = new CopyOnWriteArrayList<>();
    final List<Duration> requeues = new CopyOnWriteArrayList<>();
    final List<HealthState> health = new CopyOnWriteArrayList<>();

    @Override
    public void onDropped(String operator, ResourceKey key) {
      dropped.add(key.name());
    }

    @Override
    public void onRetryScheduled(String operator, ResourceKey key, int attempt, Duration delay) {
      retries.add(attempt);
    }

    @Override
    public void onRequeueScheduled(String operator, ResourceKey key, Duration delay) {
      requeues.add(delay);
    }

    @Override
    public void onHealthChanged(String operator, HealthState state) {
      health.add(state);
    }
  }

  static QueuePolicy policy() {
    return QueuePolicy.defaults().withRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  @Test
  void requeuesKeyAfterEachSuccessfulReconcile() {
    RecordingListener listener = new RecordingListener();
    StepVerifier.withVirtualTime(
            () -> {
              KeyedWorkQueue<Integer> queue =
                  new KeyedWorkQueue<>(
                      (k, e) -> Mono.just(version(e)),
                      r -> false,
                      (r, e) -> Duration.ofSeconds(30),
                      1, policy(), new HealthTracker("webapp", listener), VirtualTimeScheduler.get());
              return queue.run(Flux.just(added("a", 7)).concatWith(Flux.never()));
            })
        .expectSubscription()
        .expectNext(7)
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(7)
        .thenAwait(Duration.ofSeconds(30))
        .expectNext(7)
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(listener.requeues).hasSizeGreaterThanOrEqualTo(3).containsOnly(Duration.ofSeconds(30));
  }

  @Test
  void newerEventReplacesPendingRequeue() {
    Sinks.Many<WatchEvent> source = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.withVirtualTime(
            () -> {
              KeyedWorkQueue<Integer> queue =
                  new KeyedWorkQueue<>(
                      (k, e) -> Mono.just(version(e)),
                      r -> false,
                      (r, e) -> Duration.ofSeconds(30),
                      1, policy(), new HealthTracker("webapp", ReconcileListener.NONE),
                      VirtualTimeScheduler.get());
              return queue.run(source.asFlux());
            })
        .expectSubscription()
        .then(() -> source.tryEmitNext(added("a", 1)))
        .expectNext(1)
        .thenAwait(Duration.ofSeconds(10))
        .then(() -> source.tryEmitNext(added("a", 2)))
        .expectNext(2)
        // the requeue planned for t=30 s was replaced by one for t=40 s, with the newest state
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(2)
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  void completesWithoutWaitingForPendingRequeues() {
    StepVerifier.withVirtualTime(
            () -> {
              KeyedWorkQueue<Integer> queue =
                  new KeyedWorkQueue<>(
                      (k, e) -> Mono.just(version(e)),
                      r -> false,
                      (r, e) -> Duration.ofMinutes(5),
                      1, policy(), new HealthTracker("webapp", ReconcileListener.NONE),
                      VirtualTimeScheduler.get());
              return queue.run(Flux.just(added("a", 1), added("b", 2)));
            })
        .expectNext(1, 2)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void doesNotRequeueFailedReconciles() {
    RecordingListener listener = new RecordingListener();
    StepVerifier.withVirtualTime(
            () -> {
              KeyedWorkQueue<Integer> queue =
                  new KeyedWorkQueue<>(
                      (k, e) -> Mono.just(-1),
                      r -> r < 0,
                      (r, e) -> Duration.ofSeconds(1),
                      1, policy().withRetryLimits(2.0, 1),
                      new HealthTracker("webapp", listener), VirtualTimeScheduler.get());
              return queue.run(Flux.just(added("a", 1)).concatWith(Flux.never()));
            })
        .expectSubscription()
        .expectNext(-1)
        .expectNoEvent(Duration.ofMinutes(10))
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(listener.requeues).isEmpty();
    assertThat(listener.retries).isEmpty(); // maxAttempts 1: no retry after the first failure
  }

  @Test
  void dropsTriggersForNewKeysWhenMaxDepthReached() {
    RecordingListener listener = new RecordingListener();
    Sinks.Many<Object> gate = Sinks.many().multicast().directBestEffort();
    List<String> seen = new CopyOnWriteArrayList<>();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            (k, e) -> {
              seen.add(k.name() + version(e));
              return k.name().equals("blocker")
                  ? gate.asFlux().next().thenReturn(k.name())
                  : Mono.just(k.name());
            },
            r -> false,
            (r, e) -> Duration.ZERO,
            1, policy().withMaxDepth(2), new HealthTracker("webapp", listener),
            Schedulers.parallel());
    Sinks.Many<WatchEvent> source = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.create(queue.run(source.asFlux()))
        .then(() -> source.tryEmitNext(added("blocker", 1)))
        .then(() -> source.tryEmitNext(added("a", 2)))
        .then(() -> source.tryEmitNext(added("b", 3)))
        .then(() -> source.tryEmitNext(added("c", 4)))
        .then(() -> source.tryEmitNext(added("a", 5))) // a is tracked: latest state, no drop
        .then(() -> assertThat(queue.depth()).isEqualTo(2))
        .then(() -> gate.tryEmitNext("go"))
        .expectNext("blocker", "a")
        .then(source::tryEmitComplete)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(listener.dropped).containsExactly("b", "c");
    assertThat(seen).containsExactly("blocker1", "a5");
  }

  @Test
  void degradesAfterFailureThresholdAndRecoversOnSuccess() {
    RecordingListener listener = new RecordingListener();
    HealthTracker[] tracker = new HealthTracker[1];
    List<HealthState> seenAtDegraded = new CopyOnWriteArrayList<>();
    StepVerifier.withVirtualTime(
            () -> {
              AtomicInteger attempts = new AtomicInteger();
              tracker[0] = new HealthTracker("webapp", listener);
              KeyedWorkQueue<Integer> queue =
                  new KeyedWorkQueue<>(
                      (k, e) -> Mono.just(attempts.incrementAndGet()),
                      n -> n <= 3, // attempts 1..3 fail, 4 succeeds
                      (r, e) -> Duration.ZERO,
                      1, policy().withFailureThreshold(3), tracker[0], VirtualTimeScheduler.get());
              return queue.run(Flux.just(added("a", 1)).concatWith(Flux.never()));
            })
        .expectSubscription()
        .expectNext(1)
        .then(() -> assertThat(tracker[0].state()).isEqualTo(HealthState.STARTED))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(2)
        .then(() -> assertThat(tracker[0].state()).isEqualTo(HealthState.STARTED))
        .thenAwait(Duration.ofSeconds(2))
        .expectNext(3)
        .then(() -> seenAtDegraded.add(tracker[0].state()))
        .then(() -> assertThat(tracker[0].stats().failingKeys()).isEqualTo(1))
        .thenAwait(Duration.ofSeconds(4))
        .expectNext(4)
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(seenAtDegraded).containsExactly(HealthState.DEGRADED);
    assertThat(tracker[0].state()).isEqualTo(HealthState.HEALTHY);
    assertThat(listener.health)
        .containsExactly(HealthState.STARTED, HealthState.DEGRADED, HealthState.HEALTHY);
    assertThat(listener.retries).containsExactly(1, 2, 3);
    StepVerifier.create(tracker[0].states().take(1))
        .expectNext(HealthState.HEALTHY)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void staysDegradedWhileAnotherKeyStillFails() {
    HealthTracker tracker = new HealthTracker("webapp", ReconcileListener.NONE);
    tracker.started(() -> 0, () -> 0);
    tracker.failed(key("a"), 5, 5);
    tracker.failed(key("b"), 5, 5);
    tracker.succeeded(key("a"));
    assertThat(tracker.state()).isEqualTo(HealthState.DEGRADED);
    tracker.succeeded(key("b"));
    assertThat(tracker.state()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void backoffGrowsByConfiguredMultiplier() {
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>((k, e) -> Mono.empty(), r -> false, (r, e) -> Duration.ZERO, 1,
            QueuePolicy.defaults()
                .withRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(100))
                .withRetryLimits(3.0, 0),
            new HealthTracker("webapp", ReconcileListener.NONE), Schedulers.parallel());
    assertThat(queue.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(queue.backoff(3)).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(9));
    assertThat(queue.backoff(10)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(100));
  }

  @Test
  void aFollowerKeepsTheNewestStatePerKeyAndReconcilesOnlyAfterAcquiringLeadership() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Leadership leadership = Leadership.awaiting();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            (k, e) -> {
              seen.add(k.name() + "@" + version(e));
              return Mono.just(k.name());
            },
            r -> false, (r, e) -> Duration.ZERO, 2, policy(),
            new HealthTracker("webapp", ReconcileListener.NONE), Schedulers.parallel(), leadership);
    Sinks.Many<WatchEvent> source = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.create(queue.run(source.asFlux()))
        .then(() -> {
          source.tryEmitNext(added("a", 1));
          source.tryEmitNext(added("b", 1));
          source.tryEmitNext(added("a", 2));
        })
        .expectNoEvent(Duration.ofMillis(200))
        .then(() -> {
          assertThat(seen).isEmpty();
          assertThat(queue.depth()).isEqualTo(2);
          assertThat(queue.parked()).isEqualTo(2);
          source.tryEmitNext(added("a", 3)); // newest state while parked
          leadership.acquire();
        })
        .expectNextCount(2)
        .then(() -> {
          assertThat(seen).containsExactlyInAnyOrder("a@3", "b@1");
          leadership.release();
          source.tryEmitNext(added("c", 1));
        })
        .expectNoEvent(Duration.ofMillis(200))
        .then(() -> {
          assertThat(seen).doesNotContain("c@1");
          leadership.acquire();
        })
        .expectNext("c")
        .then(source::tryEmitComplete)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(queue.parked()).isZero();
  }

  @Test
  void releasingLeadershipLetsTheRunningReconcileFinishButStartsNoOther() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Sinks.Many<Object> gate = Sinks.many().multicast().directBestEffort();
    Leadership leadership = Leadership.always();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            (k, e) -> {
              seen.add(k.name());
              return k.name().equals("slow") ? gate.asFlux().next().thenReturn(k.name())
                  : Mono.just(k.name());
            },
            r -> false, (r, e) -> Duration.ZERO, 1, policy(),
            new HealthTracker("webapp", ReconcileListener.NONE), Schedulers.parallel(), leadership);
    Sinks.Many<WatchEvent> source = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.create(queue.run(source.asFlux()))
        .then(() -> source.tryEmitNext(added("slow", 1)))
        .then(() -> source.tryEmitNext(added("next", 1)))
        .then(() -> {
          leadership.release();
          gate.tryEmitNext("go");
        })
        .expectNext("slow")
        .expectNoEvent(Duration.ofMillis(200))
        .then(() -> {
          assertThat(seen).containsExactly("slow");
          leadership.acquire();
        })
        .expectNext("next")
        .then(source::tryEmitComplete)
        .expectComplete()
        .verify(TIMEOUT);
  }
}

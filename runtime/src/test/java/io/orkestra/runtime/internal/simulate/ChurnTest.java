package io.orkestra.runtime.internal.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ApplyResult;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.RuntimeOptions;
import io.orkestra.core.WatchEvent;
import io.orkestra.katalog.KatalogInterpreter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Churn through the runtime's own queue and reconcile pipeline (the real interpreter and diff,
 * 4 workers) over the in-memory cluster: 2,000 custom resources created, updated three times each
 * while their earlier reconciles may still run, then half of them deleted. The "informer" is the
 * test: it emits what the cluster holds after each change, and a Deleted once the runtime removed
 * the last finalizer. Every applier call is delayed a little on another thread, so reconciles of
 * different resources interleave.
 */
class ChurnTest {

  private static final int CRS = 2_000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final FakeCluster cluster = new FakeCluster(Clock.systemUTC());
  private final Sinks.Many<WatchEvent> informer = Sinks.many().unicast().onBackpressureBuffer();
  private final Map<ResourceKey, AtomicInteger> running = new ConcurrentHashMap<>();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();

  private synchronized void emit(WatchEvent event) {
    informer.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
  }

  private static ObjectNode webApp(int i) {
    ObjectNode cr = JSON.objectNode().put("apiVersion", "demo.orkestra.io/v1").put("kind", "WebApp");
    cr.putObject("metadata").put("name", "app-" + i).put("namespace", "default");
    cr.putObject("spec").put("replicas", 1).put("greeting", "v0");
    return cr;
  }

  /** Marks one reconcile step of {@code owner} as running; two at once for one key is an overlap. */
  private <T> Mono<T> step(ObjectNode owner, Supplier<Mono<T>> call) {
    ResourceKey key = FakeCluster.keyOf(owner);
    return Mono.delay(Duration.ofNanos(ThreadLocalRandomHolder.nanos()))
        .then(Mono.defer(() -> {
          if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          return call.get();
        }))
        // before the signal goes downstream: the reconcile's next step may start right after it
        .doOnTerminate(() -> done(key))
        .doOnCancel(() -> done(key));
  }

  private void done(ResourceKey key) {
    running.get(key).decrementAndGet();
    inFlight.decrementAndGet();
  }

  /** Random sub-millisecond delays. */
  private static final class ThreadLocalRandomHolder {
    static long nanos() {
      return java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 300_000);
    }
  }

  private final ResourceApplier applier = new ResourceApplier() {
    @Override
    public Mono<ObservedState> observe(ObjectNode owner, DesiredState desired) {
      return step(owner, () -> cluster.observe(owner, desired));
    }

    @Override
    public Mono<ApplyResult> apply(ObjectNode owner, List<Action> actions) {
      return step(owner, () -> cluster.apply(owner, actions));
    }

    @Override
    public Mono<Void> writeStatus(ObjectNode owner, ObjectNode status) {
      return step(owner, () -> cluster.writeStatus(owner, status));
    }

    @Override
    public Mono<ObjectNode> addFinalizer(ObjectNode owner, String finalizer) {
      return step(owner, () -> cluster.addFinalizer(owner, finalizer));
    }

    @Override
    public Mono<Void> removeFinalizer(ObjectNode owner, String finalizer) {
      ResourceKey key = FakeCluster.keyOf(owner);
      return step(owner, () -> cluster.removeFinalizer(owner, finalizer))
          .doOnSuccess(v -> {
            if (cluster.customResource(key) == null) {
              emit(new WatchEvent.Deleted(key, cluster.lastSeen(key))); // the object is gone
            }
          });
    }

    @Override
    public Mono<Void> recordEvent(ObjectNode owner, boolean warning, String reason, String message) {
      return cluster.recordEvent(owner, warning, reason, message);
    }
  };

  @Test
  void everyResourceEndsConvergedOrDeletedWithoutOverlapOrLeakedFinalizers() throws Exception {
    CompiledOperator operator =
        KatalogInterpreter.load(Path.of("src/test/resources/fixtures/churn/katalog.yaml")).get(0);
    assertThat(operator.spec().workers()).isEqualTo(4);
    Disposable run = OperatorRuntime.create(RuntimeOptions.defaults().withRuntimeName("churn"))
        .run(operator, informer::asFlux, applier)
        .subscribe();
    try {
      ResourceKey[] keys = new ResourceKey[CRS];
      for (int i = 0; i < CRS; i++) {
        keys[i] = cluster.addCustomResource(webApp(i), true);
        emit(new WatchEvent.Added(keys[i], cluster.customResource(keys[i])));
      }
      for (int round = 1; round <= 3; round++) {
        for (int i = 0; i < CRS; i++) {
          ObjectNode patch = JSON.objectNode();
          patch.putObject("spec").put("replicas", round + 1).put("greeting", "v" + round);
          assertThat(cluster.patchCustomResource(keys[i], patch)).isTrue();
          emit(new WatchEvent.Modified(keys[i], cluster.customResource(keys[i])));
        }
      }
      for (int i = 0; i < CRS; i += 2) {
        // finalizer present: the API server only marks it; without one it is gone at once
        assertThat(cluster.deleteCustomResource(keys[i])).isTrue();
        ObjectNode now = cluster.customResource(keys[i]);
        emit(now != null ? new WatchEvent.Modified(keys[i], now)
            : new WatchEvent.Deleted(keys[i], cluster.lastSeen(keys[i])));
      }

      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        for (int i = 0; i < CRS; i++) {
          ObjectNode cr = cluster.customResource(keys[i]);
          if (i % 2 == 0) {
            assertThat(cr).as("%s deleted", keys[i]).isNull();
          } else {
            assertThat(cr).as("%s kept", keys[i]).isNotNull();
            assertThat(cr.path("status").path("replicas").asInt()).as("%s status", keys[i]).isEqualTo(4);
            assertThat(cr.path("status").path("observedGeneration").asLong())
                .isEqualTo(cr.path("metadata").path("generation").asLong());
          }
        }
      });
      Map<ResourceKey, ObjectNode> children = cluster.children();
      for (int i = 0; i < CRS; i++) {
        String name = "app-" + i;
        ObjectNode deployment = children.entrySet().stream()
            .filter(e -> e.getKey().kind().equals("Deployment") && e.getKey().name().equals(name))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        if (i % 2 == 0) {
          assertThat(deployment).as("children of deleted %s", name).isNull();
        } else {
          assertThat(deployment).as("deployment %s", name).isNotNull();
          assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(4);
          JsonNode env = deployment.path("spec").path("template").path("spec").path("containers")
              .path(0).path("env").path(0);
          assertThat(env.path("value").asText()).as("final greeting of %s", name).isEqualTo("v3");
          ObjectNode cr = cluster.customResource(FakeCluster.keyOf(webApp(i)));
          assertThat(cr.path("metadata").path("finalizers").toString())
              .contains("orkestra.orkspace.io/cleanup");
        }
      }
      assertThat(overlaps).as("reconcile steps of one resource running at once").hasValue(0);
      assertThat(maxInFlight.get()).as("workers bound").isLessThanOrEqualTo(4);
    } finally {
      run.dispose();
    }
  }
}

package io.orkestra.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class OperatorRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  static ResourceKey key(String namespace, String name) {
    return new ResourceKey("demo.io", "v1", "WebApp", namespace, name);
  }

  static WatchEvent added(String namespace, String name) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", "demo.io/v1").put("kind", "WebApp");
    ObjectNode meta = o.putObject("metadata").put("name", name).put("uid", "u-" + name);
    if (!namespace.isEmpty()) {
      meta.put("namespace", namespace);
    }
    meta.putArray("finalizers").add(OperatorRuntime.CLEANUP_FINALIZER);
    return new WatchEvent.Added(key(namespace, name), o);
  }

  static OperatorSpec spec() {
    return new OperatorSpec(
        "webapp", "demo", "demo.io", "v1", "WebApp", "webapps", true, 2, null, List.of());
  }

  /** Records the resources it interprets; renders no children. */
  static final class RecordingOperator implements CompiledOperator {
    final OperatorSpec spec;
    final List<String> interpreted = new CopyOnWriteArrayList<>();
    volatile boolean fail;

    RecordingOperator(OperatorSpec spec) {
      this.spec = spec;
    }

    @Override
    public OperatorSpec spec() {
      return spec;
    }

    @Override
    public DesiredState interpret(ObjectNode cr, ObservedState observed, Clock clock) {
      String ns = cr.path("metadata").path("namespace").asText("");
      interpreted.add(ns + "/" + cr.path("metadata").path("name").asText());
      if (fail) {
        throw new OrkestraException("template failed");
      }
      return new DesiredState(
          ResourceKey.of("demo.io/v1", "WebApp", ns, cr.path("metadata").path("name").asText()),
          List.of(),
          JsonNodeFactory.instance.objectNode());
    }
  }

  /** Accepts every write; the cluster is never read. */
  static final class NullApplier implements ResourceApplier {
    @Override
    public Mono<ObservedState> observe(ObjectNode owner, DesiredState desired) {
      return Mono.just(new ObservedState(Map.of()));
    }

    @Override
    public Mono<ApplyResult> apply(ObjectNode owner, List<Action> actions) {
      return Mono.just(new ApplyResult(key("", "x"), actions));
    }

    @Override
    public Mono<Void> writeStatus(ObjectNode owner, ObjectNode status) {
      return Mono.empty();
    }

    @Override
    public Mono<ObjectNode> addFinalizer(ObjectNode owner, String finalizer) {
      return Mono.just(owner);
    }

    @Override
    public Mono<Void> removeFinalizer(ObjectNode owner, String finalizer) {
      return Mono.empty();
    }

    @Override
    public Mono<Void> recordEvent(ObjectNode owner, boolean warning, String reason, String message) {
      return Mono.empty();
    }
  }

  static Flux<WatchEvent> threeNamespaces() {
    return Flux.just(
        added("team-a", "one"), added("team-b", "two"), added("kube-system", "three"),
        added("team-a", "four"));
  }

  List<String> reconcileWith(NamespaceFilter filter) {
    RecordingOperator op = new RecordingOperator(spec().withNamespaces(filter));
    StepVerifier.create(
            OperatorRuntime.create(RuntimeOptions.defaults())
                .run(op, () -> threeNamespaces(), new NullApplier()))
        .thenConsumeWhile(r -> true)
        .expectComplete()
        .verify(TIMEOUT);
    return op.interpreted;
  }

  @Test
  void reconcilesEveryNamespaceWithoutFilter() {
    assertThat(reconcileWith(NamespaceFilter.all()))
        .containsExactlyInAnyOrder("team-a/one", "team-b/two", "kube-system/three", "team-a/four");
  }

  @Test
  void neverInterpretsResourcesOfRestrictedNamespaces() {
    assertThat(reconcileWith(new NamespaceFilter(null, Set.of(), Set.of("kube-system"))))
        .containsExactlyInAnyOrder("team-a/one", "team-b/two", "team-a/four");
  }

  @Test
  void interpretsOnlyAllowedNamespaces() {
    assertThat(reconcileWith(new NamespaceFilter(null, Set.of("team-a", "kube-system"),
            Set.of("kube-system"))))
        .containsExactlyInAnyOrder("team-a/one", "team-a/four");
  }

  @Test
  void watchesOnlyTheDeclaredNamespace() {
    assertThat(reconcileWith(new NamespaceFilter("team-b", Set.of(), Set.of())))
        .containsExactly("team-b/two");
  }

  @Test
  void namespaceFilterAdmitsClusterScopedObjects() {
    NamespaceFilter f = new NamespaceFilter("team-b", Set.of("team-b"), Set.of("x"));
    assertThat(f.admits("")).isTrue();
    assertThat(f.admits("x")).isFalse();
    assertThat(f.singleNamespace()).contains("team-b");
    assertThat(new NamespaceFilter(" ", Set.of(), Set.of()).isAll()).isTrue();
  }

  @Test
  void requeuesAfterSuccessPerSpec() {
    RecordingOperator op =
        new RecordingOperator(
            spec().withQueue(QueuePolicy.defaults().withRequeueAfter(Duration.ofMinutes(1))));
    StepVerifier.withVirtualTime(
            () ->
                OperatorRuntime.create(RuntimeOptions.defaults())
                    .run(op, () -> Flux.just(added("team-a", "one")).concatWith(Flux.never()),
                        new NullApplier()))
        .expectSubscription()
        .assertNext(r -> assertThat(r.event().outcome()).isEqualTo(Outcome.SUCCEEDED))
        .expectNoEvent(Duration.ofSeconds(59))
        .thenAwait(Duration.ofSeconds(1))
        .assertNext(r -> assertThat(r.event().key().name()).isEqualTo("one"))
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(op.interpreted).containsExactly("team-a/one", "team-a/one");
  }

  @Test
  void reportsHealthMetricsAndDegradesAfterThreshold() {
    RecordingOperator op =
        new RecordingOperator(
            spec().withQueue(QueuePolicy.defaults().withFailureThreshold(2)
                .withRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1))));
    op.fail = true;
    List<String> calls = new CopyOnWriteArrayList<>();
    ReconcileListener listener =
        new ReconcileListener() {
          @Override
          public void onReconciled(String operator, ResourceKey key, Outcome outcome,
              Duration duration) {
            calls.add(operator + " " + outcome.wireName());
          }

          @Override
          public void onHealthChanged(String operator, HealthState state) {
            calls.add(operator + " " + state.wireName());
          }
        };
    OperatorRuntime[] runtime = new OperatorRuntime[1];
    StepVerifier.withVirtualTime(
            () -> {
              runtime[0] = OperatorRuntime.create(RuntimeOptions.defaults().withListener(listener));
              return runtime[0].run(op, () -> Flux.just(added("team-a", "one"))
                  .concatWith(Flux.never()), new NullApplier());
            })
        .expectSubscription()
        .expectNextCount(1)
        .thenAwait(Duration.ofSeconds(1))
        .expectNextCount(1)
        .then(() -> assertThat(runtime[0].stats())
            .containsExactly(new OperatorStats("webapp", HealthState.DEGRADED, 1, 0, 1)))
        .then(() -> op.fail = false)
        .thenAwait(Duration.ofSeconds(1))
        .assertNext(r -> assertThat(r.event().outcome()).isEqualTo(Outcome.SUCCEEDED))
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(calls)
        .containsExactly("webapp started", "webapp failed", "webapp failed", "webapp degraded",
            "webapp succeeded", "webapp healthy");
    StepVerifier.create(runtime[0].health("webapp").take(1))
        .expectNext(HealthState.HEALTHY)
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(runtime[0].health("other").take(1))
        .expectNext(HealthState.PENDING)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void rejectsInvalidQueuePolicies() {
    assertThatThrownBy(() -> QueuePolicy.defaults().withFailureThreshold(0))
        .hasMessageContaining("failureThreshold must be >= 1, was 0");
    assertThatThrownBy(() -> QueuePolicy.defaults().withMaxDepth(-1))
        .hasMessageContaining("maxDepth must be >= 0, was -1");
    assertThatThrownBy(
            () -> QueuePolicy.defaults().withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("shorter than initialBackoff");
    assertThat(QueuePolicy.defaults().requeue()).isEmpty();
    assertThat(QueuePolicy.defaults().failureThreshold()).isEqualTo(5);
  }
}

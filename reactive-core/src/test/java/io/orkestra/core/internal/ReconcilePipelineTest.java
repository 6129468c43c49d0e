package io.orkestra.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ApplyResult;
import io.orkestra.core.ChildResource;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.RuntimeOptions;
import io.orkestra.core.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ReconcilePipelineTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ResourceKey CR = new ResourceKey("demo.io", "v1", "WebApp", "ns", "w");
  private static final ResourceKey CM = new ResourceKey("", "v1", "ConfigMap", "ns", "w-config");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private static final RuntimeOptions OPTIONS = RuntimeOptions.defaults().withRuntimeName("test").withClock(CLOCK);

  /** In-memory cluster: children by key, plus the last status written. */
  static final class FakeApplier implements ResourceApplier {
    final Map<ResourceKey, ObjectNode> children = new HashMap<>();
    final AtomicInteger statusWrites = new AtomicInteger();
    ObjectNode lastStatus;
    boolean failApply;
    final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Mono<ObservedState> observe(ObjectNode owner, DesiredState desired) {
      return Mono.fromSupplier(() -> new ObservedState(Map.copyOf(children)));
    }

    @Override
    public Mono<ApplyResult> apply(ObjectNode owner, List<Action> actions) {
      return Mono.defer(() -> {
        if (failApply) {
          return Mono.error(new OrkestraException("configmaps \"w-config\" is forbidden"));
        }
        for (Action a : actions) {
          log.add(a.verb() + " " + a.key().name());
          if (a instanceof Action.Create c) {
            children.put(c.key(), c.desired().manifest());
          } else if (a instanceof Action.Patch p) {
            children.put(p.key(), p.desired().manifest());
          } else {
            children.remove(a.key());
          }
        }
        return Mono.just(new ApplyResult(CR, actions));
      });
    }

    @Override
    public Mono<ObjectNode> addFinalizer(ObjectNode owner, String finalizer) {
      return Mono.fromSupplier(() -> {
        log.add("add finalizer " + finalizer);
        ObjectNode copy = owner.deepCopy();
        ((ObjectNode) copy.get("metadata")).withArray("finalizers").add(finalizer);
        return copy;
      });
    }

    @Override
    public Mono<Void> recordEvent(ObjectNode owner, boolean warning, String reason, String message) {
      return Mono.fromRunnable(() -> log.add((warning ? "Warning " : "Normal ") + reason + ": " + message));
    }

    @Override
    public Mono<Void> removeFinalizer(ObjectNode owner, String finalizer) {
      return Mono.fromRunnable(() -> log.add("remove finalizer " + finalizer));
    }

    @Override
    public Mono<Void> writeStatus(ObjectNode owner, ObjectNode status) {
      return Mono.fromRunnable(() -> {
        statusWrites.incrementAndGet();
        lastStatus = status;
      });
    }
  }

  static final class FakeOperator implements CompiledOperator {
    String value = "1";
    RuntimeException failure;

    @Override
    public OperatorSpec spec() {
      return new OperatorSpec("webapp", "demo", "demo.io", "v1", "WebApp", "webapps", true, 1, null, List.of());
    }

    @Override
    public DesiredState interpret(ObjectNode cr, ObservedState observed, Clock clock) {
      if (failure != null) {
        throw failure;
      }
      ObjectNode cm = DiffEngineTest.json("{'data':{'v':'" + value + "'}}");
      ObjectNode status = DiffEngineTest.json("{'phase':'Running'}");
      return new DesiredState(CR, List.of(new ChildResource(CM, cm, true)), status);
    }
  }

  static ObjectNode cr(long generation, ObjectNode status) {
    ObjectNode cr = DiffEngineTest.json(
        "{'apiVersion':'demo.io/v1','kind':'WebApp','metadata':{'name':'w','namespace':'ns','uid':'u-1','resourceVersion':'5'}}");
    ((ObjectNode) cr.get("metadata")).put("generation", generation);
    if (status != null) {
      cr.set("status", status);
    }
    return cr;
  }

  @Test
  void createsChildrenWritesReadyStatusAndDescribesItInEvent() {
    FakeApplier applier = new FakeApplier();
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);
    StepVerifier.create(pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(3, null))))
        .assertNext(r -> {
          ReconcileEvent e = r.event();
          assertThat(r.publishable()).isTrue();
          assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
          assertThat(e.type()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
          assertThat(e.source()).isEqualTo("/orkestra/test/webapp");
          assertThat(e.generation()).isEqualTo(3);
          assertThat(e.observedGeneration()).isEqualTo(3);
          assertThat(e.actions()).containsExactly(
              new ReconcileEvent.ActionSummary("created", "ConfigMap", "ns", "w-config"));
          assertThat(e.conditions().get(0).get("status").asText()).isEqualTo("True");
          assertThat(e.id()).isEqualTo(ReconcilePipeline.eventId("u-1", 3, "5", Outcome.SUCCEEDED));
        })
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(applier.lastStatus.get("phase").asText()).isEqualTo("Running");
    assertThat(applier.lastStatus.get("observedGeneration").asLong()).isEqualTo(3);
    assertThat(applier.lastStatus.at("/conditions/0/lastTransitionTime").asText()).isEqualTo("2026-11-25T10:00:00Z");
  }

  @Test
  void theStatusIsInterpretedWithTheObservedChildren() {
    FakeApplier applier = new FakeApplier();
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeOperator base = new FakeOperator();
    CompiledOperator operator = new CompiledOperator() {
      @Override
      public OperatorSpec spec() {
        return base.spec();
      }

      @Override
      public DesiredState interpret(ObjectNode cr, ObservedState observed, Clock clock) {
        seen.add(observed.children().size());
        DesiredState d = base.interpret(cr, observed, clock);
        ObjectNode child = observed.children().get(CM);
        String ready = child == null ? "none" : child.path("status").path("ready").asText("?");
        return new DesiredState(CR, d.children(),
            DiffEngineTest.json("{'phase':'" + ready + "'}"));
      }
    };
    ReconcilePipeline pipeline = new ReconcilePipeline(operator, applier, OPTIONS);

    pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(1, null))).block(TIMEOUT);
    String first = applier.lastStatus.path("phase").asText();
    applier.children.get(CM).putObject("status").put("ready", "yes");
    pipeline.reconcile(CR, new WatchEvent.Resynced(CR, cr(1, applier.lastStatus)))
        .block(TIMEOUT);

    assertThat(first).as("nothing observed on the first reconcile").isEqualTo("none");
    assertThat(applier.lastStatus.path("phase").asText()).isEqualTo("yes");
    // without children one interpretation; with children a second one that sees them
    assertThat(seen).containsExactly(0, 0, 1);
  }

  @Test
  void aRestartedProcessAnnouncesAConvergedResourceOnceWithoutWriting() {
    FakeApplier applier = new FakeApplier();
    new ReconcilePipeline(new FakeOperator(), applier, OPTIONS)
        .reconcile(CR, new WatchEvent.Added(CR, cr(1, null))).block(TIMEOUT);
    ObjectNode written = applier.lastStatus;
    // a new process (after a crash) finds the resource converged
    ReconcilePipeline restarted = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);

    ReconcileResult first = restarted.reconcile(CR, new WatchEvent.Added(CR, cr(1, written))).block(TIMEOUT);
    ReconcileResult resync = restarted.reconcile(CR, new WatchEvent.Resynced(CR, cr(1, written))).block(TIMEOUT);

    assertThat(first.publishable()).as("announced once per process").isTrue();
    assertThat(first.event().actions()).isEmpty();
    assertThat(resync.publishable()).isFalse();
    assertThat(applier.statusWrites.get()).as("nothing written by the restarted process").isEqualTo(1);
  }

  @Test
  void secondReconcileOfUnchangedResourceWritesNothingAndIsNotPublished() {
    FakeApplier applier = new FakeApplier();
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);
    pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(1, null))).block(TIMEOUT);
    ObjectNode written = applier.lastStatus;
    ReconcileResult again = pipeline.reconcile(CR, new WatchEvent.Resynced(CR, cr(1, written))).block(TIMEOUT);
    assertThat(again.changed()).isFalse();
    assertThat(again.publishable()).isFalse();
    assertThat(again.event().actions()).isEmpty();
    assertThat(applier.statusWrites.get()).isEqualTo(1);
    assertThat(applier.log).filteredOn(l -> l.startsWith("Normal")).hasSize(1);
  }

  @Test
  void templateFailureBecomesFailedEventWithTruncatedMessageAndReadyFalse() {
    FakeApplier applier = new FakeApplier();
    FakeOperator operator = new FakeOperator();
    operator.failure = new OrkestraException("katalog.yaml:12:9: template refers to missing field .spec.x " + "y".repeat(400));
    ReconcilePipeline pipeline = new ReconcilePipeline(operator, applier, OPTIONS);
    ReconcileResult r = pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(2, null))).block(TIMEOUT);
    assertThat(r.event().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.event().error()).startsWith("katalog.yaml:12:9: template refers to missing field .spec.x").hasSize(256);
    assertThat(applier.lastStatus.at("/conditions/0/status").asText()).isEqualTo("False");
    assertThat(applier.lastStatus.at("/conditions/0/reason").asText()).isEqualTo("ReconcileError");
    assertThat(applier.children).isEmpty();
  }

  @Test
  void retryFailingTheSameWayIsNotPublishedAgain() {
    FakeApplier applier = new FakeApplier();
    FakeOperator operator = new FakeOperator();
    operator.failure = new OrkestraException("boom");
    ReconcilePipeline pipeline = new ReconcilePipeline(operator, applier, OPTIONS);
    ReconcileResult first = pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(2, null))).block(TIMEOUT);
    // the watch source drops status-only updates, so a retry sees the object without our status
    ReconcileResult retry = pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(2, null))).block(TIMEOUT);
    assertThat(first.publishable()).isTrue();
    assertThat(retry.event().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(retry.publishable()).isFalse();
    assertThat(applier.log).filteredOn(l -> l.startsWith("Warning WebAppReconcileError")).hasSize(1);
    assertThat(retry.event().id()).isEqualTo(first.event().id());
    operator.failure = new OrkestraException("another cause");
    assertThat(pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(2, null))).block(TIMEOUT).publishable())
        .isTrue();
    assertThat(applier.statusWrites.get()).isEqualTo(2);
  }

  @Test
  void applyFailureIsReportedNotThrown() {
    FakeApplier applier = new FakeApplier();
    applier.failApply = true;
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);
    StepVerifier.create(pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(1, null))))
        .assertNext(r -> assertThat(r.event().error()).contains("forbidden"))
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void deletionIsPublishedAsDeletedEvent() {
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), new FakeApplier(), OPTIONS);
    ReconcileResult r = pipeline.reconcile(CR, new WatchEvent.Deleted(CR, cr(4, null))).block(TIMEOUT);
    assertThat(r.event().type()).isEqualTo("io.orkestra.reconcile.v1.deleted");
    assertThat(r.publishable()).isTrue();
  }

  @Test
  void addsCleanupFinalizerBeforeTheFirstChild() {
    FakeApplier applier = new FakeApplier();
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);
    pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(1, null))).block(TIMEOUT);
    assertThat(applier.log).containsExactly(
        "add finalizer orkestra.orkspace.io/cleanup",
        "created w-config",
        "Normal WebAppReconciled: created ConfigMap w-config");
  }

  @Test
  void deletionDeletesOwnedChildrenThenRemovesFinalizerAndIsPublishedOnce() {
    FakeApplier applier = new FakeApplier();
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);
    pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(1, null))).block(TIMEOUT);
    applier.log.clear();
    ObjectNode deleting = cr(1, applier.lastStatus);
    ((ObjectNode) deleting.get("metadata")).put("deletionTimestamp", "2026-11-25T10:05:00Z")
        .putArray("finalizers").add("orkestra.orkspace.io/cleanup");

    ReconcileResult cleanup = pipeline.reconcile(CR, new WatchEvent.Modified(CR, deleting)).block(TIMEOUT);
    ReconcileResult gone = pipeline.reconcile(CR, new WatchEvent.Deleted(CR, deleting)).block(TIMEOUT);

    assertThat(applier.log).containsExactly(
        "deleted w-config",
        "Normal WebAppDeleted: deleted ConfigMap w-config",
        "remove finalizer orkestra.orkspace.io/cleanup");
    assertThat(applier.children).isEmpty();
    assertThat(cleanup.event().outcome()).isEqualTo(Outcome.DELETED);
    assertThat(cleanup.event().actions()).extracting(ReconcileEvent.ActionSummary::verb).containsExactly("deleted");
    assertThat(cleanup.publishable()).isTrue();
    assertThat(gone.publishable()).isFalse();
  }

  @Test
  void failedCleanupKeepsTheFinalizer() {
    FakeApplier applier = new FakeApplier();
    ReconcilePipeline pipeline = new ReconcilePipeline(new FakeOperator(), applier, OPTIONS);
    pipeline.reconcile(CR, new WatchEvent.Added(CR, cr(1, null))).block(TIMEOUT);
    applier.failApply = true;
    applier.log.clear();
    ObjectNode deleting = cr(1, null);
    ((ObjectNode) deleting.get("metadata")).put("deletionTimestamp", "2026-11-25T10:05:00Z")
        .putArray("finalizers").add("orkestra.orkspace.io/cleanup");
    ReconcileResult r = pipeline.reconcile(CR, new WatchEvent.Modified(CR, deleting)).block(TIMEOUT);
    assertThat(r.event().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(applier.log).doesNotContain("remove finalizer orkestra.orkspace.io/cleanup");
  }

  @Test
  void eventIdIsStableAndDistinguishesOutcome() {
    assertThat(ReconcilePipeline.eventId("u", 1, "9", Outcome.SUCCEEDED))
        .isEqualTo(ReconcilePipeline.eventId("u", 1, "9", Outcome.SUCCEEDED))
        .isNotEqualTo(ReconcilePipeline.eventId("u", 1, "9", Outcome.FAILED))
        .isNotEqualTo(ReconcilePipeline.eventId("u", 2, "9", Outcome.SUCCEEDED));
  }
}

package io.orkestra.runtime.internal.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.Simulation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cycle loop: the runtime's own reconcile pipeline against the fake cluster. */
class SimulationRunnerTest {

  private static final Path DIR = Path.of("src/test/resources/fixtures/simulate/toggle");
  private static final Clock CLOCK = Clock.fixed(SimulationRunner.EPOCH, ZoneOffset.UTC);
  private static final Simulation.Position POS = new Simulation.Position("t.yaml", 1, 1);

  private static CompiledOperator operator() {
    return KatalogInterpreter.load(DIR.resolve("katalog.yaml")).get(0);
  }

  private static ObjectNode cr() {
    return KatalogInterpreter.readManifests(DIR.resolve("cr.yaml")).get(0);
  }

  private static SimulationRunner.ResourceRun run(int cycles, List<Simulation.Change> changes) {
    SimulationRunner.CrdRun run =
        SimulationRunner.run(operator(), List.of(cr()), cycles, changes, CLOCK)
            .block(Duration.ofSeconds(30));
    assertThat(run).isNotNull();
    assertThat(run.resources()).hasSize(1);
    return run.resources().get(0);
  }

  private static List<String> ops(SimulationRunner.Cycle c) {
    return c.ops().stream().map(FakeCluster.Op::toString).toList();
  }

  @Test
  void createsOnTheFirstCycleAndWritesNothingAfterwards() {
    SimulationRunner.ResourceRun r = run(3, List.of());

    assertThat(ops(r.cycles().get(0)))
        .containsExactly(
            "create configmaps/a1-base", "create configmaps/a1-extra", "update status/a1");
    assertThat(r.cycles().get(1).ops()).isEmpty();
    assertThat(r.cycles().get(2).ops()).isEmpty();
    assertThat(r.steadyAt()).hasValue(2);
  }

  @Test
  void writesTheDeclaredStatusWithReadyAndObservedGeneration() {
    SimulationRunner.ResourceRun r = run(1, List.of());

    ObjectNode status = r.cycles().get(0).status();
    assertThat(status).isNotNull();
    assertThat(status.path("size").asText()).isEqualTo("small");
    assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
    assertThat(Verdicts.at(status, "conditions[type=Ready].status").asText()).isEqualTo("True");
    assertThat(Verdicts.at(status, "conditions[type=Ready].lastTransitionTime").asText())
        .isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void aConditionThatTurnsFalseDeletesTheChild() {
    ObjectNode patch = new ObjectMapper().createObjectNode();
    patch.putObject("spec").put("extra", "off");
    SimulationRunner.ResourceRun r =
        run(4, List.of(new Simulation.Change(3, null, null, patch, false, POS)));

    assertThat(r.cycles().get(1).ops()).isEmpty();
    // the patch changed spec: generation 2 is observed, so the status is written again
    assertThat(ops(r.cycles().get(2)))
        .containsExactly("delete configmaps/a1-extra", "update status/a1");
    assertThat(r.cycles().get(3).ops()).isEmpty();
    assertThat(r.steadyAt()).hasValue(4);
  }

  @Test
  void aSpecChangeUpdatesTheDriftCorrectedChildAndTheStatus() {
    ObjectNode patch = new ObjectMapper().createObjectNode();
    patch.putObject("spec").put("size", "large");
    SimulationRunner.ResourceRun r =
        run(3, List.of(new Simulation.Change(2, "App", "a1", patch, false, POS)));

    assertThat(ops(r.cycles().get(1)))
        .containsExactly("update configmaps/a1-base", "update status/a1");
    assertThat(r.cycles().get(1).status().path("size").asText()).isEqualTo("large");
    assertThat(r.cycles().get(1).status().path("observedGeneration").asLong()).isEqualTo(2);
  }

  @Test
  void deletingTheResourceRunsTheCleanupAndRemovesTheFinalizer() {
    SimulationRunner.CrdRun run =
        SimulationRunner.run(operator(), List.of(cr()), 3,
                List.of(new Simulation.Change(2, null, "a1", null, true, POS)), CLOCK)
            .block(Duration.ofSeconds(30));
    SimulationRunner.ResourceRun r = run.resources().get(0);

    assertThat(ops(r.cycles().get(1)))
        .containsExactlyInAnyOrder("delete configmaps/a1-base", "delete configmaps/a1-extra");
    assertThat(r.cycles().get(1).status()).isNull();
    assertThat(run.cluster().customResource(r.key())).isNull();
    assertThat(run.cluster().children()).isEmpty();
    assertThat(run.cluster().events()).extracting(FakeCluster.KubeEvent::reason)
        .contains("AppReconciled", "AppDeleted");
  }

  @Test
  void theFinalizerIsAddedBeforeTheFirstChild() {
    SimulationRunner.CrdRun run =
        SimulationRunner.run(operator(), List.of(cr()), 1, List.of(), CLOCK)
            .block(Duration.ofSeconds(30));
    ObjectNode stored = run.cluster().customResource(run.resources().get(0).key());

    assertThat(stored.path("metadata").path("finalizers").toString())
        .contains(OperatorRuntime.CLEANUP_FINALIZER);
    assertThat(run.cluster().children().values())
        .allSatisfy(child -> assertThat(
            child.path("metadata").path("ownerReferences").get(0).path("name").asText())
            .isEqualTo("a1"));
  }

  @Test
  void aFailingTemplateIsRecordedAsTheCycleError() {
    Path dir = Path.of("src/test/resources/fixtures/simulate/failing");
    SimulationRunner.ResourceRun r =
        SimulationRunner.run(KatalogInterpreter.load(dir.resolve("katalog.yaml")).get(0),
                KatalogInterpreter.readManifests(dir.resolve("cr.yaml")), 2, List.of(), CLOCK)
            .block(Duration.ofSeconds(30)).resources().get(0);

    assertThat(r.cycles()).allSatisfy(
        c -> assertThat(c.error()).contains("missing field .spec.name"));
    // the Ready=False status is written once; the same failure again changes nothing
    assertThat(ops(r.cycles().get(0))).containsExactly("update status/a1");
    assertThat(r.cycles().get(1).ops()).isEmpty();
    assertThat(Verdicts.at(r.cycles().get(1).status(), "conditions[0].status").asText())
        .isEqualTo("False");
  }
}

package io.orkestra.runtime.internal.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.orkestra.core.ResourceKey;
import io.orkestra.katalog.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final Simulation.Position POS = new Simulation.Position("s.yaml", 3, 5);
  private static final ResourceKey OWNER = ResourceKey.of("demo.io/v1", "App", "ns", "a");
  private static final FakeCluster.Op CREATE =
      new FakeCluster.Op(OWNER, "create", "deployments", "ns", "web");
  private static final FakeCluster.Op UPDATE =
      new FakeCluster.Op(OWNER, "update", "deployments", "ns", "web");

  private static Simulation.OpRule rule(int cycle, String verb, String resource, String name,
      int count) {
    return new Simulation.OpRule(cycle, verb, resource, name, count, POS);
  }

  private static SimulationRunner.CrdRun run() throws Exception {
    var status = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(
        "{\"replicas\":3,\"phase\":\"Ready\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}");
    List<SimulationRunner.Cycle> cycles = List.of(
        new SimulationRunner.Cycle(1, List.of(CREATE), null, status),
        new SimulationRunner.Cycle(2, List.of(UPDATE), null, status),
        new SimulationRunner.Cycle(3, List.of(), null, status));
    return new SimulationRunner.CrdRun("app",
        List.of(new SimulationRunner.ResourceRun(OWNER, cycles)),
        new FakeCluster(java.time.Clock.systemUTC()), List.of());
  }

  @Test
  void patchAndApplyMatchUpdatesAndKindsMatchTheirPlural() {
    assertThat(Verdicts.matches(UPDATE, rule(2, "patch", "Deployment", "web", 0))).isTrue();
    assertThat(Verdicts.matches(UPDATE, rule(2, "apply", "deployment", null, 0))).isTrue();
    assertThat(Verdicts.matches(CREATE, rule(1, "update", null, null, 0))).isFalse();
    assertThat(Verdicts.matches(CREATE, rule(1, null, "services", null, 0))).isFalse();
    assertThat(Verdicts.matches(CREATE, rule(1, null, null, "other", 0))).isFalse();
    assertThat(Verdicts.matches(CREATE, rule(1, null, null, null, 0))).isTrue();
  }

  @Test
  void checksOpsAbsentCountsSteadyAndStatus() throws Exception {
    Simulation.Expect expect = new Simulation.Expect(
        new Simulation.Flag(true, POS), new Simulation.Limit(2, POS), null,
        List.of(rule(1, "create", "deployments", "web", 0), rule(2, "update", null, null, 2)),
        List.of(rule(3, null, null, null, 0), rule(2, "update", null, null, 0)),
        List.of(new Simulation.StatusRule("replicas", IntNode.valueOf(3), null, null, POS),
            new Simulation.StatusRule("conditions[type=Ready].status", TextNode.valueOf("True"),
                "a", 1, POS),
            new Simulation.StatusRule("phase", TextNode.valueOf("Failed"), null, null, POS),
            new Simulation.StatusRule("phase", TextNode.valueOf("Ready"), "b", null, POS)),
        List.of(), List.of(), Map.of());

    List<Verdicts.Verdict> v = Verdicts.check(expect, run());

    assertThat(v).extracting(Verdicts.Verdict::passed)
        .containsExactly(true, false, true, false, true, false, true, true, false, false);
    assertThat(v.get(1).message()).isEqualTo("expected steady at cycle 2 or earlier: a steady at cycle 3");
    assertThat(v.get(3).description()).isEqualTo("update * (cycle 2) x2");
    assertThat(v.get(3).message()).isEqualTo(
        "expected at least 2 matching ops in cycle 2, found 1 (cycle 2 wrote: update deployments/web)");
    assertThat(v.get(5).message())
        .isEqualTo("expected no matching op in cycle 2, found 1: update deployments/web");
    assertThat(v.get(8).message()).isEqualTo("a has \"Ready\" after cycle 3");
    assertThat(v.get(9).message()).isEqualTo("no custom resource named b");
    assertThat(v).allMatch(x -> x.pos().equals(POS));
  }

  @Test
  void readsPathsWithIndexesAndSelectors() throws Exception {
    var tree = new ObjectMapper().readTree(
        "{\"a\":{\"b\":[{\"c\":1},{\"c\":2,\"name\":\"x\"}]}}");

    assertThat(Verdicts.at(tree, "a.b[1].c").asInt()).isEqualTo(2);
    assertThat(Verdicts.at(tree, "a.b[name=x].c").asInt()).isEqualTo(2);
    assertThat(Verdicts.at(tree, "a.b[name=y].c").isMissingNode()).isTrue();
    assertThat(Verdicts.at(tree, "a.b[z].c").isMissingNode()).isTrue();
  }
}

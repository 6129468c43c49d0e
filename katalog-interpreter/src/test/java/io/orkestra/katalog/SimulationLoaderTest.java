package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KatalogInterpreter#loadSimulation}: Orkestra's simulate.yaml schema, with positions. */
class SimulationLoaderTest {

  private static List<String> problems(String fixture) {
    try {
      KatalogInterpreter.loadSimulation(Fixtures.path(fixture));
    } catch (KatalogException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected " + fixture + " to fail loading");
  }

  @Test
  void readsEveryFieldOfAValidFile() {
    Path file = Fixtures.path("simulate/valid.yaml");
    Simulation sim = KatalogInterpreter.loadSimulation(file);

    assertThat(sim.name()).isEqualTo("valid");
    assertThat(sim.description()).isEqualTo("every field");
    assertThat(sim.aggregator()).isFalse();
    assertThat(sim.katalog()).isEqualTo(file.getParent().resolve("katalog.yaml"));
    assertThat(sim.crFiles()).hasSize(2).allMatch(p -> p.endsWith("cr.yaml"));
    assertThat(sim.cycles()).isEqualTo(4);
    assertThat(sim.skipExternal()).isTrue();
    assertThat(sim.target()).isEqualTo("staging");
    assertThat(sim.changes()).hasSize(2);
    assertThat(sim.changes().get(0).patch().path("spec").path("size").asText()).isEqualTo("large");
    assertThat(sim.changes().get(0).kind()).isEqualTo("App");
    assertThat(sim.changes().get(1).delete()).isTrue();
    Simulation.Expect e = sim.expect();
    assertThat(e.steady().value()).isTrue();
    assertThat(e.steady().pos().line()).isEqualTo(17);
    assertThat(e.steadyAt().value()).isEqualTo(2);
    assertThat(e.noErrors().value()).isTrue();
    // the include is expanded in place, with the included file's positions
    assertThat(e.ops()).extracting(Simulation.OpRule::verb).containsExactly("create", "update");
    assertThat(e.ops().get(1).pos().file()).endsWith("ops.yaml");
    assertThat(e.ops().get(0).pos()).hasToString(sim.file() + ":21:9");
    assertThat(e.absent()).singleElement().satisfies(r -> {
      assertThat(r.cycle()).isEqualTo(2);
      assertThat(r.verb()).isNull();
    });
    assertThat(e.status()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("conditions[type=Ready].status");
      assertThat(r.value().asText()).isEqualTo("True");
      assertThat(r.cycle()).isEqualTo(1);
    });
    assertThat(e.forCrd("app").steady().value()).isFalse();
    assertThat(e.forCrd("other")).isSameAs(e);
  }

  @Test
  void acceptsOrkestrasOlderCatalogSpelling() {
    Simulation sim = KatalogInterpreter.loadSimulation(Fixtures.path("simulate/legacy-catalog.yaml"));

    assertThat(sim.katalog()).isNotNull();
    assertThat(sim.katalog().getFileName().toString()).isEqualTo("katalog.yaml");
    assertThat(sim.expect()).isNull();
    assertThat(sim.cycles()).isNull();
  }

  @Test
  void readsAnAggregatorFile() {
    Simulation sim = KatalogInterpreter.loadSimulation(Fixtures.path("simulate/suite.yaml"));

    assertThat(sim.aggregator()).isTrue();
    assertThat(sim.imports()).extracting(p -> p.getFileName().toString())
        .containsExactly("valid.yaml", "legacy-catalog.yaml");
  }

  @Test
  void aDirectoryMeansItsSimulateYaml() {
    assertThatThrownBy(() -> KatalogInterpreter.loadSimulation(Fixtures.path("simulate")))
        .isInstanceOf(KatalogException.class)
        .hasMessageContaining("simulate file not found:")
        .hasMessageEndingWith("simulate/simulate.yaml");
  }

  @Test
  void readsTheClockChildStatusAdmissionAndConversionExtensions() {
    Simulation sim = KatalogInterpreter.loadSimulation(Fixtures.path("simulate/extensions.yaml"));

    assertThat(sim.clock()).isEqualTo(java.time.Instant.parse("2026-01-07T16:00:00Z"));
    assertThat(sim.clockStep()).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(sim.childStatus()).singleElement().satisfies(c -> {
      assertThat(c.cycle()).isEqualTo(2);
      assertThat(c.kind()).isEqualTo("Deployment");
      assertThat(c.name()).isEqualTo("web");
      assertThat(c.status().path("readyReplicas").asInt()).isEqualTo(3);
      assertThat(c.pos().line()).isEqualTo(10);
    });
    Simulation.Expect e = sim.expect();
    assertThat(e.admission()).hasSize(2);
    Simulation.AdmissionCase a = e.admission().get(0);
    assertThat(a.cr().path("metadata").path("name").asText()).isEqualTo("a1");
    assertThat(a.operation()).isEqualTo(Admission.Operation.CREATE);
    assertThat(a.allowed()).isFalse();
    assertThat(a.denied()).containsExactly("no", "bad image");
    assertThat(a.warnings()).isEmpty();
    assertThat(a.patched().path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(a.error()).isNull();
    Simulation.AdmissionCase b = e.admission().get(1);
    assertThat(b.operation()).isEqualTo(Admission.Operation.UPDATE);
    assertThat(b.oldCr()).isNotNull();
    assertThat(b.allowed()).isNull();
    assertThat(b.denied()).isNull();
    assertThat(b.error()).isEqualTo("missing field");
    assertThat(e.conversion()).extracting(Simulation.ConversionCase::toVersion)
        .containsExactly("v2", "v3", "v9");
    assertThat(e.conversion().get(0).from().path("metadata").path("name").asText())
        .isEqualTo("a1");
    assertThat(e.conversion().get(0).equals()).isNotNull();
    assertThat(e.conversion().get(1).contains()).isNotNull();
    assertThat(e.conversion().get(2).error()).isEqualTo("no conversion path");
  }

  @Test
  void aPlainClockIsFixed() {
    Simulation sim = KatalogInterpreter.loadSimulation(Fixtures.path("simulate/valid.yaml"));

    assertThat(sim.clock()).isNull();
    assertThat(sim.clockStep()).isZero();
    assertThat(sim.childStatus()).isEmpty();
    assertThat(sim.expect().admission()).isEmpty();
  }

  @Test
  void reportsExtensionMistakesWithTheirPosition() {
    String f = Fixtures.display("simulate/extension-mistakes.yaml");
    String dir = f.substring(0, f.lastIndexOf('/'));

    assertThat(problems("simulate/extension-mistakes.yaml")).containsExactly(
        f + ":8:10: spec.clock must be an RFC 3339 UTC time such as 2026-01-07T10:30:00Z, got"
            + " 'yesterday'",
        f + ":10:15: spec.childStatus[0].cycle must be an integer from 2 to 1000, got a number"
            + " '1'",
        f + ":11:7: missing required key 'kind' in spec.childStatus[1]",
        f + ":11:7: missing required key 'status' in spec.childStatus[1]",
        f + ":14:18: spec.expect.admission[0] has both 'cr' and 'crFile': keep one",
        f + ":15:9: missing required key 'cr' in spec.expect.admission[1] (or 'crFile')",
        f + ":15:21: unknown operation 'CREATED' in spec.expect.admission[1] (use one of CREATE,"
            + " UPDATE, DELETE, CONNECT, RECONCILE) (did you mean 'CREATE'?)",
        f + ":16:9: spec.expect.admission[2] checks nothing: give allowed, denied, warnings,"
            + " patched or error",
        f + ":17:9: spec.expect.admission[3] checks an UPDATE: give the stored object as oldCr or"
            + " oldCrFile",
        f + ":18:18: " + dir + "/two.yaml must hold exactly one object, has 2",
        f + ":18:38: spec.expect.admission[4].denied must be a list, got a string 'x'",
        f + ":20:9: missing required key 'toVersion' in spec.expect.conversion[0]",
        f + ":21:9: spec.expect.conversion[1] checks nothing: give equals, contains or error",
        f + ":22:63: spec.expect.conversion[2] expects an error and a result: keep one",
        f + ":22:66: unknown key 'to' in spec.expect.conversion[2]",
        f + ":24:13: unknown key 'admission' in spec.expect.crds.app");
  }

  @Test
  void reportsClockMistakesWithTheirPosition() {
    String f = Fixtures.display("simulate/clock-mistakes.yaml");

    assertThat(problems("simulate/clock-mistakes.yaml")).containsExactly(
        f + ":8:10: missing required key 'now' in spec.clock",
        f + ":8:17: spec.clock.step: unknown unit ' hour' in duration '1 hour' (use ns, us, ms, s,"
            + " m or h)",
        f + ":8:25: unknown key 'at' in spec.clock");
  }

  @Test
  void reportsEveryMistakeWithItsPosition() {
    String f = Fixtures.display("simulate/mistakes.yaml");
    String dir = f.substring(0, f.lastIndexOf('/'));

    assertThat(problems("simulate/mistakes.yaml"))
        .containsExactly(
            f + ":6:12: katalog file not found: " + dir + "/missing-katalog.yaml",
            f + ":8:11: spec.cycles must be an integer from 1 to 1000, got a number '0'",
            f + ":10:5: unknown key 'stedy' in spec.expect (did you mean 'steady'?)",
            f + ":12:26: unknown verb 'crate' in spec.expect.ops[0] (use one of create, update,"
                + " delete, patch, apply) (did you mean 'create'?)",
            f + ":13:9: missing required key 'cycle' in spec.expect.ops[1]",
            f + ":14:27: spec.expect.ops[2].count must be an integer >= 0, got a number '-1'",
            f + ":16:9: missing required key 'path' in spec.expect.status[0]",
            f + ":18:15: spec.changes[0].cycle must be an integer from 2 to 1000, got a number '1'",
            f + ":19:7: spec.changes[1] needs 'patch' (a merge patch) or 'delete: true'",
            f + ":20:7: spec.changes[2] has both 'patch' and 'delete': use one per change");
  }

  @Test
  void rejectsAnotherKindNamingTheWayToSimulateIt() {
    String f = Fixtures.display("simulate/wrong-kind.yaml");

    assertThat(problems("simulate/wrong-kind.yaml"))
        .containsExactly(f + ":2:7: kind must be Simulate, got 'Katalog'"
            + " (pass the Katalog with --cr to simulate it without assertions)");
  }

  @Test
  void needsASpecOrImports() {
    String f = Fixtures.display("simulate/no-spec.yaml");

    assertThat(problems("simulate/no-spec.yaml"))
        .containsExactly(f + ":1:1: missing required key 'spec' at the top level"
            + " (or 'imports' for a file that runs other simulate files)");
  }

  @Test
  void needsACrFileAndListsWhereAListIsExpected() {
    String f = Fixtures.display("simulate/no-cr.yaml");

    assertThat(problems("simulate/no-cr.yaml"))
        .containsExactly(
            f + ":5:3: missing required key 'cr' in spec (or 'crFiles')",
            f + ":7:10: spec.expect.ops must be a list, got a mapping");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirPosition() {
    assertThat(problems("simulate/broken.yaml"))
        .singleElement()
        .asString()
        .startsWith(Fixtures.display("simulate/broken.yaml") + ":")
        .contains("invalid YAML");
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ork simulate}: exit codes, report, JSON, file resolution. */
class SimulateCommandTest {

  private static final Path TOGGLE = Path.of("src/test/resources/fixtures/simulate/toggle");

  private static Path simulateFile(Path dir, String expect) throws Exception {
    for (String f : new String[] {"katalog.yaml", "cr.yaml"}) {
      Files.copy(TOGGLE.resolve(f), dir.resolve(f));
    }
    Path sim = dir.resolve("simulate.yaml");
    Files.writeString(sim, String.join("\n",
        "apiVersion: orkestra.orkspace.io/v1",
        "kind: Simulate",
        "metadata: {name: toggle}",
        "spec:",
        "  katalog: ./katalog.yaml",
        "  cr: ./cr.yaml",
        "  cycles: 3",
        "  expect:",
        expect,
        ""));
    return sim;
  }

  @Test
  void passingAssertionsExitZeroAndPrintEachCycleAndAssertion(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, String.join("\n",
        "    steady: true",
        "    steadyAt: 2",
        "    ops:",
        "      - {cycle: 1, verb: create, resource: configmaps, name: a1-extra}",
        "    absent:",
        "      - {cycle: 2}",
        "    status:",
        "      - {path: size, value: small}"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(r.out())
        .contains("  app ns/a1\n    Cycle 1:\n      + configmaps/a1-base\n"
            + "      + configmaps/a1-extra\n      ~ status/a1\n    (cycles 2\u20133: no writes)\n"
            + "    \u2713 steady state at cycle 2\n")
        .contains("\u2713 create configmaps/a1-extra (cycle 1)", "\u2713 absent: any * (cycle 2)",
            "\u2713 status.size = \"small\"")
        .containsPattern("PASS: 5/5 assertions passed \\([0-9.]+ ms\\)");
  }

  @Test
  void aFailingAssertionExitsOneNamingItsPosition(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, String.join("\n",
        "    steady: true",
        "    ops:",
        "      - {cycle: 2, verb: create, resource: configmaps}"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("\u2713 steady")
        .contains("\u2717 " + sim + ":11:9: create configmaps (cycle 2): expected at least 1"
            + " matching op in cycle 2, found 0 (cycle 2 wrote: nothing)")
        .contains("FAIL: 1/2 assertions passed");
  }

  @Test
  void anUnsteadyRunFailsSteady(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, "    steady: true");

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString(), "--cycles", "1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("(1 cycles)", "~ no steady state within 1 cycles",
        "no steady state within the cycle limit: a1 (cycle 1 wrote: create configmaps/a1-base,"
            + " create configmaps/a1-extra, update status/a1)");
  }

  @Test
  void anInvalidSimulateFileExitsTwoWithItsPosition(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, "    steddy: true");

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "error: " + sim + ":9:5: unknown key 'steddy' in spec.expect (did you mean 'steady'?)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aReconcileErrorFailsTheRun() {
    Path dir = Path.of("src/test/resources/fixtures/simulate/failing");

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", dir.resolve("katalog.yaml").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\u2717 reconcile failed: ")
        .contains("template refers to missing field .spec.name (ns/a1)")
        .contains("FAIL: no expect block, a reconcile failed");
  }

  @Test
  void aKatalogWithCrRunsInPrintOnlyMode() {
    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", TOGGLE.resolve("katalog.yaml").toString(),
        "--cr", TOGGLE.resolve("cr.yaml").toString(), "--cycles", "2", "--debug-ops");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("(2 cycles)", "+ configmaps/a1-base  (create, namespace ns)",
            "Cycle 2: no writes", "DONE: no expect block, nothing asserted");
  }

  @Test
  void jsonOutputHasEveryCycleOpAndAssertion(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, String.join("\n",
        "    ops:",
        "      - {cycle: 1, verb: create, resource: configmaps, count: 3}"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", dir.toString(), "-o", "json");

    assertThat(r.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("passed").asBoolean(true)).isFalse();
    JsonNode crd = root.path("files").get(0).path("crds").get(0);
    assertThat(crd.path("crd").asText()).isEqualTo("app");
    JsonNode resource = crd.path("resources").get(0);
    assertThat(resource.path("steadyAt").asInt()).isEqualTo(2);
    assertThat(resource.path("cycles")).hasSize(3);
    assertThat(resource.path("cycles").get(0).path("ops").findValuesAsText("name"))
        .containsExactly("a1-base", "a1-extra", "a1");
    assertThat(resource.path("cycles").get(2).path("status").path("size").asText())
        .isEqualTo("small");
    JsonNode assertion = crd.path("assertions").get(0);
    assertThat(assertion.path("passed").asBoolean(true)).isFalse();
    assertThat(assertion.path("position").asText()).isEqualTo(sim + ":10:9");
    assertThat(assertion.path("message").asText()).contains("expected at least 3 matching ops");
  }

  @Test
  void crdFlagNamingNoEntryExitsTwo(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, "    steady: true");

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString(), "--crd", "nope");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no CRD entry named 'nope'", "(entries: app)");
  }

  @Test
  void withoutArgumentsItLooksForSimulateYamlInTheCurrentDirectory() {
    // the tests run in the runtime module directory, which holds neither file
    OrkCliTest.Run r = OrkCliTest.ork("simulate");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: no simulate.yaml (or katalog.yaml) in the current directory");
  }

  @Test
  void discoveryRunsEverySimulateFileUnderADirectoryExceptSkipped() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("simulate", "../examples/simulate/...",
        "--skip", "multiple-crs,cr-*/*");

    long expected;
    try (var dirs = Files.list(Path.of("../examples/simulate"))) {
      expected = dirs.filter(d -> Files.exists(d.resolve("simulate.yaml")))
          .map(d -> d.getFileName().toString())
          .filter(n -> !n.equals("multiple-crs") && !n.startsWith("cr-"))
          .count();
    }
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("Simulating ../examples/simulate/configmaps/simulate.yaml")
        .doesNotContain("multiple-crs", "cr-deletion")
        .contains("PASS: " + expected + "/" + expected + " simulate files passed");
  }

  @Test
  void anOpRuleAfterTheLastCycleSaysSo(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, String.join("\n",
        "    ops:",
        "      - {cycle: 7, verb: create}"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(sim + ":10:9: create * (cycle 7): cycle 7 never ran"
        + " (the run had 3 cycles)");
  }

  @Test
  void aChangeThatMatchesNoResourceExitsTwoWithItsPosition(@TempDir Path dir) throws Exception {
    Path sim = simulateFile(dir, "    steady: true");
    Files.writeString(sim, Files.readString(sim)
        + "  changes:\n    - {cycle: 2, name: nope, delete: true}\n");

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "error: " + sim + ":11:7: this change matches no custom resource named nope");
  }

  private static Path extensionFile(Path dir, String example, String body) throws Exception {
    Path ex = Path.of("../examples/simulate", example).toAbsolutePath().normalize();
    Path sim = dir.resolve("simulate.yaml");
    Files.writeString(sim, String.join("\n",
        "apiVersion: orkestra.orkspace.io/v1",
        "kind: Simulate",
        "metadata: {name: ext}",
        "spec:",
        "  katalog: " + ex.resolve("katalog.yaml"),
        "  cr: " + ex.resolve("cr.yaml"),
        "  cycles: 2",
        body,
        ""));
    return sim;
  }

  @Test
  void failedAdmissionExpectationsSayWhatDifferedAtTheirPosition(@TempDir Path dir)
      throws Exception {
    Path sim = extensionFile(dir, "admission-deny-warn", String.join("\n",
        "  expect:",
        "    admission:",
        "      - cr: {apiVersion: demo.orkestra.io/v1, kind: App, metadata: {name: x},"
            + " spec: {image: docker.io/x}}",
        "        allowed: true",
        "        warnings: []",
        "        patched: {spec: {replicas: 3}}",
        "      - cr: {apiVersion: demo.orkestra.io/v1, kind: App, metadata: {name: y, labels:"
            + " {team: t}}, spec: {image: registry.example.com/y}}",
        "        denied: [nope]",
        "        error: boom"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("\u2717 " + sim + ":10:9: admission CREATE App/x: expected allowed, but it was"
            + " denied: [image docker.io/x must come from registry.example.com/]; expected"
            + " warnings [], got [x should carry a team label]; mutated object: spec.replicas:"
            + " expected 3, got 2")
        .contains("\u2717 " + sim + ":14:9: admission CREATE App/y: expected an error containing"
            + " 'boom', but it evaluated; expected denied [nope], got []")
        .contains("FAIL: 0/2 assertions passed");
  }

  @Test
  void failedConversionExpectationsShowTheConvertedObject(@TempDir Path dir) throws Exception {
    Path sim = extensionFile(dir, "conversion", String.join("\n",
        "  expect:",
        "    conversion:",
        "      - from: {apiVersion: demo.orkestra.io/v2, kind: Site, metadata: {name: s},"
            + " spec: {replicas: 2}}",
        "        toVersion: v2",
        "        equals: {apiVersion: demo.orkestra.io/v2, kind: Site, metadata: {name: s},"
            + " spec: {replicas: 3}}",
        "      - {from: {apiVersion: demo.orkestra.io/v2, kind: Site}, toVersion: v9,"
            + " contains: {}}"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("\u2717 " + sim + ":10:9: conversion Site/s demo.orkestra.io/v2 -> v2: converted"
            + " object differs: spec.replicas: expected 3, got 2 (got {\"apiVersion\":"
            + "\"demo.orkestra.io/v2\",\"kind\":\"Site\",\"metadata\":{\"name\":\"s\"},"
            + "\"spec\":{\"replicas\":2}})")
        .contains("\u2717 " + sim + ":13:9: conversion Site/? demo.orkestra.io/v2 -> v9: unknown"
            + " version 'v9' of Site (known: v1, v2)");
  }

  @Test
  void aChildStatusThatMatchesNoChildFailsNamingTheChildren(@TempDir Path dir) throws Exception {
    Path sim = extensionFile(dir, "status-state-machine", String.join("\n",
        "  childStatus:",
        "    - {cycle: 2, kind: Deployment, name: other, status: {readyReplicas: 1}}",
        "  expect:",
        "    noErrors: true"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("\u2717 " + sim + ":9:7: childStatus Deployment/other before"
        + " cycle 2: no child Deployment/other exists before cycle 2 (children then:"
        + " Deployment/shop)");
  }

  @Test
  void anAdmissionObjectNoCrdHandlesExitsTwoWithItsPosition(@TempDir Path dir) throws Exception {
    Path sim = extensionFile(dir, "admission-deny-warn", String.join("\n",
        "  expect:",
        "    admission:",
        "      - {cr: {apiVersion: other.io/v1, kind: App}, allowed: true}"));

    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", sim.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: " + sim + ":10:9: no CRD entry of ")
        .endsWith("katalog.yaml handles other.io/v1 App");
  }
}

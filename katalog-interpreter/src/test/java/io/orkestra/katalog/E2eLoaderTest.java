package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KatalogInterpreter#loadE2e}: Orkestra's e2e.yaml schema, validated with positions. */
class E2eLoaderTest {

  private static List<String> problems(String fixture) {
    try {
      KatalogInterpreter.loadE2e(Fixtures.path(fixture));
    } catch (KatalogException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected " + fixture + " to fail loading");
  }

  @Test
  void readsEveryFieldOfAValidFileAndExpandsIncludes() {
    Path file = Fixtures.path("e2e/e2e.yaml");
    Path dir = file.getParent();

    E2eTest e2e = KatalogInterpreter.loadE2e(file);

    assertThat(e2e.name()).isEqualTo("app-e2e");
    assertThat(e2e.description()).isEqualTo("every field");
    assertThat(e2e.imports()).containsExactly(dir.resolve("other-e2e.yaml"), dir.resolve("other-e2e.yaml"));
    assertThat(e2e.katalog()).isEqualTo(dir.resolve("katalog.yaml"));
    assertThat(e2e.crdFiles()).containsExactly(dir.resolve("crd.yaml"));
    assertThat(e2e.crFiles()).containsExactly(dir.resolve("cr.yaml"));
    assertThat(e2e.cluster()).isEqualTo(new E2eTest.Cluster("kind", "app-e2e", true));
    assertThat(e2e.setupFiles()).hasSize(2).allMatch(p -> p.endsWith("namespace.yaml"));
    assertThat(e2e.valuesFiles()).containsExactly(dir.resolve("values.yaml"));
    assertThat(e2e.steps())
        .extracting(E2eTest.Step::name, E2eTest.Step::after, E2eTest.Step::timeout)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("namespace ready", E2eTest.After.SETUP_COMPLETE, Duration.ofSeconds(20)),
            org.assertj.core.groups.Tuple.tuple("deployment created", E2eTest.After.CR_APPLIED, Duration.ofSeconds(90)),
            org.assertj.core.groups.Tuple.tuple("configmap removed", E2eTest.After.CR_DELETED, Duration.ofSeconds(30)));
    E2eTest.Step created = e2e.steps().get(1);
    assertThat(created.delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(created.resources())
        .containsExactly(
            new E2eTest.ResourceCheck("Deployment", "app", "default", null, true),
            new E2eTest.ResourceCheck("ConfigMap", "app-config", null, 1, false));
    assertThat(created.kubectl()).containsExactly("get", "logs");
    assertThat(created.conditional()).isTrue();
    assertThat(e2e.steps().get(0).commands())
        .containsExactly(new E2eTest.Command("kubectl get ns team-a", 0, List.of("outputContains")));
    // an included step keeps the position in its own file
    assertThat(e2e.steps().get(2).pos().file()).endsWith("more-expect.yaml");
    assertThat(e2e.steps().get(2).pos().line()).isEqualTo(1);
  }

  @Test
  void aDirectoryStandsForItsE2eYaml() {
    assertThat(KatalogInterpreter.loadE2e(Fixtures.path("e2e")).name()).isEqualTo("app-e2e");
  }

  @Test
  void aCustomTargetNeedsNoKatalog() {
    E2eTest other = KatalogInterpreter.loadE2e(Fixtures.path("e2e/other-e2e.yaml"));

    assertThat(other.katalog()).isNull();
    assertThat(other.customTarget()).isEqualTo("kubernetes");
    assertThat(other.cluster()).isEqualTo(new E2eTest.Cluster("kind", "ork-e2e", false));
    assertThat(other.steps()).singleElement().extracting(E2eTest.Step::name).isEqualTo("nothing to do");
  }

  @Test
  void reportsEveryMistakeWithItsPositionAndASuggestion() {
    String f = Fixtures.display("e2e/mistakes.yaml");

    assertThat(problems("e2e/mistakes.yaml"))
        .containsExactly(
            f + ":7:3: unknown key 'clustr' in spec (did you mean 'cluster'?)",
            f + ":10:14: unknown after 'cr-aplied' in spec.expect[0] (use one of setup-complete,"
                + " cr-applied, cr-deleted) (did you mean 'cr-applied'?)",
            f + ":11:16: spec.expect[0].timeout must be a Go duration such as 30s or 2m, got '10 seconds'",
            f + ":13:37: spec.expect[0].resources[0].count must be an integer >= 0, got a number '-1'",
            f + ":14:7: missing required key 'name' in spec.expect[1]",
            f + ":16:25: unknown key 'outputContain' in spec.expect[1].commands[0]"
                + " (did you mean 'outputContains'?)",
            f + ":18:9: unknown key 'gets' in spec.expect[1].kubectl (did you mean 'get'?)");
  }

  @Test
  void aStepAfterTheCustomResourceNeedsOne() {
    String f = Fixtures.display("e2e/no-cr.yaml");

    assertThat(problems("e2e/no-cr.yaml"))
        .containsExactly(
            f + ":7:7: step 'created' runs after cr-applied but spec declares no custom resource"
                + " (cr or crFiles)");
  }
}

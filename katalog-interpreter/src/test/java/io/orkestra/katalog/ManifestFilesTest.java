package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KatalogInterpreter#readManifests}: multi-document files of Kubernetes objects. */
class ManifestFilesTest {

  @Test
  void readsEveryDocumentOfAMultiDocumentFileAndSkipsEmptyOnes() {
    List<ObjectNode> manifests =
        KatalogInterpreter.readManifests(Fixtures.path("manifests/multi.yaml"));

    assertThat(manifests)
        .extracting(m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText())
        .containsExactly("Namespace/apps", "ConfigMap/settings");
  }

  @Test
  void keepsYamlScalarTypes() {
    ObjectNode cm = KatalogInterpreter.readManifests(Fixtures.path("manifests/multi.yaml")).get(1);

    assertThat(cm.path("data").path("replicas").isTextual()).isTrue();
    assertThat(cm.path("spec").path("count").isIntegralNumber()).isTrue();
    assertThat(cm.path("spec").path("ratio").doubleValue()).isEqualTo(0.5);
    assertThat(cm.path("spec").path("flag").isBoolean()).isTrue();
    assertThat(cm.path("spec").get("nothing").isNull()).isTrue();
  }

  @Test
  void reportsDocumentsThatAreNotMappings() {
    Path file = Fixtures.path("manifests/not-a-map.yaml");

    assertThatThrownBy(() -> KatalogInterpreter.readManifests(file))
        .isInstanceOfSatisfying(
            KatalogException.class,
            e ->
                assertThat(e.diagnostics())
                    .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
                    .containsExactly(
                        tuple(5, 1, "a manifest must be a YAML mapping, got a list"),
                        tuple(
                            8,
                            1,
                            "a manifest must be a YAML mapping, got a string 'plain scalar'")));
  }

  @Test
  void reportsBrokenYamlWithFileLineAndColumn() {
    Path file = Fixtures.path("manifests/broken.yaml");

    assertThatThrownBy(() -> KatalogInterpreter.readManifests(file))
        .isInstanceOf(KatalogException.class)
        .hasMessageStartingWith(Fixtures.display("manifests/broken.yaml") + ":4:")
        .hasMessageContaining("invalid YAML");
  }

  @Test
  void reportsAMissingFile() {
    assertThatThrownBy(() -> KatalogInterpreter.readManifests(Path.of("nope", "cr.yaml")))
        .isInstanceOf(KatalogException.class)
        .hasMessage("manifest file not found: nope/cr.yaml");
  }
}

package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code include:} expansion (spec §3.4): included content first, inline merged over it. */
class IncludesTest {

  private static final ObjectNode EXPANDED =
      KatalogInterpreter.expand(Fixtures.path("include/katalog.yaml"));

  @Test
  void inlineReconcileValuesWinOverTheIncludedReconciler() {
    CompiledOperator op = Fixtures.operator("include/katalog.yaml");

    assertThat(op.spec().workers()).isEqualTo(6);
    assertThat(op.spec().resync()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void appendsInlineListItemsAfterTheIncludedOnes() {
    JsonNode reconcile = EXPANDED.at("/spec/crds/app/operatorBox/reconcile");

    assertThat(reconcile.at("/onReconcile/configMaps"))
        .extracting(c -> c.path("name").asText())
        .containsExactly("{{ .metadata.name }}-shared", "{{ .metadata.name }}-inline");
    assertThat(EXPANDED.at("/spec/crds/app/operatorBox/emit/status/fields"))
        .extracting(f -> f.path("path").asText())
        .containsExactly("mode", "image", "phase");
  }

  @Test
  void rendersIncludedResourcesAndStatusFields() {
    DesiredState state =
        Fixtures.interpret(
            Fixtures.operator("include/katalog.yaml"), Fixtures.cr("load/app-cr.yaml", 0));

    assertThat(state.children())
        .extracting(c -> c.key().toString())
        .containsExactly("ConfigMap team-a/shop-shared", "ConfigMap team-a/shop-inline");
    assertThat(state.status().path("mode").asText()).isEqualTo("live");
  }

  @Test
  void expandsObserveAndProfilesAndRemovesEveryInclude() {
    assertThat(EXPANDED.at("/spec/crds/app/operatorBox/observe/watch/0/kind").asText())
        .isEqualTo("ConfigMap");
    assertThat(EXPANDED.at("/profiles/resourceQuotas").fieldNames())
        .toIterable()
        .containsExactly("small", "large");
    assertThat(EXPANDED.toString()).doesNotContain("\"include\"");
  }

  @Test
  void anIncludedReconcilerMayImportAMotifRelativeToItself() {
    DesiredState state =
        Fixtures.interpret(
            Fixtures.operator("include/with-motif.yaml"), Fixtures.cr("load/app-cr.yaml", 0));

    assertThat(state.children()).hasSize(1);
    assertThat(state.children().get(0).manifest().at("/data/maxmemory").asText()).isEqualTo("64mb");
  }
}

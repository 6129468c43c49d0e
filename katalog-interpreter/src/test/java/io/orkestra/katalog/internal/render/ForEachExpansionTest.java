package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code forEach} over lists and maps of the custom resource. */
class ForEachExpansionTest {

  private static DesiredState render(String katalog, int cr) {
    return Fixtures.interpret(
        Fixtures.operator("render/foreach/" + katalog), Fixtures.cr("render/foreach/cr.yaml", cr));
  }

  @Test
  void rendersOneChildPerListElementWithItemAndAs() {
    DesiredState state = render("katalog.yaml", 0);

    assertThat(state.children())
        .filteredOn(c -> c.key().kind().equals("PersistentVolumeClaim"))
        .extracting(
            c ->
                c.key().name()
                    + " "
                    + c.manifest().path("spec").path("resources").path("requests").path("storage")
                        .asText())
        .containsExactly("acme-orders 5Gi", "acme-billing 10Gi");
  }

  @Test
  void rendersMapEntriesWithTheKeyAsItemAndTestsConditionsPerEntry() {
    DesiredState state = render("katalog.yaml", 0);

    assertThat(state.children())
        .filteredOn(c -> c.key().kind().equals("ConfigMap"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key().name()).isEqualTo("acme-eu");
              assertThat(c.manifest().path("data").path("region").asText()).isEqualTo("eu-west-1");
              assertThat(c.manifest().path("data").path("key").asText()).isEqualTo("eu");
            });
  }

  @Test
  void rendersNothingWhenTheFieldIsAbsent() {
    assertThat(render("katalog.yaml", 1).children()).isEmpty();
  }

  @Test
  void failsTheReconcileWhenTwoElementsRenderTheSameChild() {
    CompiledOperator op = Fixtures.operator("render/foreach/duplicates.yaml");
    String file = Fixtures.display("render/foreach/duplicates.yaml");

    assertThatThrownBy(() -> Fixtures.interpret(op, Fixtures.cr("render/foreach/cr.yaml", 0)))
        .isExactlyInstanceOf(OrkestraException.class)
        .hasMessage(
            file
                + ":14:34: forEach over spec.dupes renders ConfigMap 'acme-same' twice (items 0"
                + " and 1); make the name depend on .item (team-a/acme)");
  }

  @Test
  void failsTheReconcileWhenTheFieldIsNeitherListNorMap() {
    CompiledOperator op = Fixtures.operator("render/foreach/not-a-list.yaml");
    String file = Fixtures.display("render/foreach/not-a-list.yaml");

    assertThatThrownBy(() -> Fixtures.interpret(op, Fixtures.cr("render/foreach/cr.yaml", 0)))
        .isExactlyInstanceOf(OrkestraException.class)
        .hasMessage(
            file
                + ":14:34: forEach field spec.notAList must be a list or a map, got string"
                + " 'just-text' (team-a/acme)");
  }
}

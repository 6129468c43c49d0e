package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code ork template}: the expanded Katalog after Komposer composition. */
class TemplateCommandTest {

  private static final String DIR = "src/test/resources/fixtures/template/";

  @Test
  void printsTheComposedKatalogAsYaml() {
    OrkCliTest.Run r = OrkCliTest.ork("template", "-f", DIR + "komposer.yaml");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            String.join(
                "\n",
                "apiVersion: orkestra.orkspace.io/v1",
                "kind: Katalog",
                "metadata:",
                "  name: site",
                "spec:",
                "  crds:",
                "    web:",
                "      apiTypes:",
                "        group: demo.orkestra.io",
                "        version: v1",
                "        kind: Web",
                "        plural: webs",
                "      operatorBox:",
                "        reconcile:",
                "          workers: 5",
                "          onCreate:",
                "            configMaps:",
                "            - data:",
                "                port: \"80\"",
                ""));
  }

  @Test
  void printsTheSameKatalogAsJson() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("template", "-f", DIR + "komposer.yaml", "-o", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode web = new ObjectMapper().readTree(r.out()).path("spec").path("crds").path("web");
    assertThat(web.path("operatorBox").path("reconcile").path("workers").asInt()).isEqualTo(5);
    assertThat(web.path("apiTypes").path("kind").asText()).isEqualTo("Web");
  }

  @Test
  void invalidInputExitsTwoWithThePositionOfEachError() {
    OrkCliTest.Run r = OrkCliTest.ork("template", "-f", DIR + "broken-komposer.yaml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .isEqualTo(DIR + "broken-komposer.yaml:6:11: imported file not found: "
            + DIR + "base/nope.yaml");
  }
}

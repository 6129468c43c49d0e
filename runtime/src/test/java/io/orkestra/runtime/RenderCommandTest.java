package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ork render}: desired children and status without a cluster. */
class RenderCommandTest {

  private static final String QUICKSTART = "../examples/quickstart";
  private static final String CRS = "../examples/quickstart/cr.yaml";

  @Test
  void printsChildrenAndStatusOfEveryResourceAsInTheGoldenFile() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("render", "-f", QUICKSTART, "--cr", CRS);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(Files.readString(Path.of("src/test/resources/fixtures/render/quickstart.yaml")));
    assertThat(r.out()).contains("kind: ConfigMap", "kind: Deployment", "kind: Service");
  }

  @Test
  void printsAKubernetesListWithJsonOutput() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("render", "-f", QUICKSTART, "--cr", CRS, "-o", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode list = new ObjectMapper().readTree(r.out());
    assertThat(list.path("kind").asText()).isEqualTo("List");
    long crs = list.path("items").findValuesAsText("kind").stream()
        .filter("WebApp"::equals).count();
    assertThat(list.path("items").size()).isEqualTo(4 * crs);
    assertThat(list.path("items").get(1).path("spec").path("replicas").isInt()).isTrue();
  }

  @Test
  void templateErrorExitsTwoWithItsPosition(@TempDir Path dir) throws Exception {
    Path katalog = dir.resolve("katalog.yaml");
    Files.writeString(
        katalog,
        String.join(
            "\n",
            "apiVersion: orkestra.orkspace.io/v1",
            "kind: Katalog",
            "metadata: {name: t}",
            "spec:",
            "  crds:",
            "    app:",
            "      apiTypes: {group: demo.orkestra.io, version: v1, kind: App, plural: apps}",
            "      operatorBox:",
            "        reconcile:",
            "          onCreate:",
            "            configMaps:",
            "              - name: \"{{ .spec.missing }}\"",
            "                data: {k: v}",
            ""));
    Path cr = dir.resolve("cr.yaml");
    Files.writeString(
        cr, "apiVersion: demo.orkestra.io/v1\nkind: App\nmetadata: {name: a1, namespace: ns}\n");

    OrkCliTest.Run r = OrkCliTest.ork("render", "-f", katalog.toString(), "--cr", cr.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: " + katalog + ":12:27: template refers to missing field .spec.missing (ns/a1)");
  }

  @Test
  void resourceOfAnUnknownKindExitsTwo(@TempDir Path dir) throws Exception {
    Path cr = dir.resolve("cr.yaml");
    Files.writeString(cr, "apiVersion: other.io/v1\nkind: Thing\nmetadata: {name: t1}\n");

    OrkCliTest.Run r = OrkCliTest.ork("render", "-f", QUICKSTART, "--cr", cr.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no CRD entry of the Katalog handles other.io/v1 Thing (t1)");
  }

  @Test
  void printsHelpAndRejectsAnUnknownOutputFormat() {
    OrkCliTest.Run help = OrkCliTest.ork("render", "--help");
    OrkCliTest.Run xml = OrkCliTest.ork("render", "-f", QUICKSTART, "--cr", CRS, "-o", "xml");

    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: ork render", "--cr=CR.yaml", "yaml|json");
    assertThat(xml.code()).isEqualTo(2);
    assertThat(xml.err().strip()).isEqualTo("error: unknown output format 'xml' (use yaml or json)");
  }
}

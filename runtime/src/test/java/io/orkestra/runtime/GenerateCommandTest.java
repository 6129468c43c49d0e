package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.runtime.internal.EmbeddedApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ork generate crd} and {@code ork generate schema}. */
class GenerateCommandTest {

  private static final String TWO_CRDS = "src/test/resources/fixtures/generate/katalog.yaml";

  @TempDir Path tmp;

  @Test
  void printsOneCrdPerEntryFromItsApiTypes() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("generate", "crd", "-f", TWO_CRDS);

    assertThat(r.code()).as(r.err()).isZero();
    List<ObjectNode> crds = readBack(r.out());
    assertThat(crds).hasSize(2);
    ObjectNode db = crds.get(0);
    assertThat(db.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
    assertThat(db.path("kind").asText()).isEqualTo("CustomResourceDefinition");
    assertThat(db.path("metadata").path("name").asText()).isEqualTo("databases.data.acme.io");
    assertThat(db.path("spec").path("scope").asText()).isEqualTo("Namespaced");
    assertThat(db.path("spec").path("names").path("kind").asText()).isEqualTo("Database");
    assertThat(db.path("spec").path("names").path("listKind").asText()).isEqualTo("DatabaseList");
    JsonNode version = db.path("spec").path("versions").get(0);
    assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.path("subresources").path("status").isObject()).isTrue();
    assertThat(version.path("schema").path("openAPIV3Schema")
        .path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(crds.get(1).path("metadata").path("name").asText())
        .isEqualTo("tenants.data.acme.io");
    assertThat(crds.get(1).path("spec").path("scope").asText()).isEqualTo("Cluster");
  }

  @Test
  void printsTheCrdFileOfAnEntryThatHasOne() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("generate", "crd", "-f", "../examples/quickstart");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(readBack(r.out()))
        .containsExactly(
            KatalogInterpreter.readManifests(Path.of("../examples/quickstart/crd.yaml")).get(0));
  }

  @Test
  void writesPluralDotGroupFilesWithOutputDir() throws Exception {
    Path out = tmp.resolve("crds");

    OrkCliTest.Run r = OrkCliTest.ork("generate", "crd", "-f", TWO_CRDS, "-o", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().split("\n")).containsExactly(
        "wrote " + out + "/databases.data.acme.io.yaml", "wrote " + out + "/tenants.data.acme.io.yaml");
    assertThat(KatalogInterpreter.readManifests(out.resolve("tenants.data.acme.io.yaml")).get(0)
        .path("spec").path("names").path("plural").asText()).isEqualTo("tenants");
  }

  @Test
  void generatedCrdsInstallOnTheInProcessApiServer() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("generate", "crd", "-f", TWO_CRDS);
    assertThat(r.code()).as(r.err()).isZero();

    try (EmbeddedApiServer server = EmbeddedApiServer.start()) {
      KubernetesClient client = server.client();
      for (ObjectNode crd : readBack(r.out())) {
        CustomResourceDefinition model = client.getKubernetesSerialization()
            .unmarshal(new ObjectMapper().writeValueAsString(crd), CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(model).create();
      }

      assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
          .extracting(c -> c.getMetadata().getName() + " " + c.getSpec().getScope())
          .containsExactlyInAnyOrder(
              "databases.data.acme.io Namespaced", "tenants.data.acme.io Cluster");
    }
  }

  @Test
  void invalidKatalogExitsTwoWithPositionedErrors() {
    OrkCliTest.Run r = OrkCliTest.ork("generate", "crd", "-f",
        "src/test/resources/fixtures/validate/three-mistakes.yaml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().split("\n")).hasSize(3);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void newCommandsHaveHelp() {
    for (List<String> cmd : List.of(List.of("init"), List.of("generate"),
        List.of("generate", "crd"), List.of("generate", "schema"))) {
      List<String> args = new java.util.ArrayList<>(cmd);
      args.add("--help");

      OrkCliTest.Run r = OrkCliTest.ork(args.toArray(String[]::new));

      assertThat(r.code()).as("exit code of %s", cmd).isZero();
      assertThat(r.out()).as("help of %s", cmd).startsWith("Usage: ork " + String.join(" ", cmd));
    }
    assertThat(OrkCliTest.ork("--help").out()).contains("init", "generate");
  }

  @Test
  void generateWithoutSubcommandIsAUsageError() {
    OrkCliTest.Run r = OrkCliTest.ork("generate");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required subcommand (crd or schema)");
  }

  @Test
  void writesTheThreeSchemasAsCommittedInSchemasDir() throws Exception {
    OrkCliTest.Run r = OrkCliTest.ork("generate", "schema", "-o", tmp.toString());

    assertThat(r.code()).as(r.err()).isZero();
    for (String name : List.of("katalog", "komposer", "motif")) {
      String file = name + ".schema.json";
      assertThat(r.out()).contains("wrote " + tmp + "/" + file);
      assertThat(Files.readString(tmp.resolve(file)))
          .as("schemas/%s is out of date: run bin/ork generate schema -o schemas/", file)
          .isEqualTo(Files.readString(Path.of("../schemas", file)));
    }
  }

  @Test
  void printsOneSchemaAndRejectsUnknownKinds() throws Exception {
    OrkCliTest.Run motif = OrkCliTest.ork("generate", "schema", "--kind", "Motif");
    OrkCliTest.Run bad = OrkCliTest.ork("generate", "schema", "--kind", "Katalogue");

    assertThat(motif.code()).isZero();
    assertThat(new ObjectMapper().readTree(motif.out()))
        .isEqualTo(KatalogInterpreter.jsonSchema("Motif"));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip())
        .isEqualTo("error: unknown kind 'Katalogue' (use one of Katalog, Komposer, Motif)");
  }

  private static List<ObjectNode> readBack(String yaml) throws Exception {
    Path f = Files.createTempFile("crds", ".yaml");
    try {
      Files.writeString(f, yaml);
      return KatalogInterpreter.readManifests(f);
    } finally {
      Files.delete(f);
    }
  }
}

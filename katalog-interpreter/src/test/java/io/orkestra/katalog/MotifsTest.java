package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.KatalogResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Motif imports (spec §2.14, §3.3): binding, substitution, contribution, registry motifs. */
class MotifsTest {

  private static final ObjectNode CR = Fixtures.cr("load/app-cr.yaml", 0);

  private static Map<String, JsonNode> children(DesiredState state) {
    return state.children().stream()
        .collect(Collectors.toMap(c -> c.key().toString(), ChildResource::manifest));
  }

  @Test
  void rendersTheResourcesOfAnImportedFileMotifLikeInlineOnes() {
    DesiredState state = Fixtures.interpret(Fixtures.operator("motifs/katalog.yaml"), CR);
    Map<String, JsonNode> children = children(state);

    assertThat(children)
        .containsOnlyKeys(
            "Deployment team-a/shop-db",
            "Service team-a/shop-db",
            "Secret team-a/shop-db-creds",
            "ConfigMap team-a/shop-settings");
    JsonNode db = children.get("Deployment team-a/shop-db");
    assertThat(db.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("ghcr.io/acme/shop:1.4.2-pg");
    assertThat(db.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(state.status().path("database").asText()).isEqualTo("shop-db:5432");
    assertThat(state.status().path("phase").asText()).isEqualTo("Ready");
  }

  @Test
  void aSpecLevelImportBringsNotesUsableInTemplates() {
    DesiredState state = Fixtures.interpret(Fixtures.operator("motifs/katalog.yaml"), CR);

    assertThat(children(state).get("ConfigMap team-a/shop-settings").at("/data/host").asText())
        .isEqualTo("shop-db.team-a.svc.cluster.local");
  }

  @Test
  void appliesTheDefaultsOfInputsTheImportDoesNotSet() {
    Map<String, JsonNode> children =
        children(Fixtures.interpret(Fixtures.operator("motifs/defaults.yaml"), CR));
    JsonNode db = children.get("Deployment team-a/shop-db");

    assertThat(db.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("postgres:16");
    assertThat(db.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(db.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
        .isEqualTo(5432);
    assertThat(db.at("/metadata/labels/storage").asText()).isEqualTo("10Gi");
  }

  @Test
  void substitutesATypedInputAsAYamlNumber() {
    ObjectNode expanded = KatalogInterpreter.expand(Fixtures.path("motifs/katalog.yaml"));
    JsonNode reconcile = expanded.at("/spec/crds/app/operatorBox/reconcile");

    assertThat(reconcile.at("/onReconcile/deployments/0/replicas").isInt()).isTrue();
    assertThat(reconcile.at("/onReconcile/deployments/0/replicas").asInt()).isEqualTo(3);
    assertThat(reconcile.at("/onReconcile/services/0/port").isInt()).isTrue();
    assertThat(reconcile.at("/onReconcile/deployments/0/image").asText())
        .isEqualTo("{{ .spec.image }}-pg");
    assertThat(reconcile.at("/onReconcile/deployments/0/name").asText())
        .isEqualTo("{{ .metadata.name }}-db");
  }

  @Test
  void theExpandedKatalogHasNoImportsAndHoldsEveryContribution() {
    ObjectNode expanded = KatalogInterpreter.expand(Fixtures.path("motifs/katalog.yaml"));
    JsonNode app = expanded.at("/spec/crds/app");

    assertThat(expanded.path("spec").has("imports")).isFalse();
    assertThat(app.has("imports")).isFalse();
    assertThat(app.at("/operatorBox/reconcile/onReconcile").fieldNames())
        .toIterable()
        .containsExactly("configMaps", "deployments", "services");
    assertThat(app.at("/operatorBox/reconcile/onCreate/secrets")).hasSize(1);
    assertThat(app.at("/operatorBox/emit/status/fields"))
        .extracting(f -> f.path("path").asText())
        .containsExactly("phase", "database");
    assertThat(app.at("/admission/validation/rules/0/message").asText())
        .isEqualTo("a database needs an image");
    assertThat(expanded.at("/profiles/resourceQuotas/tiny/cpu").asText()).isEqualTo("100m");
    assertThat(expanded.at("/notes/0/name").asText()).isEqualTo("dbHost");
  }

  @Test
  void theExpandedKatalogLoadsAgainToTheSameDesiredState(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("katalog.yaml");
    Files.writeString(
        file,
        KatalogInterpreter.toYaml(KatalogInterpreter.expand(Fixtures.path("motifs/katalog.yaml"))));

    CompiledOperator reloaded = KatalogInterpreter.load(file).get(0);

    assertThat(Fixtures.interpret(reloaded, CR))
        .isEqualTo(Fixtures.interpret(Fixtures.operator("motifs/katalog.yaml"), CR));
  }

  /** A registry stand-in: references to directories, recording what it was asked. */
  private static final class DirectoryResolver implements KatalogResolver {
    private final Map<String, Path> dirs;
    private final List<String> asked = new ArrayList<>();

    DirectoryResolver(Map<String, Path> dirs) {
      this.dirs = dirs;
    }

    @Override
    public Mono<Path> resolve(String reference) {
      return Mono.error(new IllegalStateException("type expected for " + reference));
    }

    @Override
    public Mono<Path> resolve(String reference, ArtifactType type) {
      asked.add(type + " " + reference);
      Path dir = dirs.get(reference);
      return dir == null
          ? Mono.error(new IllegalArgumentException("not found: " + reference))
          : Mono.just(dir);
    }
  }

  @Test
  void resolvesARegistryMotifThroughTheResolver() {
    DirectoryResolver resolver =
        new DirectoryResolver(
            Map.of("ghcr.io/acme/motifs/redis:v7", Fixtures.path("motifs/registry/redis")));

    List<CompiledOperator> ops =
        KatalogInterpreter.load(
            Fixtures.path("motifs/registry.yaml"), LoadOptions.defaults().withResolver(resolver));

    assertThat(resolver.asked).containsExactly("MOTIF ghcr.io/acme/motifs/redis:v7");
    JsonNode cm = children(Fixtures.interpret(ops.get(0), CR)).get("ConfigMap team-a/shop-redis");
    assertThat(cm.at("/data/maxmemory").asText()).isEqualTo("256mb");
  }

  @Test
  void reportsAMotifTheResolverCannotFindAtTheImport() {
    DirectoryResolver resolver = new DirectoryResolver(Map.of());
    String file = Fixtures.display("motifs/registry.yaml");

    assertThatThrownBy(
            () ->
                KatalogInterpreter.load(
                    Fixtures.path("motifs/registry.yaml"),
                    LoadOptions.defaults().withResolver(resolver)))
        .isInstanceOf(KatalogException.class)
        .hasMessage(
            file
                + ":10:18: cannot resolve motif import ghcr.io/acme/motifs/redis:v7: not found:"
                + " ghcr.io/acme/motifs/redis:v7");
  }

  @Test
  void loadMotifReturnsNameVersionAndInputs() {
    Motif motif = KatalogInterpreter.loadMotif(Fixtures.path("motifs/postgres/motif.yaml"));

    assertThat(motif.name()).isEqualTo("postgres");
    assertThat(motif.version()).isEqualTo("1.2.0");
    assertThat(motif.inputs())
        .extracting(
            Motif.Input::name, Motif.Input::type, Motif.Input::required, Motif.Input::defaultValue)
        .containsExactly(
            tuple("image", Motif.InputType.STRING, true, null),
            tuple("replicas", Motif.InputType.INT, false, "1"),
            tuple("port", Motif.InputType.INT, false, "5432"),
            tuple("storage", Motif.InputType.STRING, false, "10Gi"));
  }

  @Test
  void loadMotifReportsEveryProblemWithItsPosition() {
    Path bad = Fixtures.path("motifs/bad-motif.yaml");
    String file = Fixtures.display("motifs/bad-motif.yaml");

    assertThatThrownBy(() -> KatalogInterpreter.loadMotif(bad))
        .isInstanceOf(KatalogException.class)
        .hasMessage(
            String.join(
                "\n",
                file
                    + ":7:11: unknown input type 'integr' in inputs[0] (use string, int, integer,"
                    + " number, bool or boolean) (did you mean 'integer'?)",
                file + ":8:14: inputs[1].default must be a bool, got a string 'maybe'",
                file + ":11:11: input 'size' is declared twice (first at line 6)",
                file + ":12:5: missing required key 'name' in inputs[3]",
                file + ":16:24: motif 'bad' declares no input 'szie' (did you mean 'size'?)",
                file
                    + ":17:7: unknown key 'imgae' in resources.deployments[0] (did you mean"
                    + " 'image'?)"));
  }

  @Test
  void loadMotifRefusesAnotherKind() {
    String file = Fixtures.display("motifs/katalog.yaml");

    assertThatThrownBy(() -> KatalogInterpreter.loadMotif(Fixtures.path("motifs/katalog.yaml")))
        .hasMessage(file + ":2:7: " + file + " must be a Motif, got kind Katalog");
  }

  @Test
  void reportsTemplateErrorsOfMotifContentInTheMotifFile() {
    String motif = Fixtures.display("motifs/broken-template/motif.yaml");

    assertThatThrownBy(
            () -> KatalogInterpreter.load(Fixtures.path("motifs/broken-template/katalog.yaml")))
        .isInstanceOf(KatalogException.class)
        .hasMessageStartingWith(motif + ":10:")
        .hasMessageContaining("template resources.configMaps[0].data.greeting")
        .satisfies(e -> assertThat(((KatalogException) e).diagnostics()).hasSize(1));
  }

  @Test
  void motifPathsInAComposedKatalogStayRelativeToThatKatalog() {
    DesiredState composed = Fixtures.interpret(Fixtures.operator("motifs/komposer.yaml"), CR);

    assertThat(composed)
        .isEqualTo(Fixtures.interpret(Fixtures.operator("motifs/katalog.yaml"), CR));
  }

  @Test
  void contributesToTheLegacyBlocksAnEntryAlreadyDeclares() {
    ObjectNode expanded = KatalogInterpreter.expand(Fixtures.path("motifs/legacy/katalog.yaml"));
    JsonNode box = expanded.at("/spec/crds/app/operatorBox");

    assertThat(box.fieldNames())
        .toIterable()
        .containsExactly("reconciler", "onReconcile", "status");
    assertThat(box.at("/onReconcile").fieldNames())
        .toIterable()
        .containsExactly("configMaps", "secrets");
    assertThat(box.at("/status/fields"))
        .extracting(f -> f.path("path").asText())
        .containsExactly("phase", "motif");
  }

  @Test
  void movesBlockConditionsOntoEachMotifResource() {
    JsonNode onReconcile =
        KatalogInterpreter.expand(Fixtures.path("motifs/legacy/katalog.yaml"))
            .at("/spec/crds/app/operatorBox/onReconcile");

    assertThat(onReconcile.has("when")).isFalse();
    assertThat(onReconcile.at("/configMaps/1/when/0/field").asText()).isEqualTo("spec.mode");
    assertThat(onReconcile.at("/secrets/0/when"))
        .extracting(c -> c.path("field").asText())
        .containsExactly("spec.mode", "spec.password");
    assertThat(onReconcile.at("/configMaps/0").has("when")).isFalse();

    ObjectNode test = CR.deepCopy();
    ((ObjectNode) test.get("spec")).put("mode", "test");
    CompiledOperator op = Fixtures.operator("motifs/legacy/katalog.yaml");
    assertThat(Fixtures.interpret(op, test).children())
        .extracting(c -> c.key().toString())
        .containsExactly("ConfigMap team-a/shop-inline");
  }

  @Test
  void keepsATemplateBoundToATypedInputAndInputConditionsForReconcileTime() {
    JsonNode expanded =
        KatalogInterpreter.expand(Fixtures.path("motifs/legacy/katalog.yaml"))
            .at("/spec/crds/app/operatorBox/onReconcile/configMaps/1/data");
    assertThat(expanded.path("replicas").asText()).isEqualTo("{{ .spec.replicas }}");
    assertThat(expanded.path("enabled").asText())
        .isEqualTo("{{ if true }}on{{ else }}off{{ end }}");

    ObjectNode cr = CR.deepCopy();
    ((ObjectNode) cr.get("spec")).put("replicas", 4);
    Map<String, JsonNode> children =
        children(Fixtures.interpret(Fixtures.operator("motifs/legacy/katalog.yaml"), cr));
    JsonNode data = children.get("ConfigMap team-a/shop-motif").path("data");

    assertThat(data.path("replicas").asText()).isEqualTo("4");
    assertThat(data.path("enabled").asText()).isEqualTo("on");
  }
}

package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.OperatorSpec;
import io.orkestra.katalog.internal.model.CrdEntry;
import io.orkestra.katalog.internal.model.ResourceTemplate;
import io.orkestra.katalog.internal.render.CompiledKatalogOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loading: shapes, directories, crdFile/crFiles, defaults; reading manifest files. */
class KatalogInterpreterTest {

  @Test
  void loadsTheGroupedAndTheLegacyShapeIntoTheSameOperator() {
    CompiledOperator grouped = Fixtures.operator("load/grouped/katalog.yaml");
    CompiledOperator legacy = Fixtures.operator("load/legacy/katalog.yaml");
    ObjectNode cr = Fixtures.cr("load/app-cr.yaml", 0);

    assertThat(legacy.spec()).isEqualTo(grouped.spec());
    assertThat(summary(legacy)).isEqualTo(summary(grouped));
    DesiredState fromLegacy = Fixtures.interpret(legacy, cr);
    assertThat(fromLegacy).isEqualTo(Fixtures.interpret(grouped, cr));
    assertThat(fromLegacy.children()).hasSize(3);
  }

  /** The bound model without source positions: what each shape must agree on. */
  private static List<String> summary(CompiledOperator op) {
    CrdEntry e = ((CompiledKatalogOperator) op).entry();
    List<String> out =
        e.reconcile().onCreate().resources().stream()
            .map(r -> "onCreate " + describe(r))
            .collect(Collectors.toList());
    e.reconcile().onReconcile().resources().forEach(r -> out.add("onReconcile " + describe(r)));
    e.statusFields().forEach(f -> out.add("status " + f.path() + "=" + f.value().source()));
    out.add("workers=" + e.reconcile().workers() + " resync=" + e.reconcile().resync());
    out.add("pending=" + e.pending().keySet().size());
    return out;
  }

  private static String describe(ResourceTemplate r) {
    return r.kind() + " " + r.meta().name().source() + " reconcile=" + r.meta().reconcile();
  }

  @Test
  void readsWorkersAndResyncFromEitherShape() {
    CrdEntry e = ((CompiledKatalogOperator) Fixtures.operator("load/legacy/katalog.yaml")).entry();

    assertThat(e.reconcile().workers()).isEqualTo(5);
    assertThat(e.reconcile().resync()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void describesTheOperatorFromApiTypes() {
    OperatorSpec spec = Fixtures.operator("load/grouped/katalog.yaml").spec();

    assertThat(spec.name()).isEqualTo("app");
    assertThat(spec.katalogName()).isEqualTo("shapes");
    assertThat(spec.apiVersion()).isEqualTo("demo.orkestra.io/v1");
    assertThat(spec.kind()).isEqualTo("App");
    assertThat(spec.plural()).isEqualTo("apps");
    assertThat(spec.namespaced()).isTrue();
    assertThat(spec.workers()).isEqualTo(5);
    assertThat(spec.crd()).isEmpty();
    assertThat(spec.crFiles()).isEmpty();
  }

  @Test
  void takesTheCrdFromCrdFileAndResolvesCrFilesRelativeToTheKatalog() {
    Path dir = Fixtures.path("load/crdfile");

    OperatorSpec spec = Fixtures.operator("load/crdfile/katalog.yaml").spec();

    assertThat(spec.group()).isEqualTo("ops.example.com");
    assertThat(spec.version()).as("the storage version").isEqualTo("v1");
    assertThat(spec.kind()).isEqualTo("Backup");
    assertThat(spec.plural()).isEqualTo("backups");
    assertThat(spec.namespaced()).as("scope: Cluster").isFalse();
    assertThat(spec.workers()).as("default workers").isEqualTo(3);
    assertThat(spec.crd())
        .hasValueSatisfying(
            crd ->
                assertThat(crd.path("metadata").path("name").asText())
                    .isEqualTo("backups.ops.example.com"));
    assertThat(spec.crFiles())
        .containsExactly(
            dir.resolve("crs/nightly.yaml").toAbsolutePath().normalize(),
            dir.resolve("crs/weekly.yaml").toAbsolutePath().normalize());
    assertThat(spec.crFiles()).allSatisfy(p -> assertThat(p).isAbsolute().exists());
  }

  @Test
  void rendersCustomResourcesReadFromCrFiles() {
    CompiledOperator op = Fixtures.operator("load/crdfile/katalog.yaml");
    ObjectNode nightly = KatalogInterpreter.readManifests(op.spec().crFiles().get(0)).get(0);

    DesiredState state = Fixtures.interpret(op, nightly);

    assertThat(state.owner().namespace()).isEmpty();
    assertThat(state.children())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key().namespace()).as("cluster-scoped owner").isEqualTo("default");
              assertThat(c.manifest().path("data").path("schedule").asText())
                  .isEqualTo("0 2 * * *");
            });
  }

  @Test
  void loadsKatalogYamlFromADirectoryBeforeAnythingElse() {
    assertThat(KatalogInterpreter.load(Fixtures.path("load/dir-preference")))
        .extracting(op -> op.spec().name())
        .containsExactly("chosen");
  }

  @Test
  void scansADirectoryForFilesOfKindKatalogInNameOrder() {
    assertThat(KatalogInterpreter.load(Fixtures.path("load/dir-scan")))
        .extracting(op -> op.spec().name() + "@" + op.spec().katalogName())
        .containsExactly("alpha@scan-a", "beta@scan-b");
  }

  @Test
  void reportsADirectoryWithoutKatalog() {
    Path dir = Fixtures.path("load/crdfile/crds");

    assertThatThrownBy(() -> KatalogInterpreter.load(dir))
        .isInstanceOf(KatalogException.class)
        .hasMessageStartingWith("no Katalog found in directory " + dir);
  }

  @Test
  void skipsDisabledCrdEntries() {
    assertThat(KatalogInterpreter.load(Fixtures.path("load/disabled/katalog.yaml")))
        .singleElement()
        .satisfies(
            op -> {
              assertThat(op.spec().name()).isEqualTo("active");
              assertThat(op.spec().apiVersion()).as("core group").isEqualTo("v1");
            });
  }

  @Test
  void rejectsNullArguments() {
    assertThatThrownBy(() -> KatalogInterpreter.load(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> KatalogInterpreter.readManifests(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void writesYamlThatKeepsNumericStringsQuoted() throws Exception {
    com.fasterxml.jackson.databind.JsonNode tree =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree("{\"kind\":\"ConfigMap\",\"data\":{\"port\":\"80\",\"on\":\"true\"},"
                + "\"spec\":{\"replicas\":2,\"ports\":[80]}}");

    assertThat(KatalogInterpreter.toYaml(tree))
        .isEqualTo(
            "kind: ConfigMap\ndata:\n  port: \"80\"\n  \"on\": \"true\"\nspec:\n  replicas: 2\n"
                + "  ports:\n  - 80\n");
  }

  @Test
  void compilesATemplateOnceAndEvaluatesItPerObject() {
    java.util.function.Function<ObjectNode, String> t =
        KatalogInterpreter.compileTemplate("{{ .spec.name }}-{{ .metadata.namespace }}");
    ObjectNode data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    data.putObject("spec").put("name", "shop");
    data.putObject("metadata").put("namespace", "prod");

    assertThat(t.apply(data)).isEqualTo("shop-prod");
    assertThatThrownBy(() -> KatalogInterpreter.compileTemplate("{{ nope }}"))
        .isInstanceOf(KatalogException.class)
        .hasMessageContaining("<template>:1:4: unknown function 'nope'");
  }
}

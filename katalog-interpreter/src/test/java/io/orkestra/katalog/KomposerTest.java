package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Komposer composition (spec §2.15, §3.1-3.2): file imports, inline overrides, merge rules. */
class KomposerTest {

  private static final ObjectNode MERGED =
      KatalogInterpreter.expand(Fixtures.path("komposer/merge.yaml"));

  private static Map<String, CompiledOperator> operators(String fixture) {
    return KatalogInterpreter.load(Fixtures.path(fixture)).stream()
        .collect(Collectors.toMap(op -> op.spec().name(), Function.identity()));
  }

  private static JsonNode crd(String name) {
    return MERGED.path("spec").path("crds").path(name);
  }

  private static List<Diagnostic> diagnostics(String fixture) {
    try {
      KatalogInterpreter.load(Fixtures.path(fixture));
    } catch (KatalogException e) {
      return e.diagnostics();
    }
    throw new AssertionError("expected " + fixture + " to fail loading");
  }

  @Test
  void importsEveryFileAndAddsNewInlineEntriesInOrder() {
    assertThat(MERGED.path("kind").asText()).isEqualTo("Katalog");
    assertThat(MERGED.path("metadata").path("name").asText()).isEqualTo("platform");
    assertThat(MERGED.path("spec").path("crds").fieldNames())
        .toIterable()
        .containsExactly("app", "db", "old", "classic", "cache");
    assertThat(operators("komposer/merge.yaml")).containsOnlyKeys("app", "classic", "cache");
  }

  @Test
  void overridesScalarsFieldByFieldAndKeepsTheImportedRest() {
    OperatorSpec app = operators("komposer/merge.yaml").get("app").spec();

    assertThat(app.workers()).isEqualTo(7);
    assertThat(app.resync()).isEqualTo(Duration.ofSeconds(30));
    assertThat(crd("app").path("operatorBox").path("reconcile").path("onReconcile").isObject())
        .isTrue();
  }

  @Test
  void anEmptyOverrideValueDoesNotReplaceTheImportedOne() {
    assertThat(crd("app").path("description").asText()).isEqualTo("imported app");
  }

  @Test
  void replacesHookBlocksStatusAndDependsOnAsAWhole() {
    JsonNode onCreate = crd("app").path("operatorBox").path("reconcile").path("onCreate");

    assertThat(onCreate.fieldNames()).toIterable().containsExactly("services");
    assertThat(crd("app").path("operatorBox").path("emit").path("status").path("fields"))
        .hasSize(1)
        .first()
        .satisfies(f -> assertThat(f.path("value").asText()).isEqualTo("Composed"));
    assertThat(crd("app").path("dependsOn").toString()).isEqualTo("[\"cache\"]");
    assertThat(KatalogInterpreter.childKinds(operators("komposer/merge.yaml").get("app")))
        .containsExactly("ConfigMap", "Service");
  }

  @Test
  void addsToFinalizersAndNamespaceListsWithoutRemovingOrRepeating() {
    JsonNode runtime = crd("app").path("operatorBox").path("runtime");

    assertThat(runtime.path("finalizers").toString())
        .isEqualTo("[\"demo.orkestra.io/a\",\"demo.orkestra.io/b\"]");
    assertThat(runtime.path("restrictedNamespaces").toString())
        .isEqualTo("[\"kube-system\",\"kube-public\"]");
  }

  @Test
  void keepsImportedApiTypesUnlessTheOverrideNamesAKind() {
    assertThat(operators("komposer/merge.yaml").get("app").spec().group())
        .isEqualTo("demo.orkestra.io");

    OperatorSpec db = operators("komposer/replace-kind.yaml").get("db").spec();
    assertThat(db.apiVersion()).isEqualTo("store.orkestra.io/v2");
    assertThat(db.kind()).isEqualTo("Store");
  }

  @Test
  void appliesEnabledOnlyWhenItTurnsAnEntryOff() {
    assertThat(crd("db").path("enabled").asBoolean()).isFalse();
    assertThat(crd("old").path("enabled").asBoolean(true)).isFalse();
    assertThat(operators("komposer/merge.yaml")).doesNotContainKeys("db", "old");
  }

  @Test
  void aGroupedOverrideReplacesTheLegacySpellingOfTheSameBlock() {
    JsonNode box = crd("classic").path("operatorBox");

    assertThat(box.has("onCreate")).isFalse();
    assertThat(box.has("reconciler")).isFalse();
    assertThat(box.path("reconcile").path("onCreate").fieldNames())
        .toIterable()
        .containsExactly("secrets");
    assertThat(operators("komposer/merge.yaml").get("classic").spec().workers()).isEqualTo(4);
  }

  @Test
  void aCrdNameFromTwoImportsIsAnErrorNamingBothFiles() {
    String first = Fixtures.display("komposer/base/app.yaml");
    String second = Fixtures.display("komposer/base/also-app.yaml");

    assertThat(diagnostics("komposer/duplicate.yaml"))
        .extracting(Diagnostic::file, Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                second,
                7,
                5,
                "CRD 'app' is defined by both " + first + " and " + second
                    + " (names must be unique across all imports)"));
  }

  @Test
  void reportsProblemsOfTheKomposerAndOfImportedFilesWhereTheyAreWritten() {
    String komposer = Fixtures.display("komposer/errors.yaml");
    String typo = Fixtures.display("komposer/base/typo.yaml");

    assertThat(diagnostics("komposer/errors.yaml"))
        .extracting(Diagnostic::file, Diagnostic::line, Diagnostic::message)
        .containsExactlyInAnyOrder(
            tuple(
                komposer,
                7,
                "registry import ghcr.io/acme/patterns/katalogs/redis@v7 needs a registry"
                    + " resolver (none configured)"),
            tuple(
                komposer,
                11,
                "imported file not found: " + Fixtures.display("komposer") + "/base/missing.yaml"),
            tuple(
                komposer,
                17,
                "unknown key 'wrokers' in spec.crds.web.operatorBox.reconcile"
                    + " (did you mean 'workers'?)"),
            tuple(
                typo,
                13,
                "unknown key 'imgae' in spec.crds.web.operatorBox.reconcile.onCreate"
                    + ".deployments[0] (did you mean 'image'?)"));
  }

  @Test
  void anImportNamingAnUnsetEnvironmentVariableIsAnErrorAtItsPosition() {
    assertThat(diagnostics("komposer/env.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                7,
                7,
                "environment variable ORK_TEST_KOMPOSER_UNSET is not set (imports.files[0])"));
  }

  @Test
  void theExpandedKatalogLoadsAgainToTheSameOperators(@TempDir Path dir) throws Exception {
    Path expanded = dir.resolve("katalog.yaml");
    Files.writeString(expanded, KatalogInterpreter.toYaml(MERGED));

    Map<String, CompiledOperator> reloaded =
        KatalogInterpreter.load(expanded).stream()
            .collect(Collectors.toMap(op -> op.spec().name(), Function.identity()));

    assertThat(reloaded).containsOnlyKeys("app", "classic", "cache");
    assertThat(reloaded.get("app").spec().workers()).isEqualTo(7);
  }

  @Test
  void loadsTheKomposerOfADirectoryWithoutKatalog() {
    assertThat(operators("komposer/dir")).containsOnlyKeys("db");
  }

  @Test
  void aKomposerCannotImportAnotherKomposerAsAFile() {
    assertThatThrownBy(() -> KatalogInterpreter.load(Fixtures.path("komposer/imports-komposer.yaml")))
        .isInstanceOf(KatalogException.class)
        .hasMessageContaining("must be a Katalog, got kind Komposer");
  }

  private static void writeDbKatalog(Path dir) throws Exception {
    Files.writeString(dir.resolve("db.yaml"), """
        apiVersion: orkestra.orkspace.io/v1
        kind: Katalog
        metadata: {name: db}
        spec:
          crds:
            db:
              apiTypes: {group: db.example.com, version: v1, kind: Db, plural: dbs}
              operatorBox:
                reconcile:
                  workers: 2
                  onCreate:
                    configMaps:
                      - name: "{{ .metadata.name }}"
                        data: {a: "b"}
        """);
  }

  @Test
  void entryLevelWorkersShorthandOverridesTheImportedWorkers(@TempDir Path dir) throws Exception {
    writeDbKatalog(dir);
    Files.writeString(dir.resolve("komposer.yaml"), """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: p}
        imports:
          files: [./db.yaml]
        spec:
          crds:
            db:
              workers: 4 # the seed's quick-start spelling
        """);

    assertThat(KatalogInterpreter.load(dir.resolve("komposer.yaml")).get(0).spec().workers()).isEqualTo(4);
  }

  @Test
  void explicitReconcileWorkersWinOverTheShorthandInOneOverride(@TempDir Path dir) throws Exception {
    writeDbKatalog(dir);
    Files.writeString(dir.resolve("komposer.yaml"), """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: p}
        imports:
          files: [./db.yaml]
        spec:
          crds:
            db:
              workers: 4
              operatorBox:
                reconcile: {workers: 6}
        """);

    assertThat(KatalogInterpreter.load(dir.resolve("komposer.yaml")).get(0).spec().workers()).isEqualTo(6);
  }
}

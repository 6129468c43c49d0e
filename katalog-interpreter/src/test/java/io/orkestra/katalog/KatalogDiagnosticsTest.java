package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What users see when a Katalog is wrong: every problem, with file, line, column and a fix. */
class KatalogDiagnosticsTest {

  private static List<Diagnostic> diagnostics(String fixture) {
    Path path = Fixtures.path(fixture);
    try {
      KatalogInterpreter.load(path);
    } catch (KatalogException e) {
      return e.diagnostics();
    }
    throw new AssertionError("expected " + fixture + " to fail loading");
  }

  @Test
  void reportsUnknownKeyWithPositionAndSuggestion() {
    String file = Fixtures.display("diagnostics/typo.yaml");

    assertThatThrownBy(() -> KatalogInterpreter.load(Fixtures.path("diagnostics/typo.yaml")))
        .isInstanceOf(KatalogException.class)
        .hasMessage(
            file
                + ":14:17: unknown key 'imgae' in"
                + " spec.crds.webapp.operatorBox.reconcile.onCreate.deployments[0]"
                + " (did you mean 'image'?)");
  }

  @Test
  void doesNotReportATypoOfARequiredKeyTwice() {
    // 'imgae' is reported once; 'image' is not reported missing as well
    assertThat(diagnostics("diagnostics/typo.yaml")).hasSize(1);
  }

  @Test
  void reportsEveryMistakeOfAFileWithItsPosition() {
    assertThat(diagnostics("diagnostics/three-mistakes.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column)
        .containsExactly(tuple(11, 20), tuple(15, 17), tuple(18, 42));
  }

  @Test
  void listsDiagnosticsOnePerLineInTheMessage() {
    String file = Fixtures.display("diagnostics/three-mistakes.yaml");

    assertThatThrownBy(
            () -> KatalogInterpreter.load(Fixtures.path("diagnostics/three-mistakes.yaml")))
        .hasMessage(
            String.join(
                "\n",
                file
                    + ":11:20: spec.crds.webapp.operatorBox.reconcile.workers must be an integer"
                    + " from 1 to 50 (0 = default 3), got a string 'abc'",
                file
                    + ":15:17: unknown key 'replcas' in"
                    + " spec.crds.webapp.operatorBox.reconcile.onReconcile.deployments[0]"
                    + " (did you mean 'replicas'?)",
                file
                    + ":18:42: template"
                    + " spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].data.size:"
                    + " unknown function 'uper' (did you mean 'upper'?)"));
  }

  @Test
  void reportsWrongTypesAndOutOfRangeValues() {
    assertThat(diagnostics("diagnostics/wrong-types.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                8,
                16,
                "spec.crds.webapp.enabled must be a boolean (true or false), got a string 'yes'"),
            tuple(
                9,
                19,
                "spec.crds.webapp.namespaced must be a boolean (true or false), got a number '1'"),
            tuple(10, 16, "spec.crds.webapp.crFiles must be a list, got a string 'cr.yaml'"),
            tuple(
                14,
                20,
                "spec.crds.webapp.operatorBox.reconcile.workers must be an integer from 1 to 50"
                    + " (0 = default 3), got a number '51'"),
            tuple(
                15,
                19,
                "spec.crds.webapp.operatorBox.reconcile.resync must be a duration such as 30s or"
                    + " 5m: unknown unit 'x' in duration '5x' (use ns, us, ms, s, m or h)"),
            tuple(
                18,
                25,
                "spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].labels must be"
                    + " a mapping, got a list"),
            tuple(
                19,
                28,
                "spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].reconcile must"
                    + " be a boolean (true or false), got a string 'sometimes'"),
            tuple(
                23,
                40,
                "unknown status field type 'integr' (use string, int, float, bool or auto)"
                    + " (did you mean 'integer'?)"));
  }

  @Test
  void reportsYamlThatDoesNotParseWithItsPosition() {
    assertThat(diagnostics("diagnostics/broken.yaml"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.line()).isEqualTo(7);
              assertThat(d.column()).isEqualTo(8);
              assertThat(d.message()).startsWith("invalid YAML: expected ',' or ']'");
            });
  }

  @Test
  void reportsMissingFileClearly() {
    Path missing = Path.of("examples", "does-not-exist", "katalog.yaml");

    assertThatThrownBy(() -> KatalogInterpreter.load(missing))
        .isInstanceOf(KatalogException.class)
        .hasMessage("katalog file not found: examples/does-not-exist/katalog.yaml");
  }

  @Test
  void acceptsKnownKeysThatAreNotImplementedYet() {
    assertThat(KatalogInterpreter.load(Fixtures.path("diagnostics/pending-keys.yaml")))
        .singleElement()
        .satisfies(op -> assertThat(op.spec().name()).isEqualTo("webapp"));
  }

  @Test
  void reportsTemplateErrorsAtTheirPositionInsideTheYamlValue() {
    assertThat(diagnostics("diagnostics/templates.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                14,
                41,
                "template spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].data"
                    + ".plain: unknown function 'nosuch'"),
            tuple(
                15,
                43,
                "template spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].data"
                    + ".double: unknown function 'uper' (did you mean 'upper'?)"),
            tuple(
                16,
                37,
                "template spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].data"
                    + ".single: wrong number of args for printf: want at least 1 got 0"),
            tuple(
                19,
                34,
                "template spec.crds.webapp.operatorBox.reconcile.onReconcile.configMaps[0].data"
                    + ".block: unexpected right paren"));
  }

  @Test
  void checksTheDocumentHeader() {
    assertThat(diagnostics("diagnostics/header.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                1,
                13,
                "unsupported apiVersion 'orkestra.orkspace.io/v2' (expected"
                    + " orkestra.orkspace.io/v1)"),
            tuple(
                3,
                1,
                "a Katalog must not contain 'imports:' (only a Komposer imports other patterns)"),
            tuple(6, 3, "missing required key 'name' in metadata"));
  }

  @Test
  void saysThatRegistryImportsNeedAResolver() {
    assertThat(diagnostics("diagnostics/komposer.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                7,
                7,
                "registry import oci://ghcr.io/acme/patterns/katalogs/postgres:v1.2.0 needs a"
                    + " registry resolver (none configured)"));
  }

  @Test
  void rejectsTheSameBlockInBothTheLegacyAndTheGroupedShape() {
    assertThat(diagnostics("diagnostics/both-shapes.yaml"))
        .extracting(Diagnostic::line, Diagnostic::message)
        .containsExactly(
            tuple(
                13,
                "both spec.crds.webapp.operatorBox.reconcile and legacy"
                    + " spec.crds.webapp.operatorBox.reconciler are set; keep only"
                    + " spec.crds.webapp.operatorBox.reconcile"),
            tuple(
                15,
                "both legacy spec.crds.webapp.operatorBox.onCreate and"
                    + " spec.crds.webapp.operatorBox.reconcile.onCreate are set; keep only"
                    + " spec.crds.webapp.operatorBox.reconcile.onCreate"));
  }

  @Test
  void reportsMissingRequiredKeys() {
    assertThat(diagnostics("diagnostics/missing-required.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(8, 17, "missing required key 'plural' in spec.crds.webapp.apiTypes"),
            tuple(
                13,
                17,
                "missing required key 'image' in"
                    + " spec.crds.webapp.operatorBox.reconcile.onReconcile.deployments[0]"),
            tuple(
                15,
                17,
                "missing required key 'port' in"
                    + " spec.crds.webapp.operatorBox.reconcile.onReconcile.services[0]"),
            tuple(
                19,
                17,
                "missing required key 'value' in"
                    + " spec.crds.webapp.operatorBox.emit.status.fields[0]"),
            tuple(20, 5, "CRD entry 'lonely' needs apiTypes or crdFile to know its kind"));
  }

  @Test
  void reportsDuplicateKeys() {
    assertThat(diagnostics("diagnostics/duplicate-key.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(tuple(5, 3, "duplicate key 'name' in metadata (first defined at line 4)"));
  }

  @Test
  void checksCrdFileAndCrFilesAgainstTheKatalog() {
    String dir = Fixtures.display("diagnostics/crdfile-mismatch");

    assertThat(diagnostics("diagnostics/crdfile-mismatch"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(
                9,
                24,
                "spec.crds.widget.apiTypes.kind 'Gadget' does not match 'Widget' in "
                    + dir
                    + "/crd.yaml"),
            tuple(
                9,
                41,
                "spec.crds.widget.apiTypes.version 'v9' is not a served version in "
                    + dir
                    + "/crd.yaml (served: v1)"),
            tuple(10, 19, "namespaced: false contradicts scope Namespaced in " + dir + "/crd.yaml"),
            tuple(11, 17, "crFiles entry not found: " + dir + "/missing-cr.yaml"),
            tuple(13, 16, "crdFile not found: " + dir + "/nowhere/crd.yaml"),
            tuple(
                15,
                16,
                "crdFile URLs are not supported yet; use a path relative to the Katalog file"));
  }

  @Test
  void reportsBadConditionsAtLoadWithTheirPosition() {
    assertThat(diagnostics("diagnostics/conditions.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(14, 50, "unknown condition operator 'greaterThen' (did you mean 'greaterThan'?)"),
            tuple(16, 59, "condition " + CM + "[1].when[0] has several operators [equals, prefix];"
                + " keep one"),
            tuple(18, 24, "condition " + CM + "[2].when[0] has no operator (use operator: with"
                + " value:, or a shorthand such as equals:)"),
            tuple(20, 45, "invalid regex '([a-z': Unclosed character class"),
            tuple(22, 25, CM + "[4].when[0].field: a time condition (time) takes no field or"
                + " operator; write the field test as its own condition"),
            tuple(24, 81, "unknown valueType 'integr' (use string, int, float or bool)"),
            tuple(26, 39, CM + "[6].when[0].time.after must be a time of day \"HH:MM\" (UTC),"
                + " got '9h'"),
            tuple(26, 53, CM + "[6].when[0].time.before must be a time of day \"HH:MM\" (UTC),"
                + " got '25:00'"),
            tuple(28, 31, "invalid cron '61 * * * *': minute field: '61' is not a value from 0"
                + " to 59"),
            tuple(28, 69, "unknown day 'Funday' in " + CM + "[7].when[1].dayOfWeek (use Mon..Sun"
                + " or Monday..Sunday)"),
            tuple(30, 63, CM + "[8].when[0].duration is only used with cron:"),
            tuple(30, 100, "invalid duration '10d': unknown unit 'd' in duration '10d' (use ns,"
                + " us, ms, s, m or h)"),
            tuple(32, 50, "'cron' is a time condition: write it as its own key (cron: ...)"
                + " without field:"),
            tuple(32, 76, CM + "[9].when[1].time needs after: and/or before: (\"HH:MM\", UTC)"),
            tuple(32, 93, CM + "[9].when[2].dayOfWeek needs exactly one of weekday:, weekend:,"
                + " in: or notIn:"));
  }

  @Test
  void reportsBadUserNotesWithTheirPosition() {
    assertThat(diagnostics("diagnostics/notes.yaml"))
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .containsExactly(
            tuple(6, 35, "template notes[0].expression: unknown function 'second'"),
            tuple(8, 12, "note 'len' shadows the built-in function"),
            tuple(9, 12, "note 'second' is declared twice"),
            tuple(10, 12, "note name 'not-ident' is not an identifier"),
            tuple(10, 42, "unknown key 'color' in notes[4] (a note has name, expression and"
                + " description)"));
  }

  private static final String CM = "spec.crds.shop.operatorBox.reconcile.onCreate.configMaps";
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ork validate}: offline load with every error positioned. */
class ValidateCommandTest {

  private static final String BROKEN = "src/test/resources/fixtures/validate/three-mistakes.yaml";

  @Test
  void validQuickstartExitsZeroWithAOneLineSummary() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", "../examples/quickstart");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip())
        .isEqualTo("../examples/quickstart/katalog.yaml: valid Katalog, 1 CRD (webapp:"
            + " demo.orkestra.io/v1 WebApp, children ConfigMap, Deployment, Service)");
  }

  @Test
  void brokenKatalogExitsTwoAndPrintsEveryMistakeWithItsPosition() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", BROKEN);

    assertThat(r.code()).isEqualTo(2);
    List<String> lines = Arrays.asList(r.err().strip().split("\n"));
    assertThat(lines).hasSize(3);
    assertThat(lines).allMatch(l -> l.matches("\\Q" + BROKEN + "\\E:\\d+:\\d+: .+"));
    assertThat(lines.get(0)).isEqualTo(BROKEN + ":11:20: spec.crds.webapp.operatorBox.reconcile"
        + ".workers must be an integer from 1 to 50 (0 = default 3), got a string 'many'");
    assertThat(lines.get(1)).isEqualTo(BROKEN + ":15:17: unknown key 'dta' in spec.crds.webapp"
        + ".operatorBox.reconcile.onCreate.configMaps[0] (did you mean 'data'?)");
    assertThat(lines.get(2)).isEqualTo(BROKEN + ":17:44: template spec.crds.webapp.operatorBox"
        + ".reconcile.onCreate.services[0].name: unknown function 'uppr' (did you mean 'upper'?)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void detectsAKomposerAndSummarisesItsComposedCrds() {
    String komposer = "src/test/resources/fixtures/template/komposer.yaml";

    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", komposer);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip())
        .isEqualTo(komposer + ": valid Komposer, 1 CRD (web: demo.orkestra.io/v1 Web, children"
            + " ConfigMap)");
  }

  @Test
  void reportsEveryFileAndFailsWhenOneIsInvalid() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", "../examples/quickstart", "-f", BROKEN);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("valid Katalog");
    assertThat(r.err()).contains(BROKEN + ":11:20: ");
  }

  private static final String FULL = "src/test/resources/fixtures/validate-full/";

  @Test
  void fullPrintsChildrenRbacRulesAndStartOrderPerCrd() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "--full", "-f", "../examples/quickstart");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().split("\n")).containsExactly(
        "../examples/quickstart/katalog.yaml: valid Katalog, 1 CRD (webapp: demo.orkestra.io/v1"
            + " WebApp, children ConfigMap, Deployment, Service)",
        "  crd webapp: WebApp (demo.orkestra.io/v1, webapps, namespaced)",
        "    children: ConfigMap, Deployment, Service",
        "    depends on: nothing",
        "    rbac: apiGroups [demo.orkestra.io] resources [webapps] verbs [get, list, watch, update,"
            + " patch]",
        "    rbac: apiGroups [demo.orkestra.io] resources [webapps/status] verbs [get, update,"
            + " patch]",
        "    rbac: apiGroups [demo.orkestra.io] resources [webapps/finalizers] verbs [update]",
        "    rbac: apiGroups [\"\"] resources [configmaps] verbs [get, list, watch, create, update,"
            + " patch, delete]",
        "    rbac: apiGroups [apps] resources [deployments] verbs [get, list, watch, create, update,"
            + " patch, delete]",
        "    rbac: apiGroups [\"\"] resources [services] verbs [get, list, watch, create, update,"
            + " patch, delete]",
        "    rbac: apiGroups [\"\"] resources [events] verbs [create, patch]",
        "    rbac: apiGroups [apiextensions.k8s.io] resources [customresourcedefinitions] verbs"
            + " [get, create, update, patch]",
        "  start order: webapp");
  }

  @Test
  void fullOrdersCrdsAfterTheirDependencies() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "--full", "-f", FULL + "depends.yaml");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(
        "  crd app: App (shop.acme.io/v1, apps, namespaced)\n    children: Deployment\n"
            + "    depends on: db (healthy), cache (started)\n",
        "  crd cache: Cache (shop.acme.io/v1, caches, namespaced)\n    children: none\n"
            + "    depends on: legacy (disabled, ignored)\n",
        "  crd db: Db (shop.acme.io/v1, dbs, cluster-scoped)\n",
        "    rbac: apiGroups [\"\"] resources [secrets] verbs",
        "  start order: cache, db, app\n");
    assertThat(r.out()).doesNotContain("customresourcedefinitions");
  }

  @Test
  void fullReportsACycleAndAnUnknownDependencyAndExitsTwo() {
    String file = FULL + "cycle.yaml";

    OrkCliTest.Run r = OrkCliTest.ork("validate", "--full", "-f", file);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().split("\n")).containsExactly(
        file + ": crd d depends on unknown CRD 'nope'",
        file + ": dependency cycle: a -> b -> c -> a");
    assertThat(r.out()).startsWith(file + ": valid Katalog, 4 CRDs").doesNotContain("start order");
  }

  @Test
  void withoutFullTheOutputIsTheSummaryLineOnly() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", FULL + "cycle.yaml");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip().split("\n")).hasSize(1);
  }

  @Test
  void detectsAMotifAndListsItsInputs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path motif = dir.resolve("motif.yaml");
    java.nio.file.Files.writeString(motif, """
        apiVersion: orkestra.orkspace.io/v1
        kind: Motif
        metadata: {name: cache, version: v2}
        inputs:
          - {name: image, required: true}
          - {name: size, default: "64Mi"}
        resources:
          configMaps:
            - name: "{{ .metadata.name }}-cache"
              data: {image: "{{ .inputs.image }}", size: "{{ .inputs.size }}"}
        """);

    OrkCliTest.Run valid = OrkCliTest.ork("validate", "-f", dir.toString());

    assertThat(valid.code()).as(valid.err()).isZero();
    assertThat(valid.out().strip())
        .isEqualTo(motif + ": valid Motif cache v2, 2 inputs (image required, size)");

    java.nio.file.Files.writeString(motif, java.nio.file.Files.readString(motif)
        .replace("{{ .inputs.size }}", "{{ .inputs.sise }}"));
    OrkCliTest.Run invalid = OrkCliTest.ork("validate", "-f", motif.toString());

    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.err()).startsWith(motif + ":10:").contains("sise");
  }

  @Test
  void detectsASimulateFileAndLoadsItsKatalog() {
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", "../examples/simulate/configmaps/simulate.yaml");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).startsWith("../examples/simulate/configmaps/simulate.yaml: valid Simulate ")
        .contains(", katalog ").contains("(1 CRD)");
  }

  @Test
  void detectsAnE2eFileAndCountsItsSteps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("cr.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    java.nio.file.Files.writeString(
        dir.resolve("e2e.yaml"),
        """
        apiVersion: orkestra.orkspace.io/v1
        kind: E2E
        metadata: {name: smoke}
        spec:
          custom: {target: kubernetes}
          cr: ./cr.yaml
          expect:
            - {name: applied, after: cr-applied, timeout: 30s, resources: [{kind: ConfigMap, name: c}]}
            - {name: deleted, after: cr-deleted, resources: [{kind: ConfigMap, name: c, count: 0}]}
        """);

    OrkCliTest.Run file = OrkCliTest.ork("validate", "-f", dir.resolve("e2e.yaml").toString());
    OrkCliTest.Run directory = OrkCliTest.ork("validate", "-f", dir.toString());

    assertThat(file.code()).as(file.err()).isZero();
    assertThat(file.out().strip()).isEqualTo(dir.resolve("e2e.yaml") + ": valid E2E smoke, 2 steps");
    assertThat(directory.code()).as(directory.err()).isZero();
    assertThat(directory.out().strip()).isEqualTo(file.out().strip());
  }

  @Test
  void anInvalidE2eFileExitsTwoWithPositionedDiagnostics(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path e2e = dir.resolve("e2e.yaml");
    java.nio.file.Files.writeString(
        e2e,
        """
        apiVersion: orkestra.orkspace.io/v1
        kind: E2E
        metadata: {name: broken}
        spec:
          katalog: ./missing-katalog.yaml
          expect:
            - {name: infra, after: setup-complet}
        """);

    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", e2e.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList())
        .containsExactly(
            e2e + ":5:12: katalog file not found: " + dir.resolve("missing-katalog.yaml"),
            e2e + ":7:28: unknown after 'setup-complet' in spec.expect[0] (use one of setup-complete,"
                + " cr-applied, cr-deleted) (did you mean 'setup-complete'?)");
  }
}

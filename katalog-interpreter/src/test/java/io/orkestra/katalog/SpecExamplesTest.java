package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The complete examples of spec §2 load (fixtures under {@code fixtures/katalog/valid/}, each with a
 * comment saying where it departs from the spec text), and the blocks the runtime does not act on
 * yet are kept in the expanded Katalog.
 */
class SpecExamplesTest {

  private static Map<String, CompiledOperator> operators(String fixture) {
    return KatalogInterpreter.load(Fixtures.path(fixture)).stream()
        .collect(Collectors.toMap(op -> op.spec().name(), Function.identity()));
  }

  @Test
  void loadsTheGroupedKatalogExample() {
    List<CompiledOperator> ops =
        KatalogInterpreter.load(Fixtures.path("katalog/valid/spec-grouped-katalog"));

    assertThat(ops)
        .extracting(op -> op.spec().name(), op -> op.spec().kind(), op -> op.spec().plural())
        .containsExactly(
            tuple("database", "Database", "databases"), tuple("webapp", "WebApp", "webapps"));
  }

  @Test
  void readsTheGroupedExampleFromItsCrdFileAndReconcileBlock() {
    CompiledOperator webapp = operators("katalog/valid/spec-grouped-katalog").get("webapp");
    OperatorSpec spec = webapp.spec();

    assertThat(spec.katalogName()).isEqualTo("webapp-operator");
    assertThat(spec.group()).isEqualTo("demo.acme.io");
    assertThat(spec.version()).isEqualTo("v1");
    assertThat(spec.namespaced()).isTrue();
    assertThat(spec.crdManifest()).isNotNull();
    assertThat(spec.workers()).isEqualTo(4);
    assertThat(spec.resync()).isEqualTo(Duration.ofMinutes(1));
    assertThat(KatalogInterpreter.childKinds(webapp))
        .containsExactly("Deployment", "Secret", "Service");
  }

  @Test
  void keepsEveryBlockOfTheGroupedExampleInTheExpandedKatalog() {
    ObjectNode expanded =
        KatalogInterpreter.expand(Fixtures.path("katalog/valid/spec-grouped-katalog"));
    JsonNode webapp = expanded.path("spec").path("crds").path("webapp");
    JsonNode box = webapp.path("operatorBox");

    assertThat(expanded.path("notification").path("teams").path("platform").path("slack").get(0)
            .asText())
        .isEqualTo("#platform");
    assertThat(webapp.path("dependsOn").path("database").asText()).isEqualTo("healthy");
    assertThat(webapp.path("admission").path("validation").path("rules"))
        .extracting(r -> r.path("operator").asText())
        .containsExactly("exists", "unique");
    assertThat(webapp.path("admission").path("mutation").path("rules").get(0).path("default").asInt())
        .isEqualTo(2);
    assertThat(box.path("observe").path("cross").get(0).path("as").asText()).isEqualTo("db");
    assertThat(box.path("preReconcile").path("sentinels").get(0).asText())
        .isEqualTo("generationChanged");
    assertThat(box.path("preReconcile").path("reconcileGate").path("when")).hasSize(1);
    assertThat(box.path("runtime").path("finalizers").get(0).asText()).isEqualTo("acme.io/cleanup");
    assertThat(box.path("reconcile").path("queue").path("retryBackoff").path("max").asText())
        .isEqualTo("5m");
    assertThat(box.path("reconcile").path("onDelete").path("groups"))
        .extracting(g -> g.path("name").asText())
        .containsExactly("drain", "workloads");
    assertThat(box.path("emit").path("status").path("fields")).hasSize(3);
  }

  @Test
  void loadsTheKomposerExampleWithTheOverrideApplied() {
    Map<String, CompiledOperator> ops = operators("katalog/valid/spec-komposer");

    // webapp is disabled by the Komposer override, postgres gets the override's apiTypes and tuning
    assertThat(ops).containsOnlyKeys("postgres");
    OperatorSpec postgres = ops.get("postgres").spec();
    assertThat(postgres.katalogName()).isEqualTo("platform-prod");
    assertThat(postgres.group()).isEqualTo("db.acme.io");
    assertThat(postgres.kind()).isEqualTo("PgCluster");
    assertThat(postgres.plural()).isEqualTo("pgclusters");
    assertThat(postgres.workers()).isEqualTo(8);
    assertThat(postgres.resync()).isEqualTo(Duration.ofSeconds(30));
    // every kind renders, so the StatefulSet is a child kind too (in apply order)
    assertThat(KatalogInterpreter.childKinds(ops.get("postgres")))
        .containsExactly("Service", "StatefulSet");
  }

  @Test
  void expandsTheKomposerExampleIntoOneKatalog() {
    ObjectNode expanded = KatalogInterpreter.expand(Fixtures.path("katalog/valid/spec-komposer"));

    assertThat(expanded.path("kind").asText()).isEqualTo("Katalog");
    assertThat(expanded.path("spec").path("crds").fieldNames())
        .toIterable()
        .containsExactly("postgres", "webapp");
    assertThat(expanded.path("spec").path("crds").path("webapp").path("enabled").asBoolean(true))
        .isFalse();
    assertThat(expanded.path("lifecycle").path("accept").path("patterns").get(0).path("name").asText())
        .isEqualTo("postgres");
    assertThat(expanded.path("lifecycle").path("maturity").asText()).isEqualTo("beta");
  }

  @Test
  void acceptsEveryCrdEntryBlockOfTheSchema() {
    ObjectNode expanded =
        KatalogInterpreter.expand(Fixtures.path("katalog/valid/crd-entry-blocks/katalog.yaml"));
    JsonNode entry = expanded.path("spec").path("crds").path("store");

    assertThat(entry.fieldNames())
        .toIterable()
        .contains(
            "mode", "setup", "dependsOn", "enrich", "endpoints", "admission", "serve");
    assertThat(entry.path("operatorBox").fieldNames())
        .toIterable()
        .containsExactly(
            "observe", "preReconcile", "runtime", "reconcile", "emit", "rollBackOnError");
    assertThat(KatalogInterpreter.load(Fixtures.path("katalog/valid/crd-entry-blocks/katalog.yaml")))
        .extracting(op -> op.spec().name())
        .containsExactly("store", "legacy");
  }
}

package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Admission.Action;
import io.orkestra.katalog.Admission.ChangeType;
import io.orkestra.katalog.Admission.MutationResult;
import io.orkestra.katalog.Admission.Operation;
import io.orkestra.katalog.Admission.ValidationResult;
import io.orkestra.katalog.Admission.Violation;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation, mutation and conversion of spec §2.8 through {@link Admission}. */
class AdmissionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Admission web() {
    CompiledOperator op = KatalogInterpreter.load(Fixtures.path("admission/web/katalog.yaml")).get(0);
    return KatalogInterpreter.admission(op, Fixtures.CLOCK);
  }

  private static ObjectNode cr(String spec) {
    return cr("demo.orkestra.io/v1", "site", spec);
  }

  private static ObjectNode cr(String apiVersion, String name, String spec) {
    try {
      return (ObjectNode)
          JSON.readTree(
              "{\"apiVersion\":\""
                  + apiVersion
                  + "\",\"kind\":\"Web\",\"metadata\":{\"name\":\""
                  + name
                  + "\",\"namespace\":\"shop\",\"labels\":{\"team\":\"a\"}},\"spec\":"
                  + spec
                  + "}");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- validation

  @Test
  void admitsAResourceThatBreaksNoRule() {
    ValidationResult r =
        web().validate(cr("{\"image\":\"myorg/web\",\"replicas\":3}"), null, Operation.CREATE);

    assertThat(r.violations()).isEmpty();
    assertThat(r.allowed()).isTrue();
  }

  @Test
  void reportsEveryViolationTogetherWithRenderedMessagesAndDenyWins() {
    ObjectNode bad = cr("{\"image\":\"docker.io/web\",\"replicas\":12,\"debug\":true}");
    ((ObjectNode) bad.get("metadata")).remove("labels");

    ValidationResult r = web().validate(bad, null, Operation.CREATE);

    assertThat(r.violations())
        .extracting(Violation::field, Violation::operator, Violation::value, Violation::action)
        .containsExactly(
            tuple("spec.image", "prefix", "docker.io/web", Action.DENY),
            tuple("spec.replicas", "lessThanOrEqual", "12", Action.DENY),
            tuple("metadata.labels.team", "exists", "", Action.WARN),
            tuple("spec.debug", "notEquals", "true", Action.WARN));
    assertThat(r.violations().get(0).message())
        .isEqualTo("image docker.io/web must come from myorg/");
    assertThat(r.violations().get(2).message()).isEqualTo("site should carry a team label");
    assertThat(r.violations().get(0).declaredAt())
        .isEqualTo(Fixtures.display("admission/web/katalog.yaml") + ":14:15");
    assertThat(r.allowed()).isFalse();
    assertThat(r.denials()).hasSize(2);
    assertThat(r.warnings()).hasSize(2);
  }

  @Test
  void warningsAloneDoNotBlock() {
    ObjectNode cr = cr("{\"image\":\"myorg/web\",\"debug\":true}");

    ValidationResult r = web().validate(cr, null, Operation.UPDATE);

    assertThat(r.allowed()).isTrue();
    assertThat(r.warnings()).extracting(Violation::message)
        .containsExactly("debug cannot be switched on through the API");
  }

  @Test
  void appliesARuleOnlyWhenItsConditionsPass() {
    Admission a = web();

    assertThat(a.validate(cr("{\"image\":\"myorg/w\",\"tier\":\"bronze\"}"), null, Operation.CREATE)
            .violations())
        .isEmpty();
    assertThat(
            a.validate(
                    cr("{\"image\":\"myorg/w\",\"tier\":\"bronze\",\"env\":\"prod\"}"),
                    null,
                    Operation.CREATE)
                .violations())
        .extracting(Violation::message)
        .containsExactly("production Webs need tier gold or silver");
  }

  @Test
  void reconcileSkipsAdmissionOnlyRules() {
    ObjectNode cr = cr("{\"image\":\"myorg/web\",\"debug\":true}");

    assertThat(web().validate(cr, null, Operation.RECONCILE).violations()).isEmpty();
  }

  @Test
  void admissionOnlyRunsForTheDeclaredOperations() {
    ObjectNode cr = cr("{\"image\":\"docker.io/web\"}");
    Admission a = web();

    assertThat(a.operations()).containsExactly(Operation.CREATE, Operation.UPDATE, Operation.DELETE);
    assertThat(a.validate(cr, null, Operation.CONNECT).violations()).isEmpty();
    assertThat(a.validate(cr, null, Operation.DELETE).allowed()).isFalse();
  }

  @Test
  void uniqueComparesWithTheOtherInstancesButNotItself() {
    ObjectNode mine = cr("demo.orkestra.io/v1", "site", "{\"image\":\"myorg/a\",\"host\":\"shop.io\"}");
    ObjectNode sameHost =
        cr("demo.orkestra.io/v1", "other", "{\"image\":\"myorg/b\",\"host\":\"shop.io\"}");
    ObjectNode otherHost =
        cr("demo.orkestra.io/v1", "third", "{\"image\":\"myorg/c\",\"host\":\"blog.io\"}");
    Admission a = web();

    ValidationResult taken = a.validate(mine, null, Operation.CREATE, List.of(mine, sameHost));
    ValidationResult free = a.validate(mine, null, Operation.CREATE, List.of(mine, otherHost));

    assertThat(taken.denials())
        .extracting(Violation::field, Violation::operator, Violation::message)
        .containsExactly(tuple("spec.host", "unique", "host shop.io is already used by another Web"));
    assertThat(free.violations()).isEmpty();
    // without the instances there is nothing to compare with: unique passes, as in Orkestra
    assertThat(a.validate(mine, null, Operation.CREATE).violations()).isEmpty();
  }

  @Test
  void uniqueFailsWhenTheFieldIsAbsentAndAFailingMessageFallsBackToItsText() {
    ObjectNode noHost = cr("{\"image\":\"myorg/a\"}");

    assertThat(web().validate(noHost, null, Operation.CREATE, List.of()).denials())
        .extracting(Violation::operator, Violation::message)
        .containsExactly(
            tuple("unique", "host {{ .spec.host }} is already used by another Web"));
  }

  @Test
  void updateSeesTheOldObjectAndReportsTheLink() {
    ObjectNode old = cr("{\"image\":\"myorg/a\",\"storageClass\":\"fast\"}");
    ObjectNode changed = cr("{\"image\":\"myorg/a\",\"storageClass\":\"slow\"}");
    Admission a = web();

    assertThat(a.validate(changed, old, Operation.UPDATE).denials())
        .extracting(Violation::field, Violation::message)
        .containsExactly(tuple("storage", "storageClass is immutable (was fast)"));
    assertThat(a.validate(changed, null, Operation.CREATE).violations()).isEmpty();
    assertThat(a.validate(old, old, Operation.UPDATE).violations()).isEmpty();
  }

  // ---- mutation

  @Test
  void defaultsOnlyFillAbsentFieldsAndOverridesAlwaysWrite() {
    ObjectNode in = cr("{\"replicas\":5,\"owner\":\"me\",\"env\":\"\"}");

    MutationResult r = web().mutate(in, Operation.CREATE);

    JsonNode spec = r.object().get("spec");
    assertThat(spec.get("replicas").asInt()).isEqualTo(5); // present: default not applied
    assertThat(spec.get("owner").asText()).isEqualTo("shop-team"); // override
    assertThat(spec.get("env").asText()).isEqualTo("dev"); // "" counts as absent
    assertThat(spec.get("paused").isBoolean()).isTrue(); // YAML boolean stays a boolean
    assertThat(spec.has("resources")).isFalse(); // condition tier == gold fails
    assertThat(r.changes())
        .extracting(c -> c.path(), c -> c.type())
        .containsExactly(
            tuple("spec.owner", ChangeType.OVERRIDE),
            tuple("spec.env", ChangeType.DEFAULT),
            tuple("spec.paused", ChangeType.DEFAULT),
            tuple("spec.trace", ChangeType.OVERRIDE));
    assertThat(in.get("spec").get("owner").asText()).as("input untouched").isEqualTo("me");
  }

  @Test
  void coercesToValueTypeAndSkipsValuesThatDoNotConvert() {
    MutationResult r = web().mutate(cr("{\"port\":null}"), Operation.CREATE);

    assertThat(r.object().get("spec").get("replicas").isIntegralNumber()).isTrue();
    assertThat(r.object().get("spec").get("replicas").asInt()).isEqualTo(2);
    assertThat(r.object().get("spec").get("port").isNull()).isTrue();
    assertThat(r.skipped())
        .containsExactly(
            Fixtures.display("admission/web/katalog.yaml")
                + ":65:15: spec.port: cannot convert 'http' to int");
  }

  @Test
  void conditionalRulesAndTemplateFieldsFollowTheObject() {
    MutationResult r =
        web().mutate(cr("{\"replicas\":1,\"tier\":\"gold\",\"env\":\"prod\"}"), Operation.CREATE);

    assertThat(r.object().at("/spec/resources/cpu").asText()).isEqualTo("500m");
    assertThat(r.object().at("/spec/audit").asText()).isEqualTo("on");
    assertThat(r.object().at("/spec/trace").isMissingNode()).isTrue();
  }

  @Test
  void producesAJsonPatchThatCreatesMissingParents() throws Exception {
    MutationResult r =
        web().mutate(cr("{\"replicas\":1,\"owner\":\"me\",\"tier\":\"gold\",\"env\":\"x\",\"paused\":true,\"trace\":\"on\",\"port\":80}"), Operation.CREATE);

    assertThat(r.patch())
        .isEqualTo(
            JSON.readTree(
                "[{\"op\":\"replace\",\"path\":\"/spec/owner\",\"value\":\"shop-team\"},"
                    + "{\"op\":\"add\",\"path\":\"/spec/resources\",\"value\":{\"cpu\":\"500m\"}}]"));
  }

  @Test
  void reconcileMutatesEvenWhenTheWebhookIsOff() {
    CompiledOperator op =
        KatalogInterpreter.load(Fixtures.path("admission/legacy/katalog.yaml")).get(0);
    Admission a = KatalogInterpreter.admission(op, Fixtures.CLOCK);
    ObjectNode db = cr("demo.orkestra.io/v2", "db", "{}");

    assertThat(a.mutate(db, Operation.RECONCILE).object().at("/spec/engine").asText())
        .isEqualTo("postgres");
    assertThat(a.mutate(db, Operation.CREATE).object().at("/spec/engine").asText())
        .isEqualTo("postgres");
    // webhooks.validation: false opts out of admission validation, not of reconcile validation
    ObjectNode oracle = cr("demo.orkestra.io/v2", "db", "{\"engine\":\"oracle\"}");
    assertThat(a.validate(oracle, null, Operation.CREATE).violations()).isEmpty();
    assertThat(a.validate(oracle, null, Operation.RECONCILE).violations())
        .extracting(Violation::message)
        .containsExactly("engine oracle is not supported");
  }

  // ---- conversion

  @Test
  void convertsUpAlongTheDeclaredPath() throws Exception {
    ObjectNode old =
        cr("demo.orkestra.io/v1alpha1", "site", "{\"imageName\":\"myorg/web\",\"size\":\"3\"}");
    old.putObject("status").put("phase", "Ready");

    ObjectNode v1 = web().convert(old, "v1");

    assertThat(v1.get("apiVersion").asText()).isEqualTo("demo.orkestra.io/v1");
    assertThat(v1.get("spec"))
        .isEqualTo(
            JSON.readTree(
                "{\"image\":\"myorg/web\",\"replicas\":3,"
                    + "\"seo\":{\"enabled\":false,\"tags\":[\"a\",\"site\"]},\"note\":null}"));
    assertThat(v1.get("metadata")).isEqualTo(old.get("metadata"));
    assertThat(v1.at("/status/phase").asText()).isEqualTo("Ready");
    assertThat(old.get("apiVersion").asText()).as("input untouched").endsWith("v1alpha1");
  }

  @Test
  void convertsBackDownAlongTheReversePath() throws Exception {
    ObjectNode v1 = cr("{\"image\":\"myorg/web\",\"replicas\":4}");

    ObjectNode alpha = web().convert(v1, "demo.orkestra.io/v1alpha1");

    assertThat(alpha.get("apiVersion").asText()).isEqualTo("demo.orkestra.io/v1alpha1");
    assertThat(alpha.get("spec"))
        .isEqualTo(JSON.readTree("{\"imageName\":\"myorg/web\",\"size\":4}"));
  }

  @Test
  void sameVersionOnlyRewritesApiVersion() {
    ObjectNode v1 = cr("{\"image\":\"x\"}");

    assertThat(web().convert(v1, "v1")).isEqualTo(v1);
  }

  @Test
  void unknownVersionIsAClearError() {
    assertThatThrownBy(() -> web().convert(cr("{}"), "v3"))
        .isInstanceOf(OrkestraException.class)
        .hasMessage("unknown version 'v3' of Web (known: v1alpha1, v1) (shop/site)");
    assertThatThrownBy(() -> web().convert(cr("{}"), "other.io/v1"))
        .hasMessageContaining("belongs to group demo.orkestra.io");
  }

  @Test
  void aKnownVersionWithoutPathNamesTheDeclaredPaths() {
    CompiledOperator op =
        KatalogInterpreter.load(Fixtures.path("admission/legacy/katalog.yaml")).get(0);
    Admission a = KatalogInterpreter.admission(op, Fixtures.CLOCK);

    assertThat(a.convert(cr("demo.orkestra.io/v1", "db", "{\"kind\":\"pg\"}"), "v2").get("spec"))
        .isEqualTo(JSON.createObjectNode().put("engine", "pg"));
    assertThatThrownBy(() -> a.convert(cr("demo.orkestra.io/v2", "db", "{}"), "v1"))
        .hasMessage(
            "no conversion path declared for v2 → v1 in Db (declared: v1 → v2);"
                + " add one under conversion.paths (shop/db)");
  }

  @Test
  void anOperatorWithoutAdmissionAdmitsAndChangesNothing() {
    CompiledOperator op = Fixtures.operator("load/legacy/katalog.yaml");
    Admission a = KatalogInterpreter.admission(op, Fixtures.CLOCK);
    ObjectNode any = cr("{}");

    assertThat(a.hasValidation() || a.hasMutation() || a.hasConversion()).isFalse();
    assertThat(a.validate(any, null, Operation.CREATE).allowed()).isTrue();
    assertThat(a.mutate(any, Operation.CREATE).object()).isEqualTo(any);
  }

  @Test
  void rulesImportedFromAMotifApply() {
    Admission a =
        KatalogInterpreter.admission(Fixtures.operator("motifs/defaults.yaml"), Fixtures.CLOCK);

    assertThat(a.validate(cr("{}"), null, Operation.CREATE).denials())
        .extracting(Violation::field, Violation::message)
        .containsExactly(tuple("spec.image", "a database needs an image"));
    assertThat(a.validate(cr("{\"image\":\"pg\"}"), null, Operation.CREATE).allowed()).isTrue();
  }

  @Test
  void theSpecExampleBlocksWorkWithIncludedRulesFirst() throws Exception {
    CompiledOperator store =
        KatalogInterpreter.load(Fixtures.path("katalog/valid/crd-entry-blocks/katalog.yaml"))
            .get(0);
    Admission a = KatalogInterpreter.admission(store, Fixtures.CLOCK);
    ObjectNode empty = cr("shop.acme.io/v1", "s", "{\"replicas\":20}");

    assertThat(a.validate(empty, null, Operation.CREATE).violations())
        .extracting(Violation::message)
        .containsExactly("a store needs an image", "range");
    assertThat(a.validate(empty, null, Operation.UPDATE).violations()).isEmpty(); // CREATE only
    MutationResult m = a.mutate(cr("shop.acme.io/v1", "s", "{\"tier\":\"GOLD\"}"), Operation.CREATE);
    assertThat(m.object().get("spec"))
        .isEqualTo(JSON.readTree("{\"tier\":\"gold\",\"replicas\":1}"));
    assertThat(a.convert(cr("shop.acme.io/v1alpha1", "s", "{\"image\":\"acme/x\",\"old\":1}"), "v1")
            .get("spec"))
        .isEqualTo(JSON.readTree("{\"image\":\"acme/x\"}"));
  }

  // ---- load errors

  @Test
  void reportsEveryAdmissionMistakeWithItsPosition() {
    List<Diagnostic> d;
    try {
      KatalogInterpreter.load(Fixtures.path("admission/invalid/katalog.yaml"));
      throw new AssertionError("expected a load error");
    } catch (KatalogException e) {
      d = e.diagnostics();
    }

    assertThat(d)
        .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
        .contains(
            tuple(15, 25, "unknown condition operator 'startsWith'"),
            tuple(35, 27, "storageVersion names unknown version 'v2' (the crdFile declares"
                + " v1alpha1, v1)"),
            tuple(37, 21, "conversion path from names unknown version 'v1beta1' (the crdFile"
                + " declares v1alpha1, v1)"));
    assertThat(d).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("reject"))
        .anySatisfy(m -> assertThat(m).contains("nosuch"))
        .anySatisfy(m -> assertThat(m).contains("missing required key 'message'"))
        .anySatisfy(m -> assertThat(m).contains("has both default: and override:"))
        .anySatisfy(m -> assertThat(m).contains("needs default: (only when absent) or override:"))
        .anySatisfy(m -> assertThat(m).contains("converts v1 to itself"));
  }
}

package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import io.orkestra.katalog.Fixtures;
import io.orkestra.katalog.KatalogException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Rendering custom resources into desired children and status (golden files next to inputs). */
class CompiledKatalogOperatorTest {

  private static DesiredState render(String katalog, String cr) {
    return Fixtures.interpret(Fixtures.operator(katalog), Fixtures.cr(cr, 0));
  }

  @Test
  void rendersEveryImplementedKindAsInTheGoldenFile() {
    DesiredState state = render("render/all-kinds/katalog.yaml", "render/all-kinds/cr.yaml");

    Fixtures.assertGolden("render/all-kinds/expected.json", Fixtures.toJson(state));
  }

  @Test
  void rendersTheWholePodShorthandOfADeploymentAndLeavesEmptyReplicasOut() {
    DesiredState state = render("render/deployment-pod/katalog.yaml", "render/deployment-pod/cr.yaml");
    ObjectNode deployment = state.children().stream()
        .filter(c -> c.key().kind().equals("Deployment")).findFirst().orElseThrow().manifest();

    assertThat(deployment.path("spec").has("replicas")).isFalse();
    ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("image").asText()).isEqualTo("nginx:1.27");
    assertThat(container.path("command").toString()).isEqualTo("[\"/bin/server\",\"--verbose\"]");
    assertThat(container.path("resources").toString()).isEqualTo("{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}");
    assertThat(container.path("readinessProbe").toString())
        .isEqualTo("{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080}}");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
  }

  @Test
  void comparesABooleanConditionFieldAsAValue() {
    DesiredState state = render("render/deployment-pod/katalog.yaml", "render/deployment-pod/cr.yaml");

    assertThat(state.children()).extracting(c -> c.key().name()).contains("web-on").doesNotContain("web-off");
  }

  @Test
  void ordersChildrenOnCreateFirstThenByKindInApplyOrder() {
    DesiredState state = render("render/all-kinds/katalog.yaml", "render/all-kinds/cr.yaml");

    assertThat(state.children())
        .extracting(c -> c.key().kind() + " " + c.key().name())
        .containsExactly(
            "Secret shop-secret",
            "ConfigMap shop-settings",
            "Deployment shop-web",
            "Service shop-service",
            "ConfigMap shop-audit",
            "Service shop-metrics");
  }

  @Test
  void marksOnCreateChildrenCreateOnlyUnlessTheyReconcile() {
    ObjectNode cr = Fixtures.cr("load/app-cr.yaml", 0);
    CompiledOperator op = Fixtures.operator("load/grouped/katalog.yaml");

    assertThat(Fixtures.interpret(op, cr).children())
        .extracting(c -> c.key().kind() + " drift=" + c.drift())
        .containsExactly("Secret drift=false", "Deployment drift=true", "ConfigMap drift=true");
  }

  @Test
  void letsALaterDeclarationOfTheSameChildWin() {
    DesiredState state = render("render/all-kinds/katalog.yaml", "render/all-kinds/cr.yaml");

    ChildResource settings = state.children().get(1);
    assertThat(settings.key())
        .isEqualTo(new ResourceKey("", "v1", "ConfigMap", "shop-ns", "shop-settings"));
    assertThat(settings.drift()).as("onReconcile declaration").isTrue();
    assertThat(settings.manifest().path("data").path("greeting").asText()).isEqualTo("reconciled");
  }

  @Test
  void encodesSecretValuesAsBase64() {
    DesiredState state = render("render/all-kinds/katalog.yaml", "render/all-kinds/cr.yaml");

    ObjectNode data = (ObjectNode) state.children().get(0).manifest().path("data");
    assertThat(decode(data.path("token").asText())).isEqualTo("abc");
    assertThat(decode(data.path("url").asText())).isEqualTo("https://shop.example.com");
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  @Test
  void identifiesTheOwnerByTheResourcesOwnKey() {
    DesiredState state = render("render/all-kinds/katalog.yaml", "render/all-kinds/cr.yaml");

    assertThat(state.owner())
        .isEqualTo(new ResourceKey("demo.orkestra.io", "v1", "Shop", "shop-ns", "shop"));
  }

  @Test
  void castsStatusFieldsAsInTheGoldenFile() {
    DesiredState state = render("render/status/katalog.yaml", "render/status/cr.yaml");

    assertThat(state.children()).isEmpty();
    Fixtures.assertGolden("render/status/expected.json", Fixtures.toJson(state));
  }

  @Test
  void failsTheResourceWhenATemplateRefersToAMissingField() {
    String file = Fixtures.display("render/errors/missing-field.yaml");
    CompiledOperator op = Fixtures.operator("render/errors/missing-field.yaml");
    ObjectNode cr = Fixtures.cr("render/errors/cr.yaml", 0);

    assertThatThrownBy(() -> Fixtures.interpret(op, cr))
        .isExactlyInstanceOf(OrkestraException.class)
        .hasMessage(
            file + ":13:31: template refers to missing field .spec.replicas (default/webapp-1)");
  }

  @Test
  void makesMissingFieldsSafeWithDefault() {
    DesiredState state = render("render/errors/defaulted.yaml", "render/errors/cr.yaml");

    ObjectNode deployment = state.children().get(0).manifest();
    assertThat(deployment.path("spec").path("replicas").intValue()).isEqualTo(1);
    ObjectNode container =
        (ObjectNode)
            deployment.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("image").asText()).isEqualTo("nginx");
    assertThat(container.path("env").get(0).path("value").asText()).isEqualTo("none");
  }

  @Test
  void failsWhenAnIntegerFieldRendersToText() {
    String file = Fixtures.display("render/errors/not-an-integer.yaml");
    CompiledOperator op = Fixtures.operator("render/errors/not-an-integer.yaml");

    assertThatThrownBy(() -> Fixtures.interpret(op, Fixtures.cr("render/errors/cr.yaml", 0)))
        .hasMessage(
            file
                + ":13:28:"
                + " spec.crds.webapp.operatorBox.reconcile.onReconcile.deployments[0].replicas must"
                + " render to an integer from 0 to 1000000, got 'large' (default/webapp-1)");
  }

  @Test
  void failsWhenAStatusValueDoesNotFitItsType() {
    String file = Fixtures.display("render/errors/bad-status.yaml");
    CompiledOperator op = Fixtures.operator("render/errors/bad-status.yaml");

    assertThatThrownBy(() -> Fixtures.interpret(op, Fixtures.cr("render/errors/cr.yaml", 0)))
        .hasMessage(
            file
                + ":12:53: status field 'replicas' has type int but its value rendered to 'large'"
                + " (default/webapp-1)");
  }

  @Test
  void rejectsAResourceWithoutName() {
    CompiledOperator op = Fixtures.operator("render/errors/defaulted.yaml");
    ObjectNode cr = Fixtures.cr("render/errors/cr.yaml", 0);
    ((ObjectNode) cr.path("metadata")).remove("name");

    assertThatThrownBy(() -> Fixtures.interpret(op, cr))
        .isInstanceOf(OrkestraException.class)
        .isNotInstanceOf(KatalogException.class)
        .hasMessage("custom resource of kind WebApp has no metadata.name");
  }

  @Test
  void callsUserNotesThatComposeEarlierNotes() {
    DesiredState state = render("render/notes/katalog.yaml", "render/notes/cr.yaml");

    assertThat(state.children()).singleElement().satisfies(c -> {
      assertThat(c.manifest().path("data").path("url").asText())
          .isEqualTo("http://blog.web.svc.cluster.local:8080");
      assertThat(c.manifest().path("data").path("host").asText())
          .isEqualTo("BLOG.WEB.SVC.CLUSTER.LOCAL");
    });
    assertThat(state.status().path("url").asText()).isEqualTo("http://blog.web.svc.cluster.local:8080");
  }

  @Test
  void keepsJobsServiceAccountsAndOnceSecretsCreateOnlyWhereverDeclared() {
    DesiredState state = render("render/create-only/katalog.yaml", "render/create-only/cr.yaml");

    assertThat(state.children())
        .extracting(c -> c.key().kind() + " " + c.key().name() + " drift=" + c.drift())
        .containsExactly(
            "Job shop-job drift=false",
            "Secret shop-password drift=false",
            "Secret shop-config drift=true",
            "ServiceAccount shop-sa drift=false");
  }
}

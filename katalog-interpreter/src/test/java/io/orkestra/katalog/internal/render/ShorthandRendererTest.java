package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.katalog.Fixtures;
import org.junit.jupiter.api.Test;

/** Every kind rendered from Orkestra's shorthand fields (golden file next to the inputs). */
class ShorthandRendererTest {

  private static DesiredState render() {
    return Fixtures.interpret(
        Fixtures.operator("render/shorthand/katalog.yaml"),
        Fixtures.cr("render/shorthand/cr.yaml", 0));
  }

  private static JsonNode manifest(DesiredState state, String kind) {
    return state.children().stream()
        .filter(c -> c.key().kind().equals(kind))
        .findFirst()
        .map(ChildResource::manifest)
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  @Test
  void rendersEveryShorthandKindAsInTheGoldenFile() {
    Fixtures.assertGolden("render/shorthand/expected.json", Fixtures.toJson(render()));
  }

  @Test
  void ordersEveryKindInApplyOrder() {
    assertThat(render().children())
        .extracting(c -> c.key().kind())
        .containsExactly(
            "Namespace",
            "NetworkPolicy",
            "ResourceQuota",
            "LimitRange",
            "ClusterRole",
            "ClusterRoleBinding",
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "Certificate",
            "Tenant",
            "ReplicaSet",
            "Job",
            "CronJob",
            "StatefulSet",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "Ingress",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "Pod");
  }

  @Test
  void leavesClusterScopedChildrenWithoutNamespace() {
    DesiredState state = render();

    assertThat(state.children())
        .filteredOn(c -> c.key().namespace().isEmpty())
        .extracting(c -> c.key().kind())
        .containsExactly(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "Tenant", "PersistentVolume");
    assertThat(manifest(state, "ClusterRole").path("metadata").has("namespace")).isFalse();
    assertThat(manifest(state, "Role").path("metadata").path("namespace").asText())
        .isEqualTo("team-a");
  }

  @Test
  void typesNumbersAndBooleansForKubernetes() {
    DesiredState state = render();

    JsonNode sts = manifest(state, "StatefulSet").path("spec");
    assertThat(sts.path("replicas").isInt()).isTrue();
    assertThat(sts.path("replicas").intValue()).isEqualTo(3);
    JsonNode container = sts.path("template").path("spec").path("containers").get(0);
    assertThat(container.path("ports").get(0).path("containerPort").intValue()).isEqualTo(5432);
    assertThat(manifest(state, "CronJob").path("spec").path("suspend").isBoolean()).isTrue();
    JsonNode account = manifest(state, "ServiceAccount");
    assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    JsonNode hpa = manifest(state, "HorizontalPodAutoscaler").path("spec");
    assertThat(hpa.path("maxReplicas").intValue()).isEqualTo(6);
    assertThat(manifest(state, "PodDisruptionBudget").path("spec").path("minAvailable").asText())
        .isEqualTo("50%");
  }

  @Test
  void coercesTemplatedValuesOfCustomSpecsAndKeepsLiteralTypes() {
    JsonNode spec = manifest(render(), "Certificate").path("spec");

    assertThat(spec.path("renewBefore").isNumber()).isTrue();
    assertThat(spec.path("renewBefore").intValue()).isEqualTo(6);
    assertThat(spec.path("isCA").isBoolean()).isTrue();
    assertThat(spec.path("duration").asText()).isEqualTo("2160h");
    assertThat(spec.path("literalNumber").isInt()).isTrue();
    assertThat(spec.path("dnsNames").get(0).asText()).isEqualTo("acme.example.com");
  }

  @Test
  void mountsEveryVolumeClaimTemplateIntoTheContainer() {
    JsonNode sts = manifest(render(), "StatefulSet").path("spec");

    assertThat(sts.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText())
        .isEqualTo("data");
    assertThat(
            sts.path("volumeClaimTemplates")
                .get(0)
                .path("spec")
                .path("resources")
                .path("requests")
                .path("storage")
                .asText())
        .isEqualTo("20Gi");
    JsonNode mount =
        sts.path("template").path("spec").path("containers").get(0).path("volumeMounts").get(0);
    assertThat(mount.path("name").asText()).isEqualTo("data");
    assertThat(mount.path("mountPath").asText()).isEqualTo("/var/lib/postgresql/data");
  }

  @Test
  void managesTheLiteralCustomKindButNotATemplatedOne() {
    DesiredState state = render();

    assertThat(state.managedKinds())
        .extracting(k -> k.apiVersion() + " " + k.kind())
        .contains("cert-manager.io/v1 Certificate", "example.io/v1 Tenant")
        .doesNotContain(" ");
  }
}

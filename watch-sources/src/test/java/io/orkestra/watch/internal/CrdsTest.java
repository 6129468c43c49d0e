package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OperatorSpec;
import io.orkestra.watch.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdsTest {

  @Test
  void generatesAnOpenNamespacedCrdWithStatusSubresource() {
    ObjectNode crd = Crds.generate(Fixtures.webAppSpec(null));

    assertThat(crd.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
    assertThat(crd.path("kind").asText()).isEqualTo("CustomResourceDefinition");
    assertThat(crd.path("metadata").path("name").asText()).isEqualTo("webapps.demo.orkestra.io");
    JsonNode spec = crd.path("spec");
    assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(spec.path("names").path("singular").asText()).isEqualTo("webapp");
    JsonNode v = spec.path("versions").get(0);
    assertThat(v.path("served").asBoolean()).isTrue();
    assertThat(v.path("storage").asBoolean()).isTrue();
    assertThat(v.path("schema").path("openAPIV3Schema").path("type").asText()).isEqualTo("object");
    assertThat(
            v.path("schema")
                .path("openAPIV3Schema")
                .path("x-kubernetes-preserve-unknown-fields")
                .asBoolean())
        .isTrue();
    assertThat(v.path("subresources").path("status").isObject()).isTrue();
    assertThat(Crds.isCrd(crd)).isTrue();
  }

  @Test
  void generatesClusterScopeForClusterScopedSpecs() {
    OperatorSpec cluster =
        new OperatorSpec(
            "tenants",
            "k",
            "demo.orkestra.io",
            "v1alpha1",
            "Tenant",
            "tenants",
            false,
            1,
            null,
            List.of());

    assertThat(Crds.generate(cluster).path("spec").path("scope").asText()).isEqualTo("Cluster");
  }

  @Test
  void registersThePluralAndScopeACrdDefines() {
    ResourceTypes types = new ResourceTypes();
    ObjectNode crd = Fixtures.manifest("webapp-crd.json");
    ((ObjectNode) crd.path("spec").path("names")).put("plural", "webapplications");
    ((ObjectNode) crd.get("spec")).put("scope", "Cluster");

    Crds.register(crd, types);

    assertThat(types.typeOf("demo.orkestra.io", "WebApp"))
        .isEqualTo(new ResourceTypes.Type("webapplications", false));
  }

  @Test
  void otherManifestsAreNotCrds() {
    assertThat(Crds.isCrd(Fixtures.manifest("configmap.json"))).isFalse();
  }
}

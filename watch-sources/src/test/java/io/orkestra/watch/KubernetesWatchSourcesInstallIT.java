package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class KubernetesWatchSourcesInstallIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ResourceKey CRD =
      new ResourceKey(
          "apiextensions.k8s.io", "v1", "CustomResourceDefinition", "", "webapps.demo.orkestra.io");
  private static final ResourceKey SHOP =
      new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", "shop");

  private MockApi api;
  private KubernetesWatchSources k8s;

  @BeforeEach
  void startApi() {
    api = MockApi.start();
    api.register("demo.orkestra.io", "WebApp", "webapps");
    k8s =
        KubernetesWatchSources.create(
            api.client(), WatchOptions.defaults().withApplyStrategy(ApplyStrategy.UPDATE));
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  @Test
  void installCrdGeneratesAnOpenCrdWithStatusSubresourceWhenTheSpecHasNone() {
    StepVerifier.create(k8s.installCrd(Fixtures.webAppSpec(null))).expectComplete().verify(TIMEOUT);

    JsonNode spec = api.require(CRD).path("spec");
    assertThat(spec.path("group").asText()).isEqualTo("demo.orkestra.io");
    assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(spec.path("names").path("kind").asText()).isEqualTo("WebApp");
    assertThat(spec.path("names").path("plural").asText()).isEqualTo("webapps");
    assertThat(spec.path("names").path("listKind").asText()).isEqualTo("WebAppList");
    JsonNode version = spec.path("versions").get(0);
    assertThat(version.path("name").asText()).isEqualTo("v1");
    assertThat(version.path("served").asBoolean()).isTrue();
    assertThat(version.path("storage").asBoolean()).isTrue();
    assertThat(
            version
                .path("schema")
                .path("openAPIV3Schema")
                .path("x-kubernetes-preserve-unknown-fields")
                .asBoolean())
        .isTrue();
    assertThat(version.path("subresources").path("status").isObject()).isTrue();
  }

  @Test
  void installCrdWritesTheCrdFileManifestAndReplacesItOnTheNextInstall() {
    ObjectNode crdFile = Fixtures.manifest("webapp-crd.json");
    StepVerifier.create(k8s.installCrd(Fixtures.webAppSpec(crdFile)))
        .expectComplete()
        .verify(TIMEOUT);
    ObjectNode first = api.require(CRD);
    assertThat(first.path("metadata").path("labels").path("origin").asText()).isEqualTo("crd-file");
    assertThat(first.path("spec").path("names").path("shortNames").get(0).asText()).isEqualTo("wa");

    ObjectNode changed = crdFile.deepCopy();
    ((ObjectNode) changed.path("spec").path("names")).putArray("shortNames").add("webapp");
    StepVerifier.create(k8s.installCrd(Fixtures.webAppSpec(changed)))
        .expectComplete()
        .verify(TIMEOUT);

    ObjectNode second = api.require(CRD);
    assertThat(second.path("spec").path("names").path("shortNames")).hasSize(1);
    assertThat(second.path("spec").path("names").path("shortNames").get(0).asText())
        .isEqualTo("webapp");
    assertThat(second.path("metadata").path("uid")).isEqualTo(first.path("metadata").path("uid"));
  }

  @Test
  void customResourcesOfAnInstalledCrdHaveAWorkingStatusSubresource() {
    k8s.installCrd(Fixtures.webAppSpec(null)).block(TIMEOUT);
    k8s.applyManifest(Fixtures.manifest("webapp.json")).block(TIMEOUT);
    ObjectNode cr = api.require(SHOP);
    ObjectNode withStatusInBody = Fixtures.manifest("webapp.json");
    withStatusInBody.putObject("status").put("phase", "Sneaky");

    // the main resource ignores .status; only the status subresource writes it
    k8s.applyManifest(withStatusInBody).block(TIMEOUT);
    assertThat(api.require(SHOP).path("status").isMissingNode()).isTrue();
    k8s.applier()
        .writeStatus(cr, JsonNodeFactory.instance.objectNode().put("phase", "Ready"))
        .block(TIMEOUT);
    assertThat(api.require(SHOP).path("status").path("phase").asText()).isEqualTo("Ready");
  }

  @Test
  void applyManifestCreatesThenUpdatesAndDefaultsTheNamespace() {
    k8s.installCrd(Fixtures.webAppSpec(null)).block(TIMEOUT);
    ObjectNode manifest = Fixtures.manifest("webapp.json");
    ((ObjectNode) manifest.get("metadata")).remove("namespace");

    StepVerifier.create(k8s.applyManifest(manifest))
        .expectNext(SHOP)
        .expectComplete()
        .verify(TIMEOUT);
    ObjectNode created = api.require(SHOP);
    assertThat(created.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1L);

    ((ObjectNode) manifest.get("spec")).put("replicas", 3);
    StepVerifier.create(k8s.applyManifest(manifest))
        .expectNext(SHOP)
        .expectComplete()
        .verify(TIMEOUT);

    ObjectNode updated = api.require(SHOP);
    assertThat(updated.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(updated.path("metadata").path("generation").asLong()).isEqualTo(2L);
    assertThat(updated.path("metadata").path("uid"))
        .isEqualTo(created.path("metadata").path("uid"));
    assertThat(manifest.path("metadata").has("namespace")).isFalse();
  }

  @Test
  void applyManifestWithoutIdentityErrors() {
    ObjectNode nameless = Fixtures.manifest("configmap.json");
    ((ObjectNode) nameless.get("metadata")).remove("name");

    StepVerifier.create(k8s.applyManifest(nameless))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("manifest must have apiVersion, kind and metadata.name"))
        .verify(TIMEOUT);
  }
}

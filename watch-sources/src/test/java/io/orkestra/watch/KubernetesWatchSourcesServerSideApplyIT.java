package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ChildResource;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import io.orkestra.watch.internal.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The mock API server does not implement server-side apply (environment.md §3.2), so this only
 * proves what the applier sends with {@link ApplyStrategy#SERVER_SIDE_APPLY}: the request a real
 * API server would merge. Field ownership and conflicts are not exercised anywhere in this suite.
 */
class KubernetesWatchSourcesServerSideApplyIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ResourceKey CONFIG_MAP =
      new ResourceKey("", "v1", "ConfigMap", "default", "shop-config");

  private MockApi api;

  @BeforeEach
  void startApi() {
    api = MockApi.start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  static ObjectNode owner() {
    ObjectNode cr = Fixtures.manifest("webapp.json");
    ((ObjectNode) cr.get("metadata")).put("uid", "uid-1");
    return cr;
  }

  @Test
  void sendsOneApplyPatchWithFieldManagerForceAndThePreparedManifest() {
    KubernetesWatchSources k8s =
        KubernetesWatchSources.create(api.client(), WatchOptions.defaults());
    Action create =
        new Action.Create(new ChildResource(CONFIG_MAP, Fixtures.manifest("configmap.json"), true));

    // the mock answers 404/415 to apply patches: the write fails, the request is what matters
    StepVerifier.create(k8s.applier().apply(owner(), List.of(create)))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("apply ConfigMap default/shop-config failed"))
        .verify(TIMEOUT);

    assertThat(api.faults().patches())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path())
                  .startsWith("/api/v1/namespaces/default/configmaps/shop-config?")
                  .contains("fieldManager=orkestra-runtime")
                  .contains("force=true");
              assertThat(p.contentType()).startsWith("application/apply-patch+yaml");
              JsonNode sent =
                  Json.parse(
                      api.client()
                          .getKubernetesSerialization()
                          .asJson(api.client().getKubernetesSerialization().unmarshal(p.body())));
              assertThat(sent.path("data").path("greeting").asText()).isEqualTo("hello");
              assertThat(sent.path("metadata").path("labels").path("managed-by").asText())
                  .isEqualTo("orkestra");
              assertThat(sent.path("metadata").path("ownerReferences").get(0).path("uid").asText())
                  .isEqualTo("uid-1");
              assertThat(sent.path("metadata").has("resourceVersion")).isFalse();
            });
  }

  @Test
  void omitsForceWhenConflictsAreNotForced() {
    KubernetesWatchSources k8s =
        KubernetesWatchSources.create(
            api.client(),
            WatchOptions.defaults().withForceConflicts(false).withFieldManager("tests"));

    StepVerifier.create(k8s.applyManifest(Fixtures.manifest("configmap.json")))
        .expectError(OrkestraException.class)
        .verify(TIMEOUT);

    assertThat(api.faults().patches())
        .singleElement()
        .satisfies(
            p -> assertThat(p.path()).contains("fieldManager=tests").doesNotContain("force="));
  }
}

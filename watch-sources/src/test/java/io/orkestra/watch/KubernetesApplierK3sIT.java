package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.orkestra.core.Action;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the in-process API server cannot show, on a real one (K3s in Docker): server-side apply
 * with our field manager, no writes when converged, garbage collection through owner references.
 * Runs with {@code mvn -Pk3s verify} on a machine with Docker; skipped where Docker is missing.
 */
@Testcontainers(disabledWithoutDocker = true)
class KubernetesApplierK3sIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ResourceKey OWNER =
      new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", "shop");
  private static final ResourceKey CONFIG_MAP =
      new ResourceKey("", "v1", "ConfigMap", "default", "shop-config");

  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  static KubernetesClient client;
  static KubernetesWatchSources k8s;

  @BeforeAll
  static void connect() {
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    k8s = KubernetesWatchSources.create(client, WatchOptions.defaults()); // SERVER_SIDE_APPLY
    k8s.installCrd(Fixtures.webAppSpec(null)).block(TIMEOUT);
    await().atMost(TIMEOUT).ignoreExceptions()
        .until(() -> k8s.applyManifest(Fixtures.manifest("webapp.json")).block(TIMEOUT) != null);
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void serverSideApplyOwnsFieldsConvergesWithoutWritesAndChildrenAreCollected() {
    ResourceApplier applier = k8s.applier();
    ObjectNode owner = read(OWNER);
    DesiredState desired = new DesiredState(OWNER,
        List.of(new ChildResource(CONFIG_MAP, Fixtures.manifest("configmap.json"), true)),
        JsonNodeFactory.instance.objectNode());

    List<Action> first = OperatorRuntime.diff(desired, applier.observe(owner, desired).block(TIMEOUT));
    applier.apply(owner, first).block(TIMEOUT);
    ConfigMap cm = client.configMaps().inNamespace("default").withName("shop-config").get();
    assertThat(cm.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo(WatchOptions.DEFAULT_FIELD_MANAGER));
    String version = cm.getMetadata().getResourceVersion();

    List<Action> second = OperatorRuntime.diff(desired, applier.observe(owner, desired).block(TIMEOUT));
    assertThat(second).isEmpty();
    assertThat(client.configMaps().inNamespace("default").withName("shop-config").get()
        .getMetadata().getResourceVersion()).isEqualTo(version);

    client.genericKubernetesResources("demo.orkestra.io/v1", "WebApp").inNamespace("default").withName("shop").delete();
    await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace("default").withName("shop-config").get() == null);
  }

  private static ObjectNode read(ResourceKey key) {
    var r = client.genericKubernetesResources(key.apiVersion(), key.kind()).inNamespace(key.namespace()).withName(key.name()).get();
    try {
      return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(io.fabric8.kubernetes.client.utils.Serialization.asJson(r));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

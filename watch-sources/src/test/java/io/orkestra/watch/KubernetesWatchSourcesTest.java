package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Argument checks and laziness; nothing here reaches an API server (the URL is never dialled). */
class KubernetesWatchSourcesTest {

  private KubernetesClient client;

  @BeforeEach
  void createClient() {
    client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build())
            .build();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void rejectsNullArguments() {
    KubernetesWatchSources k8s = KubernetesWatchSources.create(client, WatchOptions.defaults());

    assertThatThrownBy(() -> KubernetesWatchSources.create(null, WatchOptions.defaults()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("client");
    assertThatThrownBy(() -> KubernetesWatchSources.create(client, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("options");
    assertThatThrownBy(() -> k8s.watch(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("spec");
    assertThatThrownBy(() -> k8s.installCrd(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("spec");
    assertThatThrownBy(() -> k8s.applyManifest(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("manifest");
    assertThatThrownBy(() -> k8s.applier().apply(null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> k8s.applier().observe(null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("owner");
    assertThatThrownBy(
            () -> k8s.applier().observe(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("desired");
  }

  @Test
  void assemblingStreamsDoesNoWork() {
    KubernetesWatchSources k8s = KubernetesWatchSources.create(client, WatchOptions.defaults());

    // nothing listens on the URL: any request made at assembly time would throw here
    k8s.watch(Fixtures.webAppSpec(null)).watch();
    k8s.installCrd(Fixtures.webAppSpec(null));
    k8s.applyManifest(Fixtures.manifest("configmap.json"));
    k8s.applier().writeStatus(Fixtures.manifest("webapp.json"), Fixtures.manifest("webapp.json"));

    assertThat(k8s.options()).isEqualTo(WatchOptions.defaults());
    assertThat(k8s.applier()).isSameAs(k8s.applier());
  }
}

package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.WatchEvent;
import io.orkestra.watch.ApplyStrategy;
import io.orkestra.watch.BlockingCalls;
import io.orkestra.watch.Fixtures;
import io.orkestra.watch.KubernetesWatchSources;
import io.orkestra.watch.MockApi;
import io.orkestra.watch.WatchOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class InformerWatchSourceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final OperatorSpec SPEC = Fixtures.webAppSpec(null);

  private MockApi api;
  private KubernetesWatchSources k8s;
  private final List<String> offered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startApi() {
    api = MockApi.start();
    k8s =
        KubernetesWatchSources.create(
            api.client(), WatchOptions.defaults().withApplyStrategy(ApplyStrategy.UPDATE));
    k8s.installCrd(SPEC).block(TIMEOUT);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  InformerWatchSource source(int bufferSize) {
    ResourceTypes types = new ResourceTypes();
    types.register(SPEC.group(), SPEC.kind(), SPEC.plural(), SPEC.namespaced());
    return new InformerWatchSource(
        api.client(),
        SPEC,
        types,
        Duration.ZERO,
        bufferSize,
        (e, outcome) ->
            offered.add(
                e.getClass().getSimpleName()
                    + " "
                    + e.key().name()
                    + " "
                    + greeting(e)
                    + " "
                    + outcome),
        new DeserializerWarmUp(api.client().getKubernetesSerialization()));
  }

  static ObjectNode webApp(String name, String greeting) {
    ObjectNode cr = Fixtures.manifest("webapp.json");
    ((ObjectNode) cr.get("metadata")).put("name", name);
    ((ObjectNode) cr.get("spec")).put("greeting", greeting);
    return cr;
  }

  static String greeting(WatchEvent e) {
    return e.object().path("spec").path("greeting").asText();
  }

  void apply(ObjectNode manifest) {
    k8s.applyManifest(manifest).block(TIMEOUT);
  }

  @Test
  void stopAllStopsTheInformersOfLiveWatchesAndWaitsForThem() {
    apply(webApp("a", "one"));
    InformerStops stops = new InformerStops();
    reactor.core.Disposable watching = source(100).withStops(stops).watch().subscribe();
    try {
      await().atMost(TIMEOUT).until(() -> offered.contains("Added a one QUEUED"));
      assertThat(stops.running()).isEqualTo(1);

      stops.stopAll().block(TIMEOUT);
      assertThat(stops.running()).as("stopped before the client closes").isZero();
    } finally {
      watching.dispose();
    }
  }

  @Test
  void deliversOnlyTheLatestStatePerKeyWhenDownstreamRequestsLate() {
    StepVerifier.create(source(100).watch(), 0)
        .then(() -> apply(webApp("a", "one")))
        .then(() -> apply(webApp("b", "one")))
        .then(() -> apply(webApp("a", "two")))
        .then(() -> apply(webApp("a", "three")))
        .then(
            () -> await().atMost(TIMEOUT).until(() -> offered.contains("Modified a three MERGED")))
        .thenRequest(1)
        .assertNext(
            e -> {
              // a kept its place in line and became its newest state; still Added: never delivered
              assertThat(e).isInstanceOf(WatchEvent.Added.class);
              assertThat(e.key().name()).isEqualTo("a");
              assertThat(greeting(e)).isEqualTo("three");
            })
        .thenRequest(5)
        .assertNext(e -> assertThat(e.key().name()).isEqualTo("b"))
        .expectNoEvent(Duration.ofMillis(300))
        .thenCancel()
        .verify(TIMEOUT);

    assertThat(offered)
        .containsExactly(
            "Added a one QUEUED",
            "Added b one QUEUED",
            "Modified a two MERGED",
            "Modified a three MERGED");
  }

  @Test
  void dropsNewKeysBeyondTheBufferSizeButKeepsDeletes() {
    apply(webApp("a", "one"));
    apply(webApp("b", "one"));
    apply(webApp("c", "one"));

    StepVerifier.create(source(2).watch(), 0)
        .then(() -> await().atMost(TIMEOUT).until(() -> offered.size() == 3))
        .then(
            () ->
                k8s.applier()
                    .apply(
                        api.require(key("c")),
                        List.of(new io.orkestra.core.Action.Delete(key("c"))))
                    .block(TIMEOUT))
        .then(() -> await().atMost(TIMEOUT).until(() -> offered.size() == 4))
        .thenRequest(10)
        .expectNextCount(3)
        .expectNoEvent(Duration.ofMillis(300))
        .thenCancel()
        .verify(TIMEOUT);

    assertThat(offered).filteredOn(s -> s.endsWith("DROPPED")).hasSize(1);
    assertThat(offered).contains("Deleted c one QUEUED");
  }

  static io.orkestra.core.ResourceKey key(String name) {
    return new io.orkestra.core.ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", name);
  }
}

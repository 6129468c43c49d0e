package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class KubernetesWatchSourcesWatchIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final OperatorSpec SPEC = Fixtures.webAppSpec(null);
  private static final WatchOptions NO_RESYNC =
      WatchOptions.defaults().withApplyStrategy(ApplyStrategy.UPDATE).withResync(Duration.ZERO);

  private MockApi api;

  @BeforeEach
  void startApi() {
    api = MockApi.start();
    api.register("demo.orkestra.io", "WebApp", "webapps");
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  static ObjectNode webApp(String name, String greeting) {
    ObjectNode cr = Fixtures.manifest("webapp.json");
    ((ObjectNode) cr.get("metadata")).put("name", name);
    ((ObjectNode) cr.get("spec")).put("greeting", greeting);
    return cr;
  }

  static ResourceKey key(String name) {
    return new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", name);
  }

  static String greeting(WatchEvent e) {
    return e.object().path("spec").path("greeting").asText();
  }

  @Test
  void emitsAddedModifiedAndDeletedButNothingForStatusOnlyUpdates() {
    KubernetesWatchSources k8s = KubernetesWatchSources.create(api.client(), NO_RESYNC);
    k8s.installCrd(SPEC).block(TIMEOUT);
    k8s.applyManifest(webApp("a", "hello")).block(TIMEOUT);

    List<String> threads = new CopyOnWriteArrayList<>();
    StepVerifier.create(
            k8s.watch(SPEC).watch().doOnNext(e -> threads.add(Thread.currentThread().getName())))
        .assertNext(
            e -> {
              assertThat(e).isInstanceOf(WatchEvent.Added.class);
              assertThat(e.key()).isEqualTo(key("a"));
              assertThat(greeting(e)).isEqualTo("hello");
            })
        .then(() -> k8s.applyManifest(webApp("b", "hi")).block(TIMEOUT))
        .assertNext(
            e -> {
              assertThat(e).isInstanceOf(WatchEvent.Added.class);
              assertThat(e.key()).isEqualTo(key("b"));
            })
        // a status-only write to b, then a spec change to a: the informer sees them in this order,
        // so if the status write were emitted it would come first
        .then(
            () -> {
              ObjectNode status = JsonNodeFactory.instance.objectNode().put("phase", "Ready");
              k8s.applier().writeStatus(api.require(key("b")), status).block(TIMEOUT);
            })
        .then(() -> k8s.applyManifest(webApp("a", "bonjour")).block(TIMEOUT))
        .assertNext(
            e -> {
              assertThat(e).isInstanceOf(WatchEvent.Modified.class);
              assertThat(e.key()).isEqualTo(key("a"));
              assertThat(greeting(e)).isEqualTo("bonjour");
            })
        .then(
            () ->
                k8s.applier()
                    .apply(api.require(key("a")), List.of(new Action.Delete(key("a"))))
                    .block(TIMEOUT))
        .assertNext(
            e -> {
              assertThat(e).isInstanceOf(WatchEvent.Deleted.class);
              assertThat(e.key()).isEqualTo(key("a"));
              assertThat(greeting(e)).isEqualTo("bonjour");
            })
        .thenCancel()
        .verify(TIMEOUT);

    assertThat(api.require(key("b")).path("status").path("phase").asText()).isEqualTo("Ready");
    // fabric8 runs informer callbacks on its own executor, never on a Vert.x event loop
    assertThat(threads).hasSize(4).noneMatch(t -> t.startsWith("vert.x-eventloop"));
  }

  @Test
  void emitsResyncedForCachedObjectsEveryResyncPeriod() {
    KubernetesWatchSources k8s =
        KubernetesWatchSources.create(api.client(), NO_RESYNC.withResync(Duration.ofSeconds(1)));
    k8s.installCrd(SPEC).block(TIMEOUT);
    k8s.applyManifest(webApp("a", "hello")).block(TIMEOUT);

    StepVerifier.create(k8s.watch(SPEC).watch())
        .assertNext(e -> assertThat(e).isInstanceOf(WatchEvent.Added.class))
        .assertNext(
            e -> {
              assertThat(e).isInstanceOf(WatchEvent.Resynced.class);
              assertThat(e.key()).isEqualTo(key("a"));
              assertThat(greeting(e)).isEqualTo("hello");
            })
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  void aSpecWithOneNamespaceListsAndWatchesOnlyThere() {
    OperatorSpec scoped = SPEC.withNamespaces(
        new io.orkestra.core.NamespaceFilter("team-a", java.util.Set.of(), java.util.Set.of()));
    KubernetesWatchSources k8s = KubernetesWatchSources.create(api.client(), NO_RESYNC);
    k8s.installCrd(scoped).block(TIMEOUT);
    ObjectNode elsewhere = webApp("other", "not mine");
    ((ObjectNode) elsewhere.get("metadata")).put("namespace", "team-b");
    k8s.applyManifest(elsewhere).block(TIMEOUT);
    ObjectNode mine = webApp("mine", "hello");
    ((ObjectNode) mine.get("metadata")).put("namespace", "team-a");
    k8s.applyManifest(mine).block(TIMEOUT);

    StepVerifier.create(k8s.watch(scoped).watch())
        .assertNext(e -> assertThat(e.key())
            .isEqualTo(new ResourceKey("demo.orkestra.io", "v1", "WebApp", "team-a", "mine")))
        .then(() -> {
          ObjectNode later = webApp("later", "still not mine");
          ((ObjectNode) later.get("metadata")).put("namespace", "team-b");
          k8s.applyManifest(later).block(TIMEOUT);
        })
        .expectNoEvent(Duration.ofSeconds(1))
        .thenCancel()
        .verify(TIMEOUT);
  }
}

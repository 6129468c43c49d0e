package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileResult;
import io.orkestra.notify.TailedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Informer → queue → interpret → apply → status → Kafka, on the in-process API server and a real
 * broker, with one good and one broken custom resource.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class OrkestraRuntimeIT {

  private static final ResourceDefinitionContext CACHES = new ResourceDefinitionContext.Builder()
      .withGroup("it.orkestra.io").withVersion("v1").withKind("Cache").withPlural("caches").withNamespaced(true).build();

  static OrkestraRuntime runtime;
  static final List<ReconcileResult> results = new CopyOnWriteArrayList<>();
  static final List<TailedEvent> readBack = new CopyOnWriteArrayList<>();
  static Disposable subscriptions;

  @BeforeAll
  static void start() {
    RunConfig config = RunConfig.defaults()
        .withFiles(List.of(Path.of("src/test/resources/fixtures/runtime/mixed")))
        .withEmbedded(true)
        .withBootstrapServers(TestKafka.bootstrapServers())
        .withTopic("runtime-it-" + System.nanoTime())
        .withRuntimeName("it");
    runtime = OrkestraRuntime.start(config);
    subscriptions = reactor.core.Disposables.composite(
        runtime.results().subscribe(results::add),
        runtime.readBack().subscribe(readBack::add));
    assertThat(runtime.applyCrFiles().block(Duration.ofSeconds(30))).hasSize(2);
  }

  @AfterAll
  static void stop() {
    subscriptions.dispose();
    runtime.close();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void createsChildrenWithOwnerReferencesAndWritesReadyStatus() {
    KubernetesClient k8s = runtime.kubernetesClient();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      GenericKubernetesResource cr = k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("good").get();
      Map<String, Object> status = (Map<String, Object>) cr.getAdditionalProperties().get("status");
      assertThat(status).isNotNull();
      assertThat(status.get("observedGeneration")).isEqualTo(1);
      assertThat(status.get("size")).isEqualTo("1Gi");
      List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.get("conditions");
      assertThat(conditions).anySatisfy(c -> {
        assertThat(c.get("type")).isEqualTo("Ready");
        assertThat(c.get("status")).isEqualTo("True");
        assertThat(c.get("reason")).isEqualTo("ReconcileSucceeded");
      });
    });
    GenericKubernetesResource cr = k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("good").get();
    ConfigMap cm = k8s.configMaps().inNamespace("team-a").withName("good-settings").get();
    Deployment dep = k8s.apps().deployments().inNamespace("team-a").withName("good").get();
    assertThat(cm.getData()).containsEntry("size", "1Gi");
    assertThat(dep.getSpec().getReplicas()).isEqualTo(2);
    for (var meta : List.of(cm.getMetadata(), dep.getMetadata())) {
      OwnerReference owner = meta.getOwnerReferences().get(0);
      assertThat(owner.getUid()).isEqualTo(cr.getMetadata().getUid());
      assertThat(owner.getKind()).isEqualTo("Cache");
      assertThat(owner.getController()).isTrue();
      assertThat(meta.getLabels()).containsEntry("managed-by", "orkestra").containsEntry("orkestra-owner", "good");
    }
    assertThat(k8s.v1().events().inNamespace("team-a").list().getItems())
        .anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("CacheReconciled");
          assertThat(e.getInvolvedObject().getName()).isEqualTo("good");
        })
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getReason()).isEqualTo("CacheReconcileError");
          assertThat(e.getInvolvedObject().getName()).isEqualTo("no-size");
        });
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void brokenResourceIsPublishedAsFailedAndRetriedWhileOthersSucceed() {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(results).filteredOn(r -> r.event().key().name().equals("no-size"))
          .filteredOn(r -> r.event().outcome() == Outcome.FAILED)
          .hasSizeGreaterThanOrEqualTo(3); // retried with backoff
      assertThat(readBack).anySatisfy(e -> {
        assertThat(e.key()).isEqualTo("it.orkestra.io/Cache/team-a/no-size");
        assertThat(e.type()).isEqualTo("io.orkestra.reconcile.v1.failed");
        assertThat(e.data().path("error").asText())
            .contains("katalog.yaml:").contains("template refers to missing field .spec.size (team-a/no-size)");
      });
      assertThat(readBack).anySatisfy(e -> {
        assertThat(e.key()).isEqualTo("it.orkestra.io/Cache/team-a/good");
        assertThat(e.type()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
        assertThat(e.subject()).isEqualTo("team-a/good");
        assertThat(e.source()).isEqualTo("/orkestra/it/cache");
      });
    });
    GenericKubernetesResource bad =
        runtime.kubernetesClient().genericKubernetesResources(CACHES).inNamespace("team-a").withName("no-size").get();
    Map<String, Object> status = (Map<String, Object>) bad.getAdditionalProperties().get("status");
    List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.get("conditions");
    assertThat(conditions.get(0)).containsEntry("status", "False").containsEntry("reason", "ReconcileError");
    // the same failure again is not published again: one failed event per distinct failure
    assertThat(readBack).filteredOn(e -> "it.orkestra.io/Cache/team-a/no-size".equals(e.key())).hasSize(1);
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void fixingTheBrokenResourceReconcilesIt() {
    KubernetesClient k8s = runtime.kubernetesClient();
    await().atMost(Duration.ofSeconds(60)).until(() -> results.stream()
        .anyMatch(r -> r.event().key().name().equals("no-size") && r.event().outcome() == Outcome.FAILED));
    k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("no-size")
        .edit(r -> {
          ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("size", "256Mi");
          return r;
        });
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(k8s.configMaps().inNamespace("team-a").withName("no-size-settings").get()).isNotNull());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(readBack).anySatisfy(e -> {
          assertThat(e.key()).isEqualTo("it.orkestra.io/Cache/team-a/no-size");
          assertThat(e.type()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
          assertThat(e.data().path("generation").asLong()).isEqualTo(2);
        }));
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void childChangedByAnotherWriterIsRestored() {
    KubernetesClient k8s = runtime.kubernetesClient();
    ConfigMap cm = k8s.configMaps().inNamespace("team-a").withName("good-settings").get();
    cm.getData().put("size", "tampered");
    k8s.configMaps().resource(cm).update();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(k8s.configMaps().inNamespace("team-a").withName("good-settings").get().getData())
            .containsEntry("size", "1Gi"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(readBack).anySatisfy(e -> {
          assertThat(e.key()).isEqualTo("it.orkestra.io/Cache/team-a/good");
          assertThat(e.data().path("actions").toString()).contains("updated").contains("good-settings");
        }));
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void childWhoseConditionTurnsFalseIsDeleted() {
    KubernetesClient k8s = runtime.kubernetesClient();
    assertThat(k8s.services().inNamespace("team-a").withName("good").get()).isNull();
    setExpose(k8s, "true");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(k8s.services().inNamespace("team-a").withName("good").get()).isNotNull());
    setExpose(k8s, "false");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(k8s.services().inNamespace("team-a").withName("good").get()).isNull());
    assertThat(k8s.apps().deployments().inNamespace("team-a").withName("good").get()).isNotNull();
  }

  private static void setExpose(KubernetesClient k8s, String value) {
    GenericKubernetesResource cr = k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("good").get();
    ((Map<String, Object>) cr.getAdditionalProperties().get("spec")).put("expose", value);
    k8s.genericKubernetesResources(CACHES).inNamespace("team-a").resource(cr).update();
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void deletingAResourceCleansUpItsChildrenAndPublishesOneDeletedEvent() {
    KubernetesClient k8s = runtime.kubernetesClient();
    GenericKubernetesResource good = k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("good").get();
    assertThat(good.getMetadata().getFinalizers()).contains("orkestra.orkspace.io/cleanup");

    k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("good").delete();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(k8s.genericKubernetesResources(CACHES).inNamespace("team-a").withName("good").get()).isNull();
      assertThat(k8s.configMaps().inNamespace("team-a").withName("good-settings").get()).isNull();
      assertThat(k8s.apps().deployments().inNamespace("team-a").withName("good").get()).isNull();
      assertThat(readBack).filteredOn(e -> "io.orkestra.reconcile.v1.deleted".equals(e.type()))
          .singleElement()
          .satisfies(e -> {
            assertThat(e.key()).isEqualTo("it.orkestra.io/Cache/team-a/good");
            assertThat(e.data().path("actions")).extracting(a -> a.path("verb").asText() + " " + a.path("kind").asText())
                .containsExactlyInAnyOrder("deleted ConfigMap", "deleted Deployment");
          });
    });
  }
}

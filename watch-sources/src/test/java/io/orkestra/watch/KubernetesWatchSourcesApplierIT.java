package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ApplyResult;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class KubernetesWatchSourcesApplierIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final OperatorSpec SPEC = Fixtures.webAppSpec(null);
  private static final ResourceKey OWNER =
      new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", "shop");
  private static final ResourceKey CONFIG_MAP =
      new ResourceKey("", "v1", "ConfigMap", "default", "shop-config");
  private static final ResourceKey DEPLOYMENT =
      new ResourceKey("apps", "v1", "Deployment", "default", "shop");

  private MockApi api;
  private KubernetesWatchSources k8s;
  private ResourceApplier applier;
  private ObjectNode owner;

  @BeforeEach
  void createOwner() {
    api = MockApi.start();
    api.register("demo.orkestra.io", "WebApp", "webapps");
    k8s =
        KubernetesWatchSources.create(
            api.client(), WatchOptions.defaults().withApplyStrategy(ApplyStrategy.UPDATE));
    applier = k8s.applier();
    k8s.installCrd(SPEC).block(TIMEOUT);
    k8s.applyManifest(Fixtures.manifest("webapp.json")).block(TIMEOUT);
    owner = api.require(OWNER);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  static DesiredState desired(ObjectNode configMap, ObjectNode deployment) {
    return new DesiredState(
        OWNER,
        List.of(
            new ChildResource(CONFIG_MAP, configMap, true),
            new ChildResource(DEPLOYMENT, deployment, true)),
        JsonNodeFactory.instance.objectNode());
  }

  static String resourceVersion(JsonNode o) {
    return o.path("metadata").path("resourceVersion").asText();
  }

  /** observe + diff + apply: one reconcile's worth of writes. */
  List<Action> reconcile(DesiredState desired) {
    ObservedState observed = applier.observe(owner, desired).block(TIMEOUT);
    List<Action> actions = OperatorRuntime.diff(desired, observed);
    ApplyResult result = applier.apply(owner, actions).block(TIMEOUT);
    assertThat(result.owner()).isEqualTo(OWNER);
    assertThat(result.applied()).isEqualTo(actions);
    return actions;
  }

  @Test
  void createsChildrenWithOwnerReferenceAndLabelsThenConvergesWithoutWrites() {
    DesiredState desired =
        desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json"));

    StepVerifier.create(applier.observe(owner, desired))
        .assertNext(observed -> assertThat(observed.children()).isEmpty())
        .expectComplete()
        .verify(TIMEOUT);

    List<Action> first = reconcile(desired);
    assertThat(first).hasSize(2).allMatch(a -> a instanceof Action.Create);

    for (ResourceKey child : List.of(CONFIG_MAP, DEPLOYMENT)) {
      ObjectNode stored = api.require(child);
      JsonNode meta = stored.path("metadata");
      assertThat(meta.path("labels").path("managed-by").asText()).isEqualTo("orkestra");
      assertThat(meta.path("labels").path("orkestra-owner").asText()).isEqualTo("shop");
      assertThat(meta.path("labels").path("app").asText()).isEqualTo("shop");
      assertThat(meta.path("ownerReferences")).hasSize(1);
      JsonNode ref = meta.path("ownerReferences").get(0);
      assertThat(ref.path("apiVersion").asText()).isEqualTo("demo.orkestra.io/v1");
      assertThat(ref.path("kind").asText()).isEqualTo("WebApp");
      assertThat(ref.path("name").asText()).isEqualTo("shop");
      assertThat(ref.path("uid").asText())
          .isEqualTo(owner.path("metadata").path("uid").asText())
          .isNotEmpty();
      assertThat(ref.path("controller").asBoolean()).isTrue();
      assertThat(ref.path("blockOwnerDeletion").asBoolean()).isTrue();
    }
    assertThat(api.require(CONFIG_MAP).path("data").path("greeting").asText()).isEqualTo("hello");
    assertThat(api.require(DEPLOYMENT).path("spec").path("replicas").asInt()).isEqualTo(1);
    String configMapVersion = resourceVersion(api.require(CONFIG_MAP));
    String deploymentVersion = resourceVersion(api.require(DEPLOYMENT));

    List<Action> second = reconcile(desired);

    assertThat(second).isEmpty();
    assertThat(resourceVersion(api.require(CONFIG_MAP))).isEqualTo(configMapVersion);
    assertThat(resourceVersion(api.require(DEPLOYMENT))).isEqualTo(deploymentVersion);
  }

  @Test
  void createOfAnUnchangedExistingChildWritesNothing() {
    DesiredState desired =
        desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json"));
    reconcile(desired);
    String version = resourceVersion(api.require(CONFIG_MAP));

    // e.g. observe raced with another writer: a Create reaches a child that already exists
    applier.apply(owner, List.of(new Action.Create(desired.children().get(0)))).block(TIMEOUT);

    assertThat(resourceVersion(api.require(CONFIG_MAP))).isEqualTo(version);
  }

  @Test
  void changedDesiredManifestYieldsPatchThatUpdatesTheChild() {
    reconcile(desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json")));
    String configMapVersion = resourceVersion(api.require(CONFIG_MAP));
    String deploymentVersion = resourceVersion(api.require(DEPLOYMENT));

    ObjectNode changed = Fixtures.manifest("configmap.json");
    ((ObjectNode) changed.get("data")).put("greeting", "bonjour");
    List<Action> actions = reconcile(desired(changed, Fixtures.manifest("deployment.json")));

    assertThat(actions)
        .singleElement()
        .isInstanceOfSatisfying(Action.Patch.class, p -> assertThat(p.key()).isEqualTo(CONFIG_MAP));
    ObjectNode stored = api.require(CONFIG_MAP);
    assertThat(stored.path("data").path("greeting").asText()).isEqualTo("bonjour");
    assertThat(stored.path("data").path("mode").asText()).isEqualTo("production");
    assertThat(stored.path("metadata").path("labels").path("managed-by").asText())
        .isEqualTo("orkestra");
    assertThat(stored.path("metadata").path("ownerReferences")).hasSize(1);
    assertThat(resourceVersion(stored)).isNotEqualTo(configMapVersion);
    assertThat(resourceVersion(api.require(DEPLOYMENT))).isEqualTo(deploymentVersion);
  }

  @Test
  void deleteRemovesTheChild() {
    DesiredState desired =
        desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json"));
    reconcile(desired);

    StepVerifier.create(applier.apply(owner, List.of(new Action.Delete(CONFIG_MAP))))
        .assertNext(r -> assertThat(r.applied()).containsExactly(new Action.Delete(CONFIG_MAP)))
        .expectComplete()
        .verify(TIMEOUT);

    assertThat(api.get(CONFIG_MAP)).isEmpty();
    StepVerifier.create(applier.observe(owner, desired))
        .assertNext(o -> assertThat(o.children()).containsOnlyKeys(DEPLOYMENT))
        .expectComplete()
        .verify(TIMEOUT);
    // deleting what is already gone is not a failure
    StepVerifier.create(applier.apply(owner, List.of(new Action.Delete(CONFIG_MAP))))
        .expectNextCount(1)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void finalizerIsAddedOnceAndItsRemovalLetsADeletedResourceGo() {
    String finalizer = io.orkestra.core.OperatorRuntime.CLEANUP_FINALIZER;
    ObjectNode withFinalizer = applier.addFinalizer(owner, finalizer).block(TIMEOUT);
    assertThat(withFinalizer.path("metadata").path("finalizers").toString()).contains(finalizer);
    String version = resourceVersion(api.require(OWNER));
    applier.addFinalizer(owner, finalizer).block(TIMEOUT); // stale owner, finalizer already there
    assertThat(resourceVersion(api.require(OWNER))).isEqualTo(version);

    api.client().genericKubernetesResources("demo.orkestra.io/v1", "WebApp")
        .inNamespace("default").withName("shop").delete();
    ObjectNode terminating = api.require(OWNER);
    assertThat(terminating.path("metadata").has("deletionTimestamp")).isTrue();

    applier.removeFinalizer(terminating, finalizer).block(TIMEOUT);
    assertThat(api.get(OWNER)).isEmpty();
    // removing from a resource that is gone is not a failure
    StepVerifier.create(applier.removeFinalizer(terminating, finalizer)).expectComplete().verify(TIMEOUT);
  }

  @Test
  void recordsKubernetesEventsOnTheOwner() {
    applier.recordEvent(owner, false, "WebAppReconciled", "created ConfigMap shop-config").block(TIMEOUT);
    applier.recordEvent(owner, true, "WebAppReconcileError", "template refers to missing field").block(TIMEOUT);
    var events = api.client().v1().events().inNamespace("default").list().getItems();
    assertThat(events).extracting(e -> e.getType() + " " + e.getReason())
        .containsExactlyInAnyOrder("Normal WebAppReconciled", "Warning WebAppReconcileError");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getInvolvedObject().getKind()).isEqualTo("WebApp");
      assertThat(e.getInvolvedObject().getName()).isEqualTo("shop");
      assertThat(e.getInvolvedObject().getUid()).isEqualTo(owner.path("metadata").path("uid").asText());
      assertThat(e.getSource().getComponent()).isEqualTo("orkestra-runtime");
    });
  }

  @Test
  void childNoLongerDesiredIsObservedAndDeleted() {
    DesiredState both =
        desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json"));
    reconcile(both);
    // the ConfigMap's condition turned false: it is no longer desired, its kind still managed
    DesiredState onlyDeployment =
        new DesiredState(
            OWNER,
            List.of(new ChildResource(DEPLOYMENT, Fixtures.manifest("deployment.json"), true)),
            JsonNodeFactory.instance.objectNode(),
            List.of(io.orkestra.core.ChildKind.of(CONFIG_MAP)));

    List<Action> actions = reconcile(onlyDeployment);

    assertThat(actions).containsExactly(new Action.Delete(CONFIG_MAP));
    assertThat(api.get(CONFIG_MAP)).isEmpty();
    assertThat(api.get(DEPLOYMENT)).isPresent();
  }

  @Test
  void objectsOfAnotherOwnerOrUnlabelledAreNotTakenForChildren() {
    DesiredState none =
        new DesiredState(OWNER, List.of(), JsonNodeFactory.instance.objectNode(),
            List.of(io.orkestra.core.ChildKind.of(CONFIG_MAP)));
    reconcile(desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json")));
    // same labels, another owner uid: e.g. a CR deleted and recreated with the same name
    io.fabric8.kubernetes.api.model.ConfigMap cm = api.client().configMaps().inNamespace(CONFIG_MAP.namespace())
        .withName(CONFIG_MAP.name()).get();
    cm.getMetadata().getOwnerReferences().get(0).setUid("someone-else");
    api.client().configMaps().resource(cm).update();

    assertThat(applier.observe(owner, none).block(TIMEOUT).children()).isEmpty();
  }

  @Test
  void writeStatusSetsConditionsAndObservedGenerationOnTheCustomResource() {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("observedGeneration", owner.path("metadata").path("generation").asLong());
    ObjectNode ready = status.putArray("conditions").addObject();
    ready
        .put("type", "Ready")
        .put("status", "True")
        .put("reason", "ReconcileSucceeded")
        .put("lastTransitionTime", "2026-11-25T00:00:00Z");

    StepVerifier.create(applier.writeStatus(owner, status)).expectComplete().verify(TIMEOUT);

    ObjectNode stored = api.require(OWNER);
    assertThat(stored.path("status").path("observedGeneration").asLong()).isEqualTo(1L);
    assertThat(stored.path("status").path("conditions")).hasSize(1);
    assertThat(stored.path("status").path("conditions").get(0).path("type").asText())
        .isEqualTo("Ready");
    assertThat(stored.path("status").path("conditions").get(0).path("status").asText())
        .isEqualTo("True");
    assertThat(stored.path("spec")).isEqualTo(owner.path("spec"));
    assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(1L);
  }

  @Test
  void writeStatusOfAMissingCustomResourceErrors() {
    ObjectNode gone = owner.deepCopy();
    ((ObjectNode) gone.get("metadata")).put("name", "gone");

    StepVerifier.create(applier.writeStatus(gone, JsonNodeFactory.instance.objectNode()))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("write status of WebApp default/gone"))
        .verify(TIMEOUT);
  }

  @Test
  void concurrentWritersOfOneObjectAllSucceedThroughConflictRetries() {
    reconcile(desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json")));
    KubernetesWatchSources retrying =
        KubernetesWatchSources.create(
            api.client(),
            WatchOptions.defaults()
                .withApplyStrategy(ApplyStrategy.UPDATE)
                .withConflictRetries(20));

    List<String> values = IntStream.range(0, 8).mapToObj(i -> "v" + i).toList();
    Flux<ResourceKey> writers =
        Flux.fromIterable(values)
            .flatMap(
                v -> {
                  ObjectNode cm = Fixtures.manifest("configmap.json");
                  ((ObjectNode) cm.get("data")).put("greeting", v);
                  return retrying.applyManifest(cm);
                },
                8);

    StepVerifier.create(writers).expectNextCount(8).expectComplete().verify(TIMEOUT);
    assertThat(api.require(CONFIG_MAP).path("data").path("greeting").asText()).isIn(values);
  }

  @Test
  void updateThatLosesARaceReReadsAndRetriesInsteadOfOverwriting() {
    reconcile(desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json")));
    String path = "/api/v1/namespaces/default/configmaps/shop-config";
    api.faults()
        .concurrentWriteBeforeNextPut(
            path,
            theirs -> {
              ((ObjectNode) theirs.get("metadata"))
                  .putObject("annotations")
                  .put("touched-by", "someone");
              ((ObjectNode) theirs.get("data")).put("greeting", "hola");
              return theirs;
            });
    ObjectNode changed = Fixtures.manifest("configmap.json");
    ((ObjectNode) changed.get("data")).put("greeting", "bonjour");

    List<Action> actions = reconcile(desired(changed, Fixtures.manifest("deployment.json")));

    assertThat(actions).singleElement().isInstanceOf(Action.Patch.class);
    // first PUT carried the resourceVersion read before the other writer: rejected, re-read,
    // retried
    assertThat(api.faults().putCodes(path)).containsExactly(409, 200);
    ObjectNode stored = api.require(CONFIG_MAP);
    assertThat(stored.path("data").path("greeting").asText()).isEqualTo("bonjour");
    // the other writer's change survived: we merged into what we re-read
    assertThat(stored.path("metadata").path("annotations").path("touched-by").asText())
        .isEqualTo("someone");
  }

  @Test
  void updateGivesUpAfterTheConfiguredConflictRetries() {
    reconcile(desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json")));
    String path = "/api/v1/namespaces/default/configmaps/shop-config";
    api.faults().conflictOnNextPut(path);
    KubernetesWatchSources noRetries =
        KubernetesWatchSources.create(
            api.client(),
            WatchOptions.defaults().withApplyStrategy(ApplyStrategy.UPDATE).withConflictRetries(0));
    ObjectNode changed = Fixtures.manifest("configmap.json");
    ((ObjectNode) changed.get("data")).put("greeting", "bonjour");

    StepVerifier.create(noRetries.applyManifest(changed))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("apply ConfigMap default/shop-config failed: HTTP 409"))
        .verify(TIMEOUT);
    assertThat(api.require(CONFIG_MAP).path("data").path("greeting").asText()).isEqualTo("hello");
  }

  @Test
  void writeStatusRetriesOnceWithAFreshReadAfterAConflict() {
    String path = "/apis/demo.orkestra.io/v1/namespaces/default/webapps/shop/status";
    api.faults().conflictOnNextPut(path);
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("observedGeneration", 1);

    StepVerifier.create(applier.writeStatus(owner, status)).expectComplete().verify(TIMEOUT);

    assertThat(api.faults().putCodes(path)).containsExactly(409, 200);
    assertThat(api.require(OWNER).path("status").path("observedGeneration").asLong()).isEqualTo(1L);
  }

  @Test
  void applyRunsActionsInOrderAndStopsAtTheFirstFailure() {
    reconcile(desired(Fixtures.manifest("configmap.json"), Fixtures.manifest("deployment.json")));
    ObjectNode ownerWithoutUid = owner.deepCopy();
    ((ObjectNode) ownerWithoutUid.get("metadata")).remove("uid");
    ResourceKey extra = new ResourceKey("", "v1", "ConfigMap", "default", "extra");
    ObjectNode extraManifest = Fixtures.manifest("configmap.json");
    ((ObjectNode) extraManifest.get("metadata")).put("name", "extra");

    // the mock accepts almost anything, so the failure is ours: no uid, no owner reference
    StepVerifier.create(
            applier.apply(
                ownerWithoutUid,
                List.of(
                    new Action.Delete(CONFIG_MAP),
                    new Action.Create(new ChildResource(extra, extraManifest, true)),
                    new Action.Delete(DEPLOYMENT))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("has no metadata.uid"))
        .verify(TIMEOUT);

    assertThat(api.get(CONFIG_MAP)).isEmpty();
    assertThat(api.get(extra)).isEmpty();
    assertThat(api.get(DEPLOYMENT)).isPresent();
  }
}

package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.orkestra.core.Action;
import io.orkestra.core.ApplyResult;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import io.orkestra.watch.ApplyStrategy;
import io.orkestra.watch.WatchOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@link ResourceApplier} on the fabric8 client with generic resources. Every fabric8 call is
 * deferred to subscription and runs on {@code Schedulers.boundedElastic()}; results are emitted on
 * that thread. See {@link io.orkestra.watch.KubernetesWatchSources#applier()} for the contract.
 */
public final class KubernetesApplier implements ResourceApplier {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KubernetesApplier.class);

  /** GETs in flight at most while observing one desired state. */
  private static final int READ_CONCURRENCY = 8;

  /** First delay before re-reading after a conflict (doubles, with jitter). */
  private static final Duration CONFLICT_BACKOFF = Duration.ofMillis(10);

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final ResourceTypes types;
  private final WatchOptions options;
  private final DeserializerWarmUp warmUp;
  private @Nullable DriftWatch drift;

  /**
   * Creates an applier.
   *
   * @param client the fabric8 client (not closed by the applier)
   * @param types plural and scope lookup
   * @param options strategy, field manager, conflict retries
   * @param warmUp prepares fabric8's deserializer before the first call
   */
  public KubernetesApplier(
      KubernetesClient client,
      ResourceTypes types,
      WatchOptions options,
      DeserializerWarmUp warmUp) {
    this.client = Objects.requireNonNull(client, "client");
    this.serialization = client.getKubernetesSerialization();
    this.types = Objects.requireNonNull(types, "types");
    this.options = Objects.requireNonNull(options, "options");
    this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
  }

  /** A blocking fabric8 call, deferred to subscription, on {@code boundedElastic()}. */
  /**
   * Reports every child write to the drift watch, which then watches that kind.
   *
   * @param driftWatch the shared drift watch
   * @return this applier
   */
  public KubernetesApplier withDriftWatch(DriftWatch driftWatch) {
    this.drift = Objects.requireNonNull(driftWatch, "driftWatch");
    return this;
  }

  private void wrote(ResourceKey key, @Nullable ObjectNode stored) {
    DriftWatch d = drift;
    if (d != null) {
      d.wrote(key, stored);
    }
  }

  private <T> Mono<T> call(Callable<? extends @Nullable T> fabric8) {
    return Blocking.call(
        () -> {
          warmUp.ensure();
          return fabric8.call();
        });
  }

  /**
   * One LIST per managed kind in the owner's namespace, selected by the labels every child gets
   * ({@code managed-by=orkestra}, {@code orkestra-owner=<name>}) and kept only when its controller
   * owner reference carries the owner's uid; then a GET for each desired child the lists did not
   * return (cluster-scoped children, or objects that exist without our labels). Steady state costs
   * one request per kind, whatever the number of children.
   */
  @Override
  public Mono<ObservedState> observe(ObjectNode owner, DesiredState desired) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(desired, "desired");
    return Mono.defer(
        () -> {
          Owner o = Owner.of(owner);
          Flux<Map.Entry<ResourceKey, ObjectNode>> owned =
              o.key().namespace().isEmpty()
                  ? Flux.empty()
                  : Flux.fromIterable(desired.managedKinds())
                      .flatMap(kind -> listOwned(o, kind), READ_CONCURRENCY);
          return owned
              .collectMap(Map.Entry::getKey, Map.Entry::getValue)
              .flatMap(
                  found ->
                      Flux.fromIterable(desired.children())
                          .map(ChildResource::key)
                          .filter(key -> !found.containsKey(key))
                          .flatMap(key -> read(key).map(object -> Map.entry(key, object)), READ_CONCURRENCY)
                          .collectMap(Map.Entry::getKey, Map.Entry::getValue, () -> new java.util.HashMap<>(found)))
              .map(ObservedState::new);
        });
  }

  private Flux<Map.Entry<ResourceKey, ObjectNode>> listOwned(Owner owner, io.orkestra.core.ChildKind kind) {
    ResourceKey probe = ResourceKey.of(kind.apiVersion(), kind.kind(), owner.key().namespace(), "list");
    if (!types.typeOf(probe.group(), probe.kind()).namespaced()) {
      return Flux.empty(); // cluster-scoped children cannot carry an owner reference to a namespaced owner
    }
    return this.<List<GenericKubernetesResource>>call(
            () ->
                operation(probe)
                    .withLabel(Manifests.MANAGED_BY, Manifests.ORKESTRA)
                    .withLabel(Manifests.OWNER_LABEL, owner.key().name())
                    .list()
                    .getItems())
        .flatMapIterable(items -> items)
        .map(item -> Json.toNode(serialization, item))
        .filter(node -> controlledBy(node, owner.uid()))
        .map(node -> Map.entry(
            ResourceKey.of(kind.apiVersion(), kind.kind(), owner.key().namespace(),
                node.path("metadata").path("name").asText()),
            node))
        .onErrorMap(e -> KubeErrors.describe("list " + kind.kind() + " owned by " + owner.key(), e));
  }

  private static boolean controlledBy(ObjectNode child, String uid) {
    for (com.fasterxml.jackson.databind.JsonNode ref : child.path("metadata").path("ownerReferences")) {
      if (uid.equals(ref.path("uid").asText()) && ref.path("controller").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Mono<ApplyResult> apply(ObjectNode owner, List<Action> actions) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(actions, "actions");
    return Mono.defer(
        () -> {
          Owner o = Owner.of(owner);
          return Flux.fromIterable(List.copyOf(actions))
              .concatMap(action -> applyOne(o, action).thenReturn(action))
              .collectList()
              .map(applied -> new ApplyResult(o.key(), applied));
        });
  }

  private Mono<?> applyOne(Owner owner, Action action) {
    if (action instanceof Action.Delete d) {
      // runs on boundedElastic (the delete's thread): starting a drift informer may block
      return delete(d.key()).then(Mono.fromRunnable(() -> wrote(d.key(), null)).subscribeOn(
          reactor.core.scheduler.Schedulers.boundedElastic()));
    }
    ChildResource child =
        action instanceof Action.Create c ? c.desired() : ((Action.Patch) action).desired();
    return Mono.fromCallable(() -> Manifests.child(owner, child))
        .flatMap(manifest -> firstAttempt(action, child.key(), manifest)
            .onErrorResume(KubeErrors::isConflict, conflict -> write(child.key(), manifest)))
        .flatMap(stored -> call(() -> {
          wrote(child.key(), stored);
          return stored;
        }));
  }

  /**
   * With {@code UPDATE}, the diff already read the child: a create is sent as is and a patch is
   * merged over what the diff observed, saving one read per child. A 409 (created meanwhile, or
   * changed since observed) falls back to the read-merge-update loop of {@link #write}.
   */
  private Mono<ObjectNode> firstAttempt(Action action, ResourceKey key, ObjectNode manifest) {
    if (options.applyStrategy() == ApplyStrategy.SERVER_SIDE_APPLY) {
      return write(key, manifest);
    }
    ObjectNode copy = manifest.deepCopy();
    if (action instanceof Action.Patch p) {
      ObjectNode merged = Manifests.mergeForUpdate(p.observed().deepCopy(), copy);
      return call(() -> Json.toNode(
          serialization, operation(key).resource(Json.toResource(serialization, merged)).update()));
    }
    return call(() -> Json.toNode(
        serialization, operation(key).resource(Json.toResource(serialization, copy)).create()));
  }

  /**
   * Creates a {@code v1 Event} about the owner (source component {@code orkestra-runtime}). Best
   * effort: a failure is logged at debug level and swallowed, an Event is never worth a failed
   * reconcile.
   */
  @Override
  public Mono<Void> recordEvent(ObjectNode owner, boolean warning, String reason, String message) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    return Mono.defer(
            () -> {
              ResourceKey key = Owner.of(owner).key();
              String uid = owner.path("metadata").path("uid").asText("");
              String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
              io.fabric8.kubernetes.api.model.Event event =
                  new io.fabric8.kubernetes.api.model.EventBuilder()
                      .withNewMetadata()
                      .withName(key.name() + "." + Long.toHexString(System.nanoTime()))
                      .withNamespace(key.namespace().isEmpty() ? "default" : key.namespace())
                      .endMetadata()
                      .withNewInvolvedObject()
                      .withApiVersion(key.apiVersion())
                      .withKind(key.kind())
                      .withNamespace(key.namespace())
                      .withName(key.name())
                      .withUid(uid)
                      .endInvolvedObject()
                      .withType(warning ? "Warning" : "Normal")
                      .withReason(reason)
                      .withMessage(message)
                      .withNewSource().withComponent("orkestra-runtime").endSource()
                      .withReportingComponent("orkestra-runtime")
                      .withFirstTimestamp(now)
                      .withLastTimestamp(now)
                      .withCount(1)
                      .build();
              return call(() -> client.v1().events().inNamespace(event.getMetadata().getNamespace())
                  .resource(event).create());
            })
        .onErrorResume(e -> {
          LOG.debug("event {} not recorded: {}", reason, e.toString());
          return Mono.empty();
        })
        .then();
  }

  /**
   * Read, add, update with the read {@code resourceVersion}; a 409 re-reads and retries (bounded
   * by {@code conflictRetries}). No write when the finalizer is there already.
   */
  @Override
  public Mono<ObjectNode> addFinalizer(ObjectNode owner, String finalizer) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(finalizer, "finalizer");
    ResourceKey key = Owner.of(owner).key();
    return editFinalizers(key, finalizer, true)
        .switchIfEmpty(Mono.error(() -> new OrkestraException(
            "add finalizer " + finalizer + " to " + key + " failed: it no longer exists")))
        .onErrorMap(e -> KubeErrors.describe("add finalizer to " + key, e));
  }

  /** Like {@link #addFinalizer}; a resource that is already gone is fine. */
  @Override
  public Mono<Void> removeFinalizer(ObjectNode owner, String finalizer) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(finalizer, "finalizer");
    ResourceKey key = Owner.of(owner).key();
    return editFinalizers(key, finalizer, false)
        .onErrorMap(e -> KubeErrors.describe("remove finalizer from " + key, e))
        .then();
  }

  private Mono<ObjectNode> editFinalizers(ResourceKey key, String finalizer, boolean add) {
    return this.<ObjectNode>call(
            () -> {
              GenericKubernetesResource current = resource(key).get();
              if (current == null) {
                return null;
              }
              List<String> finalizers =
                  new java.util.ArrayList<>(current.getMetadata().getFinalizers());
              boolean present = finalizers.contains(finalizer);
              if (present == add) {
                return Json.toNode(serialization, current);
              }
              if (add) {
                finalizers.add(finalizer);
              } else {
                finalizers.remove(finalizer);
              }
              current.getMetadata().setFinalizers(finalizers);
              // update() carries the read resourceVersion: a concurrent writer gives 409, not a lost update
              GenericKubernetesResource updated = operation(key).resource(current).update();
              // removing the last finalizer of a resource being deleted deletes it: nothing comes back
              return updated == null ? null : Json.toNode(serialization, updated);
            })
        .retryWhen(
            Retry.backoff(options.conflictRetries(), CONFLICT_BACKOFF)
                .jitter(0.5)
                .filter(KubeErrors::isConflict)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
  }

  @Override
  public Mono<Void> writeStatus(ObjectNode owner, ObjectNode status) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(status, "status");
    return Mono.defer(
        () -> {
          ResourceKey key = Owner.of(owner).key();
          ObjectNode snapshot = owner.deepCopy();
          ObjectNode newStatus = status.deepCopy();
          return call(() -> updateStatus(key, snapshot, newStatus))
              .onErrorResume(
                  KubeErrors::isConflict,
                  conflict ->
                      // the owner we were given is stale: re-read it and try once more
                      call(
                          () -> {
                            GenericKubernetesResource current = resource(key).get();
                            if (current == null) {
                              throw new OrkestraException(
                                  "write status of " + key + " failed: it no longer exists");
                            }
                            return updateStatus(
                                key, Json.toNode(serialization, current), newStatus);
                          }))
              .onErrorMap(e -> KubeErrors.describe("write status of " + key, e))
              .then();
        });
  }

  private GenericKubernetesResource updateStatus(
      ResourceKey key, ObjectNode base, ObjectNode status) {
    ObjectNode withStatus = base.deepCopy();
    withStatus.set("status", status);
    return operation(key).resource(Json.toResource(serialization, withStatus)).updateStatus();
  }

  /**
   * Reads one object.
   *
   * @param key the object
   * @return emits the object, or completes empty when it does not exist
   */
  public Mono<ObjectNode> read(ResourceKey key) {
    return call(() -> {
          GenericKubernetesResource r = resource(key).get();
          return r == null ? null : Json.toNode(serialization, r);
        })
        .onErrorMap(e -> KubeErrors.describe("read " + key, e));
  }

  /**
   * Deletes one object; an object that does not exist is fine.
   *
   * @param key the object
   * @return completes when the API server accepted the deletion
   */
  public Mono<Void> delete(ResourceKey key) {
    return call(() -> resource(key).delete())
        .onErrorMap(e -> KubeErrors.describe("delete " + key, e))
        .then();
  }

  /**
   * Writes one manifest with the configured {@link ApplyStrategy}.
   *
   * @param key the object's identity
   * @param manifest the complete manifest to write (not changed)
   * @return emits the object as stored (for {@code UPDATE} without changes: as read)
   */
  public Mono<ObjectNode> write(ResourceKey key, ObjectNode manifest) {
    ObjectNode copy = manifest.deepCopy();
    Mono<ObjectNode> write =
        options.applyStrategy() == ApplyStrategy.SERVER_SIDE_APPLY
            ? call(() -> serverSideApply(key, copy))
            : call(() -> createOrUpdate(key, copy))
                .retryWhen(
                    Retry.backoff(options.conflictRetries(), CONFLICT_BACKOFF)
                        .jitter(0.5)
                        .filter(KubeErrors::isConflict)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    return write.onErrorMap(e -> KubeErrors.describe("apply " + key, e));
  }

  private ObjectNode serverSideApply(ResourceKey key, ObjectNode manifest) {
    ServerSideApplicable<GenericKubernetesResource> apply =
        operation(key)
            .resource(Json.toResource(serialization, manifest))
            .fieldManager(options.fieldManager());
    if (options.forceConflicts()) {
      apply = apply.forceConflicts();
    }
    return Json.toNode(serialization, apply.serverSideApply());
  }

  /** One attempt: read, then create or update with the resourceVersion that was read. */
  private ObjectNode createOrUpdate(ResourceKey key, ObjectNode manifest) {
    GenericKubernetesResource current = resource(key).get();
    if (current == null) {
      // a concurrent create makes this fail with 409 AlreadyExists: the retry reads and updates
      return Json.toNode(
          serialization,
          operation(key).resource(Json.toResource(serialization, manifest)).create());
    }
    ObjectNode read = Json.toNode(serialization, current);
    ObjectNode merged = Manifests.mergeForUpdate(read, manifest);
    if (Json.same(read, merged)) {
      return read;
    }
    return Json.toNode(
        serialization, operation(key).resource(Json.toResource(serialization, merged)).update());
  }

  private Resource<GenericKubernetesResource> resource(ResourceKey key) {
    return operation(key).withName(key.name());
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      operation(ResourceKey key) {
    boolean namespaced = !key.namespace().isEmpty();
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        op =
            client.genericKubernetesResources(
                types.context(key.group(), key.version(), key.kind(), namespaced));
    return namespaced ? op.inNamespace(key.namespace()) : op;
  }

  /**
   * The key of a manifest: apiVersion, kind, name, and for namespaced kinds the namespace it names
   * or {@code default} (kinds of unknown scope count as namespaced).
   *
   * @param manifest the manifest
   * @return the key
   */
  public ResourceKey keyOf(ObjectNode manifest) {
    String apiVersion = Json.text(manifest, "apiVersion");
    String kind = Json.text(manifest, "kind");
    String name = Json.text(manifest, "metadata", "name");
    if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
      throw new OrkestraException(
          "manifest must have apiVersion, kind and metadata.name, got apiVersion='"
              + apiVersion
              + "' kind='"
              + kind
              + "' name='"
              + name
              + "'");
    }
    ResourceKey clusterScoped = ResourceKey.of(apiVersion, kind, "", name);
    if (!types.typeOf(clusterScoped.group(), kind).namespaced()) {
      return clusterScoped;
    }
    String namespace = Json.text(manifest, "metadata", "namespace");
    return ResourceKey.of(apiVersion, kind, namespace.isEmpty() ? "default" : namespace, name);
  }

  @Override
  public String toString() {
    return "KubernetesApplier[" + options.applyStrategy() + ", " + options.fieldManager() + "]";
  }
}

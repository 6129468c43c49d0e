package io.orkestra.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orkestra.core.Leadership;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchSource;
import io.orkestra.watch.internal.CoalescingFlux;
import io.orkestra.watch.internal.Crds;
import io.orkestra.watch.internal.DeserializerWarmUp;
import io.orkestra.watch.internal.DriftWatch;
import io.orkestra.watch.internal.InformerStops;
import io.orkestra.watch.internal.InformerWatchSource;
import io.orkestra.watch.internal.Json;
import io.orkestra.watch.internal.KubernetesApplier;
import io.orkestra.watch.internal.LeaseCampaign;
import io.orkestra.watch.internal.ResourceTypes;
import java.util.Objects;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Everything Orkestra-J does with the Kubernetes API, on one fabric8 client: watching custom
 * resources ({@link #watch}), reading and writing their children and status ({@link #applier()}),
 * installing CRDs ({@link #installCrd}) and applying manifests from files ({@link #applyManifest}).
 *
 * <p>Objects cross this boundary as Jackson 2 {@link ObjectNode} trees; fabric8 (Jackson 3) is an
 * implementation detail. Every fabric8 call is blocking, so every method here is lazy (nothing
 * happens before subscription) and runs its calls on {@code Schedulers.boundedElastic()}, never on
 * {@code parallel()} or Vert.x event loops.
 *
 * <p>Custom resource kinds are addressed without API discovery: {@link #watch} and {@link
 * #installCrd} remember the spec's plural and scope, so do {@link #applyManifest} and {@link
 * #installCrd} for CRD manifests; built-in kinds come from a table; other kinds fall back to the
 * Kubernetes plural rules ({@code Policy} → {@code policies}) and "namespaced".
 *
 * <p>The client is not owned: close it yourself after cancelling the watches and waiting for
 * {@link #stopWatches()}.
 */
public final class KubernetesWatchSources {

  private final KubernetesClient client;
  private final WatchOptions options;
  private final ResourceTypes types = new ResourceTypes();
  private final DeserializerWarmUp warmUp;
  private final KubernetesApplier applier;
  private final DriftWatch drift;
  private final InformerStops stops = new InformerStops();

  private KubernetesWatchSources(KubernetesClient client, WatchOptions options) {
    this.client = client;
    this.options = options;
    this.warmUp = new DeserializerWarmUp(client.getKubernetesSerialization());
    this.drift = new DriftWatch(client, types, stops);
    this.applier = new KubernetesApplier(client, types, options, warmUp).withDriftWatch(drift);
  }

  /**
   * Creates the adapters over a client.
   *
   * @param client the fabric8 client (not closed by this object)
   * @param options strategy, field manager, resync, buffer size
   * @return the adapters
   * @throws NullPointerException when an argument is null
   */
  public static KubernetesWatchSources create(KubernetesClient client, WatchOptions options) {
    return new KubernetesWatchSources(
        Objects.requireNonNull(client, "client"), Objects.requireNonNull(options, "options"));
  }

  /**
   * The options these adapters were created with.
   *
   * @return the options
   */
  public WatchOptions options() {
    return options;
  }

  /**
   * A watch source for the custom resources of {@code spec}: a fabric8 shared index informer on
   * {@code group/version} {@code plural} (for a namespaced kind: only the spec's namespace when
   * {@link io.orkestra.core.NamespaceFilter#singleNamespace()} names one, else all), resyncing every
   * {@link OperatorSpec#resyncPeriod()} (the Katalog's {@code reconcile.resync}), else {@link
   * WatchOptions#resync()}.
   *
   * <pre>
   * API:      create a   status of a   spec of a    (resync)     delete a
   * emitted:  Added a    (nothing)     Modified a   Resynced a   Deleted a
   * </pre>
   *
   * <p>Emits: an {@code Added} for every existing object once the informer has listed them, then
   * one per created object; {@code Modified} for updates that change anything but {@code status},
   * {@code metadata.resourceVersion} or {@code metadata.managedFields} (our own status writes do
   * not trigger another reconcile); {@code Resynced} for every cached object each resync period;
   * {@code Deleted} with the last known state. Objects are fresh trees owned by the consumer.
   *
   * <p>Completes: never on its own; cancelling stops the informer. Each subscription starts its own
   * informer. Errors: with an {@link io.orkestra.core.OrkestraException} when the informer cannot
   * start (e.g. the API server rejects the list) or stops with an error; transient watch failures
   * are retried by fabric8.
   *
   * <p>Overflow: level-triggered coalescing, never an unbounded buffer. Events wait in a buffer
   * keyed by {@link ResourceKey}; while downstream has no demand, a newer event for a waiting key
   * replaces it in place (latest state wins; a waiting Added stays Added, a Deleted always wins),
   * so memory is bounded by the number of objects, not events. At most {@link
   * WatchOptions#bufferSize()} distinct keys wait: an event for a new key beyond that is dropped
   * with a warning (the next resync emits the object again; with resync off, its next change does),
   * except {@code Deleted}, which is always kept. Informer callbacks never block.
   *
   * <p>Thread: the informer is built and started on {@code boundedElastic()}; events are emitted on
   * fabric8's informer thread, or on the thread that requests when events were waiting.
   *
   * @param spec the CRD to watch
   * @return the source; lazy, nothing starts before subscription
   * @throws NullPointerException when {@code spec} is null
   */
  public WatchSource watch(OperatorSpec spec) {
    Objects.requireNonNull(spec, "spec");
    types.register(spec.group(), spec.kind(), spec.plural(), spec.namespaced());
    return new InformerWatchSource(
        client,
        spec,
        types,
        // Orkestra: 0 means the default; fabric8 informers resync at most once a second
        spec.resyncPeriod()
            .filter(d -> !d.isZero())
            .map(d -> d.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : d)
            .orElse(options.resync()),
        options.bufferSize(),
        CoalescingFlux.Probe.none(),
        warmUp)
        .withDriftWatch(drift)
        .withStops(stops);
  }

  /**
   * Stops every informer these adapters started (the watches of {@link #watch} still subscribed,
   * and the drift watches of the applier) and completes once all of them stopped. Call it before
   * closing the client: a stop closes the informer's HTTP watch and cancels fabric8's scheduled
   * reconnects, work that must not race with {@code KubernetesClient.close()}. Watches subscribed
   * afterwards start new informers; drift watches do not start again.
   *
   * <p>Thread: every stop runs on {@code boundedElastic()}; completes there. Never errors (a stop
   * that fails is logged at debug level).
   *
   * @return completes when every informer stopped; lazy
   */
  public Mono<Void> stopWatches() {
    return Mono.fromRunnable(drift::close).then(stops.stopAll());
  }

  /**
   * The applier of these adapters (one instance, thread-safe).
   *
   * <ul>
   *   <li>{@code observe}: GETs every desired child by key, at most 8 at a time, and emits the ones
   *       that exist, keyed by the desired child's key. Completes after the last GET; errors with
   *       the first failed GET (a missing object is not a failure).
   *   <li>{@code apply}: performs the actions in order, one at a time, and emits an {@link
   *       io.orkestra.core.ApplyResult} with all of them; errors with the first failure (the
   *       actions before it stay applied). Create and Patch copy the manifest, add the labels
   *       {@code managed-by: orkestra} and {@code orkestra-owner: <owner name>}, set a controller
   *       owner reference ({@code blockOwnerDeletion: true}) when the child is in the owner's
   *       namespace (or the owner is cluster-scoped), then write with the {@link
   *       WatchOptions#applyStrategy()}; Delete deletes (absent is fine).
   *   <li>{@code writeStatus}: replaces the custom resource's status through the status
   *       subresource, starting from the given owner; on 409 Conflict it re-reads the owner and
   *       tries once more. Errors when the owner is gone or the write fails.
   * </ul>
   *
   * <p>Errors are {@link io.orkestra.core.OrkestraException}s naming the operation and object.
   * Overflow: not applicable (one request at a time per action). Thread: every call runs on {@code
   * boundedElastic()} and signals there.
   *
   * @return the applier
   */
  public ResourceApplier applier() {
    return applier;
  }

  /**
   * Creates or replaces the CRD of {@code spec}: its {@code crdFile} manifest when it has one,
   * otherwise a generated {@code apiextensions.k8s.io/v1} CRD ({@code <plural>.<group>}, the spec's
   * kind and scope, one served and stored version, an open schema with {@code
   * x-kubernetes-preserve-unknown-fields: true}, the status subresource). Written with the
   * configured {@link ApplyStrategy}.
   *
   * <p>Does not wait for the CRD's {@code Established} condition (the in-process API server never
   * sets it); custom resources may be rejected for a moment on a real cluster.
   *
   * <p>Completes when the API server stored the CRD; errors with an {@link
   * io.orkestra.core.OrkestraException} when it refused it. Thread: runs and signals on {@code
   * boundedElastic()}.
   *
   * @param spec the operator spec
   * @return completes when written; lazy
   * @throws NullPointerException when {@code spec} is null
   */
  public Mono<Void> installCrd(OperatorSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return Mono.defer(
        () -> {
          types.register(spec.group(), spec.kind(), spec.plural(), spec.namespaced());
          ObjectNode crd =
              spec.crd().map(ObjectNode::deepCopy).orElseGet(() -> Crds.generate(spec));
          return applyManifest(crd).then();
        });
  }

  /**
   * Creates or updates any object from its manifest (e.g. example custom resources from {@code
   * crFiles}), with the configured {@link ApplyStrategy}. The object is identified by {@code
   * apiVersion}, {@code kind}, {@code metadata.name} and {@code metadata.namespace}, which defaults
   * to {@code default} for namespaced kinds. A CRD manifest also teaches these adapters the plural
   * and scope of the kind it defines.
   *
   * <p>Emits the key of the written object, then completes; errors with an {@link
   * io.orkestra.core.OrkestraException} when the manifest lacks identity or the API server refuses
   * the write. Thread: runs and signals on {@code boundedElastic()}.
   *
   * @param manifest the manifest (not changed)
   * @return the key of the written object; lazy
   * @throws NullPointerException when {@code manifest} is null
   */
  public Mono<ResourceKey> applyManifest(ObjectNode manifest) {
    Objects.requireNonNull(manifest, "manifest");
    return Mono.defer(
        () -> {
          ObjectNode copy = manifest.deepCopy();
          if (Crds.isCrd(copy)) {
            Crds.register(copy, types);
          }
          ResourceKey key = applier.keyOf(copy);
          if (!key.namespace().isEmpty()) {
            Json.object(copy, "metadata").put("namespace", key.namespace());
          }
          return applier.write(key, copy).thenReturn(key);
        });
  }

  /**
   * Campaigns for leadership among runtime replicas with a {@code coordination.k8s.io/v1} Lease
   * (fabric8's leader elector): {@code leadership} is acquired while this replica holds the lease
   * and released when it loses it; after a loss the campaign goes on. Give the same {@link
   * Leadership} to {@link io.orkestra.core.RuntimeOptions#withLeadership} so that only the leader
   * reconciles while followers keep their watches (and caches) running.
   *
   * <p>Starts at once; the elector's blocking API calls run on a dedicated thread. Disposing stops
   * the campaign and gives up a held lease, so another replica takes over within its retry period
   * instead of waiting for the lease to expire.
   *
   * @param election lease name, namespace, identity and timings
   * @param leadership the gate to open and close
   * @return the campaign; dispose it before closing the client
   */
  public Disposable campaign(LeaderElectionOptions election, Leadership leadership) {
    return LeaseCampaign.start(client, Objects.requireNonNull(election, "election"),
        Objects.requireNonNull(leadership, "leadership"));
  }
}

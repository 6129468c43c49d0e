package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchEvent;
import io.orkestra.core.WatchSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The custom resources of one CRD, watched by a fabric8 {@link SharedIndexInformer} on generic
 * resources, as a level-triggered {@link Flux} of {@link WatchEvent}s. See {@link
 * io.orkestra.watch.KubernetesWatchSources#watch(OperatorSpec)} for the contract.
 */
public final class InformerWatchSource implements WatchSource {

  private static final Logger LOG = LoggerFactory.getLogger(InformerWatchSource.class);

  private final KubernetesClient client;
  private final OperatorSpec spec;
  private final ResourceTypes types;
  private final Duration resync;
  private final int bufferSize;
  private final CoalescingFlux.Probe<? super WatchEvent> probe;
  private final DeserializerWarmUp warmUp;
  private @Nullable DriftWatch drift;
  private InformerStops stops = new InformerStops();

  /**
   * Creates a source; nothing starts until {@link #watch()} is subscribed.
   *
   * @param client the fabric8 client (not closed by this source)
   * @param spec the CRD to watch
   * @param types plural and scope lookup
   * @param resync informer resync period, zero for none
   * @param bufferSize distinct keys waiting at most
   * @param probe sees every offered event (tests)
   * @param warmUp prepares fabric8's deserializer before the informer starts
   */
  public InformerWatchSource(
      KubernetesClient client,
      OperatorSpec spec,
      ResourceTypes types,
      Duration resync,
      int bufferSize,
      CoalescingFlux.Probe<? super WatchEvent> probe,
      DeserializerWarmUp warmUp) {
    this.client = Objects.requireNonNull(client, "client");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.types = Objects.requireNonNull(types, "types");
    this.resync = Objects.requireNonNull(resync, "resync");
    this.bufferSize = bufferSize;
    this.probe = Objects.requireNonNull(probe, "probe");
    this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
  }

  /**
   * Re-enqueues a custom resource when one of its children drifts (see {@link DriftWatch}).
   *
   * @param driftWatch the shared drift watch
   * @return this source
   */
  public InformerWatchSource withDriftWatch(DriftWatch driftWatch) {
    this.drift = Objects.requireNonNull(driftWatch, "driftWatch");
    return this;
  }

  /**
   * Records the informers of this source in {@code stops}, so their owner can wait for them to
   * stop (see {@link InformerStops#stopAll()}).
   *
   * @param informerStops the shared record
   * @return this source
   */
  public InformerWatchSource withStops(InformerStops informerStops) {
    this.stops = Objects.requireNonNull(informerStops, "informerStops");
    return this;
  }

  @Override
  public Flux<WatchEvent> watch() {
    return CoalescingFlux.<ResourceKey, WatchEvent>create(
            () ->
                new CoalescingBuffer<>(
                    bufferSize, WatchEvents::merge, e -> e instanceof WatchEvent.Deleted),
            WatchEvent::key,
            this::startInformer,
            this::offered)
        // building and starting the informer is fabric8 work: keep it off non-blocking threads;
        // requests stay on the caller's thread (draining never blocks)
        .subscribeOn(Schedulers.boundedElastic(), false);
  }

  private void offered(WatchEvent event, CoalescingBuffer.Offer outcome) {
    if (outcome == CoalescingBuffer.Offer.DROPPED) {
      // soft limit, as Orkestra's queue depth: the next resync emits the object again
      LOG.warn(
          "watch buffer of {} full ({} keys): dropped {} until the next resync",
          spec.kind(),
          bufferSize,
          event.key());
    }
    probe.offered(event, outcome);
  }

  private Disposable startInformer(CoalescingFlux.Emitter<WatchEvent> emitter) {
    warmUp.ensure();
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        op =
            client.genericKubernetesResources(
                types.context(spec.group(), spec.version(), spec.kind(), spec.namespaced()));
    // one admitted namespace (the entry's namespace, or a single allowed one): list and watch only
    // there, as Orkestra does; otherwise all namespaces, filtered before the queue
    java.util.Optional<String> only = spec.namespaces().singleNamespace();
    Informable<GenericKubernetesResource> informable =
        !spec.namespaced() ? op
            : only.isPresent() ? op.inNamespace(only.get())
            : op.inAnyNamespace();
    SharedIndexInformer<GenericKubernetesResource> informer =
        informable.runnableInformer(resync.toMillis());
    informer.addEventHandler(new Handler(emitter, client.getKubernetesSerialization()));
    InformerStops informerStops = stops;
    informerStops.started(informer);
    informer
        .stopped()
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                emitter.error(failure("stopped", error));
              }
            });
    informer
        .start()
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                emitter.error(failure("could not start", error));
              }
            });
    DriftWatch.Owners owners =
        (namespace, name) -> {
          GenericKubernetesResource current =
              informer.getStore().getByKey(namespace.isEmpty() ? name : namespace + "/" + name);
          if (current != null) {
            ObjectNode node = Json.toNode(client.getKubernetesSerialization(), current);
            emitter.next(new WatchEvent.Resynced(keyOf(node), node));
          }
        };
    DriftWatch d = drift;
    if (d != null) {
      d.register(spec.group(), spec.kind(), owners);
    }
    // stopping closes the HTTP watch: InformerStops does it on boundedElastic, cancel may come
    // from any thread (a Vert.x event loop included)
    return () -> {
      if (d != null) {
        d.unregister(spec.group(), spec.kind(), owners);
      }
      informerStops.stop(informer);
    };
  }

  private OrkestraException failure(String what, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new OrkestraException(
        "watch of "
            + spec.kind()
            + " ("
            + spec.apiVersion()
            + ") "
            + what
            + ": "
            + detail.replace('\n', ' '),
        cause);
  }

  private ResourceKey keyOf(ObjectNode o) {
    return new ResourceKey(
        spec.group(),
        spec.version(),
        spec.kind(),
        Json.text(o, "metadata", "namespace"),
        Json.text(o, "metadata", "name"));
  }

  /** Informer callbacks: convert, filter, offer. Never blocks (the buffer only takes a monitor). */
  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final CoalescingFlux.Emitter<WatchEvent> emitter;
    private final KubernetesSerialization serialization;

    Handler(CoalescingFlux.Emitter<WatchEvent> emitter, KubernetesSerialization serialization) {
      this.emitter = emitter;
      this.serialization = serialization;
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      offer(
          "add",
          obj,
          () -> {
            ObjectNode node = Json.toNode(serialization, obj);
            return new WatchEvent.Added(keyOf(node), node);
          });
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      offer(
          "update",
          after,
          () -> {
            ObjectNode node = Json.toNode(serialization, after);
            if (before == after) {
              // fabric8 resyncs by notifying an update with the same cached instance twice
              return new WatchEvent.Resynced(keyOf(node), node);
            }
            if (!WatchEvents.significant(Json.toNode(serialization, before), node)) {
              return null;
            }
            return new WatchEvent.Modified(keyOf(node), node);
          });
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
      offer(
          "delete",
          obj,
          () -> {
            ObjectNode node = Json.toNode(serialization, obj);
            return new WatchEvent.Deleted(keyOf(node), node);
          });
    }

    private void offer(
        String what, GenericKubernetesResource obj, Supplier<@Nullable WatchEvent> event) {
      WatchEvent e;
      try {
        e = event.get();
      } catch (RuntimeException ex) {
        // one unreadable object must not end the watch; a later event or resync brings it again
        LOG.warn(
            "skipping {} of {} {}: {}",
            what,
            spec.kind(),
            obj.getMetadata().getName(),
            ex.toString());
        return;
      }
      if (e != null) {
        emitter.next(e);
      }
    }
  }
}

package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.orkestra.core.ResourceKey;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift detection: one shared informer per child kind the applier has written (selected by the
 * label {@code managed-by=orkestra}, shared by every CRD that owns that kind). When somebody else
 * changes or deletes a child, its controlling owner is re-enqueued (as a resync of the owner's
 * newest state) and the next reconcile restores the declared state.
 *
 * <p>Changes the applier made itself are recognised by the {@code resourceVersion} it got back and
 * do not re-enqueue the owner. Informers start lazily, the first time a kind is written, on
 * {@code boundedElastic()}; callbacks never block.
 */
public final class DriftWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DriftWatch.class);

  /** Receives "a child of this owner drifted". */
  public interface Owners {
    /**
     * Re-enqueues an owner if this source watches it.
     *
     * @param namespace the owner's namespace
     * @param name the owner's name
     */
    void drifted(String namespace, String name);
  }

  private final KubernetesClient client;
  private final ResourceTypes types;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final Map<String, Owners> owners = new ConcurrentHashMap<>();
  private final Map<ResourceKey, String> ours = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private final InformerStops stops;

  /**
   * Creates the drift watch.
   *
   * @param client the client
   * @param types plural and scope lookup
   */
  public DriftWatch(KubernetesClient client, ResourceTypes types) {
    this(client, types, new InformerStops());
  }

  /**
   * Creates the drift watch, recording its informers in {@code stops}.
   *
   * @param client the client
   * @param types plural and scope lookup
   * @param stops where the informers' stops are recorded
   */
  public DriftWatch(KubernetesClient client, ResourceTypes types, InformerStops stops) {
    this.client = Objects.requireNonNull(client, "client");
    this.types = Objects.requireNonNull(types, "types");
    this.stops = Objects.requireNonNull(stops, "stops");
  }

  /**
   * Registers the watch source of one CRD, so drift of its children re-enqueues its resources.
   *
   * @param group owner group
   * @param kind owner kind
   * @param listener the watch source
   */
  public void register(String group, String kind, Owners listener) {
    owners.put(group + "/" + kind, listener);
  }

  /**
   * Removes a registration.
   *
   * @param group owner group
   * @param kind owner kind
   * @param listener the watch source registered before
   */
  public void unregister(String group, String kind, Owners listener) {
    owners.remove(group + "/" + kind, listener);
  }

  /**
   * Records a write of ours and makes sure the child's kind is watched. May block (starts an
   * informer the first time a kind is seen): call it where blocking is allowed.
   *
   * @param child the child written
   * @param stored the child as stored, or {@code null} when it was deleted
   */
  public void wrote(ResourceKey child, @org.jspecify.annotations.Nullable ObjectNode stored) {
    ours.put(child, stored == null ? "" : stored.path("metadata").path("resourceVersion").asText(""));
    if (closed || owners.isEmpty()) {
      return;
    }
    String kindKey = child.apiVersion() + "/" + child.kind();
    informers.computeIfAbsent(kindKey, k -> start(child));
  }

  private SharedIndexInformer<GenericKubernetesResource> start(ResourceKey child) {
    boolean namespaced = !child.namespace().isEmpty();
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
        client.genericKubernetesResources(
            types.context(child.group(), child.version(), child.kind(), namespaced));
    SharedIndexInformer<GenericKubernetesResource> informer =
        (namespaced ? op.inAnyNamespace() : op)
            .withLabel(Manifests.MANAGED_BY, Manifests.ORKESTRA)
            .runnableInformer(0);
    informer.addEventHandler(new Handler(child));
    stops.started(informer);
    informer.start().whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("drift watch of {} could not start: {}", child.kind(), error.toString());
      }
    });
    return informer;
  }

  @Override
  public void close() {
    closed = true;
    informers.values().forEach(stops::stop);
    informers.clear();
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final ResourceKey sample;

    Handler(ResourceKey sample) {
      this.sample = sample;
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      // existing children at start and our own creates: nothing drifted
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      if (before != after) {
        changed(after, after.getMetadata().getResourceVersion());
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
      changed(obj, "");
    }

    private void changed(GenericKubernetesResource obj, String resourceVersion) {
      var meta = obj.getMetadata();
      ResourceKey key = new ResourceKey(sample.group(), sample.version(), sample.kind(),
          meta.getNamespace() == null ? "" : meta.getNamespace(), meta.getName());
      String mine = ours.get(key);
      if (mine != null && mine.equals(resourceVersion == null ? "" : resourceVersion)) {
        return; // our own write
      }
      for (var ref : meta.getOwnerReferences()) {
        if (Boolean.TRUE.equals(ref.getController())) {
          String apiVersion = ref.getApiVersion();
          String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
          Owners listener = owners.get(group + "/" + ref.getKind());
          if (listener != null) {
            listener.drifted(key.namespace(), ref.getName());
          }
        }
      }
    }
  }

  /**
   * Test hook: whether a kind is watched.
   *
   * @param apiVersion child apiVersion
   * @param kind child kind
   * @return {@code true} once its informer started
   */
  boolean watching(String apiVersion, String kind) {
    return informers.containsKey(apiVersion + "/" + kind);
  }

  static String text(JsonNode n) {
    return n.asText("");
  }
}

package io.orkestra.runtime.internal.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ApplyResult;
import io.orkestra.core.ChildKind;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An in-memory cluster behind the runtime's {@link ResourceApplier} contract: {@code observe}
 * returns what earlier applies stored, {@code apply} stores (a patch merges the desired manifest
 * over the stored object, like a server-side apply of the declared fields), {@code writeStatus}
 * stores the status on the custom resource, finalizers are kept on the custom resource (which
 * disappears once it is being deleted and its last finalizer is removed). Every write is logged as
 * an {@link Op}. No network and no blocking: every method completes at once on the calling thread.
 *
 * <p>Thread-safe (one monitor); reconciles of several custom resources may run at once.
 */
public final class FakeCluster implements ResourceApplier {

  /**
   * One recorded write.
   *
   * @param owner the custom resource whose reconcile wrote it
   * @param verb {@code create}, {@code update} or {@code delete}
   * @param resource plural lowercase resource, e.g. {@code deployments}, or {@code status}
   * @param namespace the object's namespace ({@code ""} when cluster-scoped)
   * @param name the object's name
   */
  public record Op(ResourceKey owner, String verb, String resource, String namespace, String name) {
    /** {@code create deployments/web}. */
    @Override
    public String toString() {
      return verb + " " + resource + "/" + name;
    }
  }

  /**
   * A Kubernetes Event the runtime recorded on a custom resource.
   *
   * @param owner the custom resource
   * @param warning Warning or Normal
   * @param reason the reason
   * @param message the message
   */
  public record KubeEvent(ResourceKey owner, boolean warning, String reason, String message) {}

  private final Clock clock;
  private final Map<ResourceKey, ObjectNode> customResources = new LinkedHashMap<>();
  private final Map<ResourceKey, ObjectNode> lastSeen = new LinkedHashMap<>();
  private final Map<ResourceKey, ObjectNode> objects = new LinkedHashMap<>();
  private final Map<ResourceKey, ResourceKey> ownerOf = new LinkedHashMap<>();
  private final List<Op> log = new ArrayList<>();
  private final List<KubeEvent> events = new ArrayList<>();
  private long resourceVersion;

  FakeCluster(Clock clock) {
    this.clock = clock;
  }

  /**
   * Stores a custom resource as the API server would on create: namespace defaulted, uid,
   * generation 1, resourceVersion and creationTimestamp set.
   *
   * @param cr the resource as written in the CR file (not changed)
   * @param namespaced whether its kind is namespaced
   * @return its key
   */
  synchronized ResourceKey addCustomResource(ObjectNode cr, boolean namespaced) {
    ObjectNode stored = cr.deepCopy();
    ObjectNode meta = stored.withObjectProperty("metadata");
    String name = meta.path("name").asText("");
    if (name.isBlank()) {
      throw new OrkestraException(
          "custom resource of kind " + cr.path("kind").asText("?") + " has no metadata.name");
    }
    if (namespaced && meta.path("namespace").asText("").isEmpty()) {
      meta.put("namespace", "default");
    }
    if (!namespaced) {
      meta.remove("namespace");
    }
    ResourceKey key = keyOf(stored);
    if (customResources.containsKey(key)) {
      throw new OrkestraException("custom resource " + key + " is declared twice");
    }
    meta.put("uid", uid(key));
    meta.put("generation", 1);
    meta.put("resourceVersion", nextVersion());
    meta.put("creationTimestamp", now());
    customResources.put(key, stored);
    lastSeen.put(key, stored.deepCopy());
    return key;
  }

  /**
   * The custom resource as stored now.
   *
   * @param key its key
   * @return a copy, or {@code null} once it is gone
   */
  synchronized @Nullable ObjectNode customResource(ResourceKey key) {
    ObjectNode cr = customResources.get(key);
    return cr == null ? null : cr.deepCopy();
  }

  /**
   * The custom resource as last stored, also after it is gone (for the final Deleted event).
   *
   * @param key its key
   * @return a copy
   */
  synchronized ObjectNode lastSeen(ResourceKey key) {
    return lastSeen.get(key).deepCopy();
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to a custom resource; a change of anything but
   * metadata and status increments {@code metadata.generation}.
   *
   * @param key the resource
   * @param patch the merge patch
   * @return {@code false} when the resource is gone
   */
  synchronized boolean patchCustomResource(ResourceKey key, ObjectNode patch) {
    ObjectNode cr = customResources.get(key);
    if (cr == null) {
      return false;
    }
    ObjectNode before = cr.deepCopy();
    mergePatch(cr, patch);
    ObjectNode meta = cr.withObjectProperty("metadata");
    // identity is fixed, as on a real API server
    meta.set("name", before.path("metadata").path("name"));
    if (before.path("metadata").has("namespace")) {
      meta.set("namespace", before.path("metadata").path("namespace"));
    }
    meta.set("uid", before.path("metadata").path("uid"));
    if (specChanged(before, cr)) {
      meta.put("generation", before.path("metadata").path("generation").asLong(1) + 1);
    }
    meta.put("resourceVersion", nextVersion());
    lastSeen.put(key, cr.deepCopy());
    return true;
  }

  /**
   * Starts deleting a custom resource: sets {@code deletionTimestamp}, or removes it at once when
   * it has no finalizers.
   *
   * @param key the resource
   * @return {@code false} when the resource is gone
   */
  synchronized boolean deleteCustomResource(ResourceKey key) {
    ObjectNode cr = customResources.get(key);
    if (cr == null) {
      return false;
    }
    ObjectNode meta = cr.withObjectProperty("metadata");
    if (!meta.has("deletionTimestamp")) {
      meta.put("deletionTimestamp", now());
      meta.put("resourceVersion", nextVersion());
    }
    goneIfFinalized(key, cr);
    lastSeen.put(key, cr.deepCopy());
    return true;
  }

  /**
   * Merges a status change into stored children, as their controllers would (not logged as an
   * op: the operator did not write it).
   *
   * @param owners the custom resources whose children may change
   * @param kind the child kind ({@code Deployment}; case ignored)
   * @param name the child name, or {@code null} for every child of the kind
   * @param status an RFC 7386 merge patch for each child's {@code status}
   * @return how many children changed
   */
  synchronized int patchChildStatus(
      java.util.Collection<ResourceKey> owners, String kind, @Nullable String name,
      ObjectNode status) {
    int n = 0;
    for (Map.Entry<ResourceKey, ObjectNode> e : objects.entrySet()) {
      ResourceKey k = e.getKey();
      if (owners.contains(ownerOf.get(k)) && k.kind().equalsIgnoreCase(kind)
          && (name == null || name.equals(k.name()))) {
        mergePatch(e.getValue().withObjectProperty("status"), status);
        e.getValue().withObjectProperty("metadata").put("resourceVersion", nextVersion());
        n++;
      }
    }
    return n;
  }

  /**
   * Takes the writes logged since the last call.
   *
   * @return the writes, in order
   */
  synchronized List<Op> drainOps() {
    List<Op> ops = List.copyOf(log);
    log.clear();
    return ops;
  }

  /**
   * The Kubernetes Events recorded so far.
   *
   * @return the events, in order
   */
  synchronized List<KubeEvent> events() {
    return List.copyOf(events);
  }

  /**
   * The children stored now, in creation order.
   *
   * @return a copy of every stored child
   */
  synchronized Map<ResourceKey, ObjectNode> children() {
    Map<ResourceKey, ObjectNode> copy = new LinkedHashMap<>();
    objects.forEach((k, v) -> copy.put(k, v.deepCopy()));
    return copy;
  }

  @Override
  public Mono<ObservedState> observe(ObjectNode owner, DesiredState desired) {
    return Mono.fromSupplier(() -> observeNow(owner, desired));
  }

  private synchronized ObservedState observeNow(ObjectNode owner, DesiredState desired) {
    ResourceKey ownerKey = keyOf(owner);
    Set<ChildKind> kinds = new HashSet<>(desired.managedKinds());
    Map<ResourceKey, ObjectNode> seen = new LinkedHashMap<>();
    objects.forEach(
        (k, v) -> {
          if (ownerKey.equals(ownerOf.get(k)) && kinds.contains(ChildKind.of(k))) {
            seen.put(k, v.deepCopy());
          }
        });
    for (ChildResource child : desired.children()) {
      ObjectNode o = objects.get(child.key());
      if (o != null) {
        seen.put(child.key(), o.deepCopy());
      }
    }
    return new ObservedState(seen);
  }

  @Override
  public Mono<ApplyResult> apply(ObjectNode owner, List<Action> actions) {
    return Mono.fromCallable(() -> applyNow(owner, actions));
  }

  private synchronized ApplyResult applyNow(ObjectNode owner, List<Action> actions) {
    ResourceKey ownerKey = keyOf(owner);
    List<Action> applied = new ArrayList<>();
    for (Action action : actions) {
      ResourceKey key = action.key();
      if (action instanceof Action.Create) {
        if (objects.containsKey(key)) {
          throw new OrkestraException(key + " already exists");
        }
        ObjectNode stored = ((Action.Create) action).desired().manifest().deepCopy();
        ObjectNode meta = stored.withObjectProperty("metadata");
        meta.put("uid", uid(key));
        meta.put("resourceVersion", nextVersion());
        meta.put("creationTimestamp", now());
        if (!key.namespace().isEmpty()) {
          ArrayNode refs = meta.putArray("ownerReferences");
          ObjectNode ref = refs.addObject();
          ref.put("apiVersion", owner.path("apiVersion").asText());
          ref.put("kind", owner.path("kind").asText());
          ref.put("name", ownerKey.name());
          ref.put("uid", owner.path("metadata").path("uid").asText());
          ref.put("controller", true);
          ref.put("blockOwnerDeletion", true);
        }
        objects.put(key, stored);
        ownerOf.put(key, ownerKey);
        log.add(op(ownerKey, "create", key));
      } else if (action instanceof Action.Patch) {
        ObjectNode stored = objects.get(key);
        if (stored == null) {
          throw new OrkestraException(key + " not found");
        }
        overlay(stored, ((Action.Patch) action).desired().manifest());
        stored.withObjectProperty("metadata").put("resourceVersion", nextVersion());
        log.add(op(ownerKey, "update", key));
      } else {
        if (objects.remove(key) != null) {
          ownerOf.remove(key);
          log.add(op(ownerKey, "delete", key));
        }
      }
      applied.add(action);
    }
    return new ApplyResult(ownerKey, applied);
  }

  @Override
  public Mono<Void> writeStatus(ObjectNode owner, ObjectNode status) {
    return Mono.fromRunnable(() -> writeStatusNow(owner, status));
  }

  private synchronized void writeStatusNow(ObjectNode owner, ObjectNode status) {
    ResourceKey key = keyOf(owner);
    ObjectNode cr = customResources.get(key);
    if (cr == null) {
      throw new OrkestraException(key + " not found");
    }
    cr.set("status", status.deepCopy());
    cr.withObjectProperty("metadata").put("resourceVersion", nextVersion());
    lastSeen.put(key, cr.deepCopy());
    log.add(new Op(key, "update", "status", key.namespace(), key.name()));
  }

  @Override
  public Mono<ObjectNode> addFinalizer(ObjectNode owner, String finalizer) {
    return Mono.fromCallable(() -> addFinalizerNow(owner, finalizer));
  }

  private synchronized ObjectNode addFinalizerNow(ObjectNode owner, String finalizer) {
    ResourceKey key = keyOf(owner);
    ObjectNode cr = customResources.get(key);
    if (cr == null) {
      throw new OrkestraException(key + " not found");
    }
    ArrayNode finalizers = cr.withObjectProperty("metadata").withArrayProperty("finalizers");
    if (!contains(finalizers, finalizer)) {
      finalizers.add(finalizer);
      cr.withObjectProperty("metadata").put("resourceVersion", nextVersion());
      lastSeen.put(key, cr.deepCopy());
    }
    return cr.deepCopy();
  }

  @Override
  public Mono<Void> removeFinalizer(ObjectNode owner, String finalizer) {
    return Mono.fromRunnable(() -> removeFinalizerNow(owner, finalizer));
  }

  private synchronized void removeFinalizerNow(ObjectNode owner, String finalizer) {
    ResourceKey key = keyOf(owner);
    ObjectNode cr = customResources.get(key);
    if (cr == null) {
      return;
    }
    JsonNode finalizers = cr.path("metadata").path("finalizers");
    if (finalizers.isArray()) {
      Iterator<JsonNode> it = finalizers.elements();
      while (it.hasNext()) {
        if (finalizer.equals(it.next().asText())) {
          it.remove();
        }
      }
    }
    cr.withObjectProperty("metadata").put("resourceVersion", nextVersion());
    goneIfFinalized(key, cr);
    lastSeen.put(key, cr.deepCopy());
  }

  @Override
  public Mono<Void> recordEvent(ObjectNode owner, boolean warning, String reason, String message) {
    return Mono.fromRunnable(
        () -> {
          synchronized (this) {
            events.add(new KubeEvent(keyOf(owner), warning, reason, message));
          }
        });
  }

  private void goneIfFinalized(ResourceKey key, ObjectNode cr) {
    JsonNode meta = cr.path("metadata");
    if (meta.has("deletionTimestamp") && meta.path("finalizers").size() == 0) {
      customResources.remove(key);
    }
  }

  /**
   * The plural lowercase resource name of a kind, as {@code kubectl} and Orkestra's op log name it
   * ({@code Deployment} → {@code deployments}, {@code Ingress} → {@code ingresses}, {@code
   * NetworkPolicy} → {@code networkpolicies}).
   *
   * @param kind the kind
   * @return the plural
   */
  static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
      return k + "es";
    }
    if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k + "s";
  }

  private static Op op(ResourceKey owner, String verb, ResourceKey key) {
    return new Op(owner, verb, plural(key.kind()), key.namespace(), key.name());
  }

  static ResourceKey keyOf(JsonNode cr) {
    return ResourceKey.of(
        cr.path("apiVersion").asText(),
        cr.path("kind").asText(),
        cr.path("metadata").path("namespace").asText(""),
        cr.path("metadata").path("name").asText());
  }

  private String nextVersion() {
    return Long.toString(++resourceVersion);
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String uid(ResourceKey key) {
    return UUID.nameUUIDFromBytes(key.eventKey().getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static boolean contains(ArrayNode array, String text) {
    for (JsonNode n : array) {
      if (text.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean specChanged(ObjectNode before, ObjectNode after) {
    Set<String> names = new HashSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    for (String n : names) {
      if (!n.equals("metadata") && !n.equals("status")
          && !java.util.Objects.equals(before.get(n), after.get(n))) {
        return true;
      }
    }
    return false;
  }

  /** RFC 7386: objects merge, {@code null} removes, anything else replaces. */
  static void mergePatch(ObjectNode target, JsonNode patch) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode value = f.getValue();
      if (value.isNull()) {
        target.remove(f.getKey());
      } else if (value.isObject() && target.path(f.getKey()).isObject()) {
        mergePatch((ObjectNode) target.get(f.getKey()), value);
      } else if (value.isObject()) {
        ObjectNode fresh = target.putObject(f.getKey());
        mergePatch(fresh, value);
      } else {
        target.set(f.getKey(), value.deepCopy());
      }
    }
  }

  /** Declared fields win: objects merge field-wise, everything else is replaced. */
  private static void overlay(ObjectNode target, JsonNode desired) {
    Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode value = f.getValue();
      if (value.isObject() && target.path(f.getKey()).isObject()) {
        overlay((ObjectNode) target.get(f.getKey()), value);
      } else {
        target.set(f.getKey(), value.deepCopy());
      }
    }
  }
}

package io.orkestra.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ApplyResult;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceApplier;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.RuntimeOptions;
import io.orkestra.core.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One reconcile of one custom resource: interpret (on {@code parallel()}), observe, diff, apply,
 * write status, describe it as a {@link ReconcileEvent}. Never errors: a failure becomes a
 * {@link Outcome#FAILED} result (and a Ready=False status, best effort).
 */
public final class ReconcilePipeline {

  /** Longest error message kept in status and events (Orkestra truncates at 256). */
  public static final int MAX_MESSAGE = 256;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final CompiledOperator operator;
  private final ResourceApplier applier;
  private final RuntimeOptions options;

  /**
   * The status this runtime last wrote per resource. Watch sources drop status-only updates (our
   * own writes must not trigger reconciles), so the object a retry sees may predate our last
   * status write; comparing against what we wrote keeps "unchanged" honest. Bounded by the number
   * of objects; forgotten on deletion.
   */
  /** Resources whose success this process has published at least once (bounded like written). */
  private final java.util.Set<ResourceKey> announced =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final java.util.concurrent.ConcurrentHashMap<ResourceKey, ObjectNode> written =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Uids whose cleanup ran and was published; their final Deleted event is not published again. */
  private final java.util.Set<String> finalized = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Creates a pipeline.
   *
   * @param operator the compiled operator
   * @param applier reads and writes the cluster
   * @param options runtime options
   */
  public ReconcilePipeline(
      CompiledOperator operator, ResourceApplier applier, RuntimeOptions options) {
    this.operator = operator;
    this.applier = applier;
    this.options = options;
  }

  /**
   * Reconciles one key with its newest event.
   *
   * @param key the custom resource
   * @param event its newest watch event
   * @return the result; never an error signal
   */
  public Mono<ReconcileResult> reconcile(ResourceKey key, WatchEvent event) {
    long started = System.nanoTime();
    ObjectNode cr = event.object();
    if (event instanceof WatchEvent.Deleted) {
      written.remove(key);
      announced.remove(key);
      // published once: by the cleanup that removed our finalizer, or here when there was none
      boolean cleanedUp = finalized.remove(cr.path("metadata").path("uid").asText(""));
      return Mono.just(
          new ReconcileResult(
              event(key, cr, Outcome.DELETED, List.of(), started, conditionsOf(cr), null,
                  observedGenerationOf(cr)),
              !cleanedUp));
    }
    if (cr.path("metadata").hasNonNull("deletionTimestamp")) {
      return cleanUp(key, cr, started);
    }
    return ensureFinalizer(cr)
        .flatMap(
            current ->
                Mono.fromCallable(
                        () -> operator.interpret(current, ObservedState.empty(), options.clock()))
                    .subscribeOn(Schedulers.parallel())
                    .flatMap(desired -> applyAndWriteStatus(key, current, desired, started)))
        .onErrorResume(e -> failed(key, cr, e, started));
  }

  private Mono<ObjectNode> ensureFinalizer(ObjectNode cr) {
    return hasCleanupFinalizer(cr)
        ? Mono.just(cr)
        : applier.addFinalizer(cr, OperatorRuntime.CLEANUP_FINALIZER);
  }

  private static boolean hasCleanupFinalizer(ObjectNode cr) {
    for (JsonNode f : cr.path("metadata").path("finalizers")) {
      if (OperatorRuntime.CLEANUP_FINALIZER.equals(f.asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Deletion: delete every child this resource controls (explicitly: garbage collection does not
   * cover cluster-scoped children, and some API servers have none), then remove our finalizer. A
   * failure keeps the finalizer, so the resource stays until a retry succeeds.
   */
  private Mono<ReconcileResult> cleanUp(ResourceKey key, ObjectNode cr, long started) {
    if (!hasCleanupFinalizer(cr)) {
      // not ours to clean (never reconciled, or already cleaned up): nothing to do or publish
      return Mono.just(
          new ReconcileResult(
              event(key, cr, Outcome.DELETED, List.of(), started, conditionsOf(cr), null,
                  observedGenerationOf(cr)),
              false));
    }
    return Mono.fromCallable(() -> managedKinds(cr))
        .subscribeOn(Schedulers.parallel())
        .map(kinds -> new DesiredState(key, List.of(), JSON.objectNode(), kinds))
        .flatMap(none -> applier.observe(cr, none).map(observed -> DiffEngine.diff(none, observed)))
        .flatMap(deletes -> applier.apply(cr, deletes))
        .flatMap(
            applied ->
                applier
                    .recordEvent(cr, false, key.kind() + "Deleted", describe(applied.applied()))
                    .then(applier.removeFinalizer(cr, OperatorRuntime.CLEANUP_FINALIZER))
                    .then(
                        Mono.fromSupplier(
                            () -> {
                              finalized.add(cr.path("metadata").path("uid").asText(""));
                              written.remove(key);
                              announced.remove(key);
                              return new ReconcileResult(
                                  event(key, cr, Outcome.DELETED, applied.applied(), started,
                                      conditionsOf(cr), null, observedGenerationOf(cr)),
                                  true);
                            })))
        .onErrorResume(e -> failed(key, cr, e, started));
  }

  /** The kinds of child this resource may have; when its templates fail, the kinds they name. */
  private List<io.orkestra.core.ChildKind> managedKinds(ObjectNode cr) {
    try {
      return operator.interpret(cr, ObservedState.empty(), options.clock()).managedKinds();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Observes the children, then (when there are any) interprets again with them, so templates,
   * conditions and status fields reading {@code .children} see the observed objects (spec §2.7
   * layer 3); the first interpretation, with nothing observed, only names the kinds to observe.
   * Diffs, applies and writes the status of that second desired state.
   */
  private Mono<ReconcileResult> applyAndWriteStatus(
      ResourceKey key, ObjectNode cr, DesiredState first, long started) {
    return applier
        .observe(cr, first)
        .flatMap(
            observed ->
                observed.children().isEmpty()
                    ? Mono.just(new Plan(first, DiffEngine.diff(first, observed)))
                    : Mono.fromCallable(
                            () -> {
                              DesiredState again =
                                  operator.interpret(cr, observed, options.clock());
                              return new Plan(again, DiffEngine.diff(again, observed));
                            })
                        .subscribeOn(Schedulers.parallel()))
        .flatMap(plan -> applier.apply(cr, plan.actions()).map(applied -> Map.entry(plan, applied)))
        .flatMap(
            planned -> {
              DesiredState desired = planned.getKey().desired();
              ApplyResult applied = planned.getValue();
              JsonNode current = currentStatus(key, cr);
              ObjectNode status = status(cr, current, desired.status(), null);
              boolean statusChanged = !sameStatus(current, status);
              Mono<Void> write =
                  statusChanged
                      ? applier.writeStatus(cr, status).doOnSuccess(v -> written.put(key, status))
                      : Mono.empty();
              boolean changed = statusChanged || !applied.applied().isEmpty();
              Mono<Void> kubeEvent =
                  changed
                      ? applier.recordEvent(cr, false, key.kind() + "Reconciled",
                          describe(applied.applied()))
                      : Mono.empty();
              return write.then(kubeEvent).then(
                  Mono.fromSupplier(
                      () ->
                          new ReconcileResult(
                              event(key, cr, Outcome.SUCCEEDED, applied.applied(), started,
                                  (ArrayNode) status.get("conditions"), null,
                                  status.path("observedGeneration").asLong()),
                              // the first success of a resource in this process is published even
                              // when nothing changed: a runtime restarted after a crash thereby
                              // announces every resource once (an event lost with the crash is
                              // replaced), at-least-once across restarts
                              announced.add(key) || changed,
                              desired.notices())));
            });
  }

  /** The desired state a reconcile applies, and the actions that get there. */
  private record Plan(DesiredState desired, List<Action> actions) {}

  private Mono<ReconcileResult> failed(ResourceKey key, ObjectNode cr, Throwable e, long started) {
    String message = truncate(messageOf(e));
    JsonNode current = currentStatus(key, cr);
    ObjectNode base = current.isObject() ? ((ObjectNode) current).deepCopy() : JSON.objectNode();
    base.remove("conditions");
    base.remove("observedGeneration");
    ObjectNode status = status(cr, current, base, message);
    // a retry that fails exactly like the last one changes nothing: not published again (it would
    // carry the same event id anyway)
    boolean changed = !sameStatus(current, status);
    Mono<Void> write =
        changed
            ? applier.writeStatus(cr, status)
                .doOnSuccess(v -> written.put(key, status))
                .onErrorResume(ignored -> Mono.empty())
            : Mono.empty();
    Mono<Void> kubeEvent =
        changed ? applier.recordEvent(cr, true, key.kind() + "ReconcileError", message) : Mono.empty();
    return write.then(kubeEvent).then(
        Mono.fromSupplier(
            () ->
                new ReconcileResult(
                    event(key, cr, Outcome.FAILED, List.of(), started,
                        (ArrayNode) status.get("conditions"), message,
                        status.path("observedGeneration").asLong()),
                    changed)));
  }

  /**
   * Builds the complete status: declared fields, then {@code observedGeneration} and the Ready
   * condition. The condition's {@code lastTransitionTime} only moves when its status flips.
   */
  private JsonNode currentStatus(ResourceKey key, ObjectNode cr) {
    ObjectNode mine = written.get(key);
    return mine != null ? mine : cr.path("status");
  }

  ObjectNode status(ObjectNode cr, JsonNode current, ObjectNode declared, @Nullable String error) {
    ObjectNode status = declared.deepCopy();
    long generation = cr.path("metadata").path("generation").asLong(0);
    status.put("observedGeneration", generation);
    String readyStatus = error == null ? "True" : "False";
    JsonNode previousReady = readyCondition(current.path("conditions"));
    String transition =
        previousReady != null && readyStatus.equals(previousReady.path("status").asText())
            ? previousReady.path("lastTransitionTime").asText()
            : Instant.now(options.clock()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    ObjectNode ready = JSON.objectNode();
    ready.put("type", "Ready");
    ready.put("status", readyStatus);
    ready.put("reason", error == null ? "ReconcileSucceeded" : "ReconcileError");
    ready.put("message", error == null ? "Reconciled" : error);
    ready.put("lastTransitionTime", transition);
    ready.put("observedGeneration", generation);
    ArrayNode conditions = status.putArray("conditions");
    JsonNode old = current.path("conditions");
    if (old.isArray()) {
      for (JsonNode c : old) {
        if (!"Ready".equals(c.path("type").asText())) {
          conditions.add(c.deepCopy());
        }
      }
    }
    conditions.add(ready);
    return status;
  }

  private static @Nullable JsonNode readyCondition(JsonNode conditions) {
    if (conditions.isArray()) {
      for (JsonNode c : conditions) {
        if ("Ready".equals(c.path("type").asText())) {
          return c;
        }
      }
    }
    return null;
  }

  private static boolean sameStatus(@Nullable JsonNode current, ObjectNode next) {
    return current != null && current.isObject() && DiffEngine.contains(current, next)
        && DiffEngine.contains(next, current);
  }

  private ReconcileEvent event(
      ResourceKey key,
      ObjectNode cr,
      Outcome outcome,
      List<Action> actions,
      long started,
      ArrayNode conditions,
      @Nullable String error,
      long observedGeneration) {
    JsonNode meta = cr.path("metadata");
    String uid = meta.path("uid").asText("");
    long generation = meta.path("generation").asLong(0);
    String rv = meta.path("resourceVersion").asText("");
    return new ReconcileEvent(
        eventId(uid, generation, rv, outcome),
        options.runtimeName(),
        operator.spec().name(),
        key,
        uid,
        generation,
        observedGeneration,
        outcome,
        actions.stream().map(io.orkestra.core.ReconcileEvent.ActionSummary::of).toList(),
        (System.nanoTime() - started) / 1_000_000,
        conditions,
        error,
        Instant.now(options.clock()));
  }

  private static ArrayNode conditionsOf(ObjectNode cr) {
    JsonNode c = cr.path("status").path("conditions");
    return c.isArray() ? ((ArrayNode) c).deepCopy() : JSON.arrayNode();
  }

  private static long observedGenerationOf(ObjectNode cr) {
    return cr.path("status").path("observedGeneration").asLong(0);
  }

  /**
   * The stable event id: a name-based UUID of uid, generation, resourceVersion and outcome.
   *
   * @param uid object uid
   * @param generation object generation
   * @param resourceVersion object resourceVersion
   * @param outcome reconcile outcome
   * @return the id
   */
  public static String eventId(String uid, long generation, String resourceVersion, Outcome outcome) {
    String seed = uid + "/" + generation + "/" + resourceVersion + "/" + outcome.wireName();
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** "created ConfigMap a, updated Deployment b" (or "no changes to children"). */
  static String describe(List<Action> actions) {
    if (actions.isEmpty()) {
      return "no changes to children";
    }
    StringBuilder sb = new StringBuilder();
    for (Action a : actions) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(a.verb()).append(' ').append(a.key().kind()).append(' ').append(a.key().name());
    }
    return truncate(sb.toString());
  }

  static String messageOf(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}

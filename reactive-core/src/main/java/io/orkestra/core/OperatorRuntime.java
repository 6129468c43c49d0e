package io.orkestra.core;

import io.orkestra.core.internal.DiffEngine;
import io.orkestra.core.internal.HealthTracker;
import io.orkestra.core.internal.KeyedWorkQueue;
import io.orkestra.core.internal.ReconcilePipeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;

/**
 * The reconcile loop: watch events go through a level-triggered keyed work queue into reconciles
 * (interpret, diff, apply, status), which come out as {@link ReconcileResult}s.
 *
 * <pre>
 * watch:   --A1--A2--B1----A3--------|
 * queue:   --A(A2)---B(B1)--A(A3)-----   latest state per key wins
 * results: ------rA-----rB------rA----   one reconcile in flight per key, at most workers overall
 * </pre>
 */
public final class OperatorRuntime {

  /**
   * Orkestra's system finalizer: added to every custom resource before its first child is written,
   * removed only after the deletion cleanup succeeded.
   */
  public static final String CLEANUP_FINALIZER = "orkestra.orkspace.io/cleanup";

  private final RuntimeOptions options;
  private final ConcurrentHashMap<String, HealthTracker> trackers = new ConcurrentHashMap<>();

  private OperatorRuntime(RuntimeOptions options) {
    this.options = options;
  }

  /**
   * Creates a runtime.
   *
   * @param options loop options
   * @return the runtime
   */
  public static OperatorRuntime create(RuntimeOptions options) {
    return new OperatorRuntime(Objects.requireNonNull(options, "options"));
  }

  /**
   * The options this runtime was created with.
   *
   * @return the options
   */
  public RuntimeOptions options() {
    return options;
  }

  /**
   * Runs one operator: subscribes to {@code source}, reconciles each custom resource, emits one
   * result per reconcile.
   *
   * <p>Threading: interpreting runs on {@code Schedulers.parallel()}; applier calls run on the
   * applier's threads; results are emitted on whichever thread ended the reconcile.
   *
   * <p>Backpressure and overflow: at most {@code operator.spec().workers()} reconciles run at once
   * and none starts while downstream has no demand; pending work is held as one entry per key (the
   * newest state), so memory is bounded by the number of objects; with {@link
   * QueuePolicy#maxDepth()} set, triggers for keys beyond that many are dropped and told to {@link
   * ReconcileListener#onDropped} (the next resync brings them back). Failed reconciles are retried
   * with exponential backoff and jitter ({@link QueuePolicy#initialBackoff()} to {@link
   * QueuePolicy#maxBackoff()}, defaulting to {@link RuntimeOptions#initialBackoff()} and {@link
   * RuntimeOptions#maxBackoff()}). After a successful reconcile the key runs again after {@link
   * CompiledOperator#requeueAfter} ({@code requeue.after}), unless another trigger comes first.
   *
   * <p>Namespaces: events of namespaces that {@link OperatorSpec#namespaces()} does not admit are
   * dropped before the queue; they are never interpreted.
   *
   * <p>Leadership: while {@link RuntimeOptions#leadership()} is not held, events still flow into
   * the queue (one entry per key, newest state) but no reconcile starts; when it is acquired,
   * every waiting key is reconciled.
   *
   * <p>Health: see {@link #health(String)}; a key failing {@link QueuePolicy#failureThreshold()}
   * times in a row makes the operator {@link HealthState#DEGRADED} until it succeeds.
   *
   * <p>Completes when {@code source} completes and every queued key has been reconciled; errors
   * when {@code source} errors (a terminal failure, such as a watch that cannot resume).
   *
   * @param operator the compiled operator
   * @param source watch events of its custom resources
   * @param applier writes children and status
   * @return one result per reconcile
   */
  public Flux<ReconcileResult> run(
      CompiledOperator operator, WatchSource source, ResourceApplier applier) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(applier, "applier");
    OperatorSpec spec = operator.spec();
    ReconcilePipeline pipeline = new ReconcilePipeline(operator, applier, options);
    QueuePolicy policy = spec.queue();
    Duration initial =
        policy.initialBackoff() != null ? policy.initialBackoff() : options.initialBackoff();
    Duration max = policy.maxBackoff() != null ? policy.maxBackoff() : options.maxBackoff();
    QueuePolicy effective =
        policy.withRetryBackoff(initial, max.compareTo(initial) < 0 ? initial : max);
    HealthTracker health = tracker(spec.name());
    ReconcileListener listener = options.listener();
    KeyedWorkQueue<ReconcileResult> queue =
        new KeyedWorkQueue<>(
            (key, event) -> {
              long started = System.nanoTime();
              return pipeline
                  .reconcile(key, event)
                  .doOnNext(
                      r ->
                          listener.onReconciled(
                              spec.name(),
                              key,
                              r.event().outcome(),
                              Duration.ofNanos(System.nanoTime() - started)));
            },
            r -> r.event().outcome() == Outcome.FAILED,
            (r, event) ->
                r.event().outcome() == Outcome.SUCCEEDED
                    ? operator.requeueAfter(event.object(), options.clock())
                    : Duration.ZERO,
            spec.workers(),
            effective,
            health,
            KeyedWorkQueue.defaultTimer(),
            options.leadership());
    NamespaceFilter namespaces = spec.namespaces();
    Flux<WatchEvent> events = source.watch();
    if (!namespaces.isAll()) {
      events = events.filter(e -> namespaces.admits(e.key().namespace()));
    }
    return queue.run(events);
  }

  private HealthTracker tracker(String operator) {
    return trackers.computeIfAbsent(operator, name -> new HealthTracker(name, options.listener()));
  }

  /**
   * The health of one operator: its current state, then every change. Replays the latest state to
   * each subscriber; never completes. An operator that has not been run is {@link
   * HealthState#PENDING}. Emits on the thread that ended the reconcile causing the change.
   *
   * @param operator the CRD entry name ({@link OperatorSpec#name()})
   * @return the states
   */
  public Flux<HealthState> health(String operator) {
    return tracker(Objects.requireNonNull(operator, "operator")).states();
  }

  /**
   * A snapshot of every operator this runtime has run: health, queue depth, reconciles in flight.
   *
   * @return one entry per operator, by name
   */
  public List<OperatorStats> stats() {
    return trackers.values().stream()
        .map(HealthTracker::stats)
        .sorted(java.util.Comparator.comparing(OperatorStats::operator))
        .toList();
  }

  /**
   * Computes the child writes that bring {@code observed} to {@code desired}: creates for missing
   * children, patches for drift-corrected children whose declared fields differ, deletes for
   * children no longer desired. Nothing is returned when nothing differs.
   *
   * @param desired desired state
   * @param observed observed state
   * @return actions in apply order
   */
  public static List<Action> diff(DesiredState desired, ObservedState observed) {
    return DiffEngine.diff(desired, observed);
  }
}

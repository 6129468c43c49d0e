package io.orkestra.core;

import io.orkestra.core.internal.DiffEngine;
import io.orkestra.core.internal.KeyedWorkQueue;
import io.orkestra.core.internal.ReconcilePipeline;
import java.util.List;
import java.util.Objects;
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
   * newest state), so memory is bounded by the number of objects. Failed reconciles are retried
   * with exponential backoff and jitter ({@link RuntimeOptions#initialBackoff()} to
   * {@link RuntimeOptions#maxBackoff()}).
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
    ReconcilePipeline pipeline = new ReconcilePipeline(operator, applier, options);
    KeyedWorkQueue<ReconcileResult> queue =
        new KeyedWorkQueue<>(
            pipeline::reconcile,
            r -> r.event().outcome() == Outcome.FAILED,
            operator.spec().workers(),
            options.initialBackoff(),
            options.maxBackoff(),
            KeyedWorkQueue.defaultTimer());
    return queue.run(source.watch());
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

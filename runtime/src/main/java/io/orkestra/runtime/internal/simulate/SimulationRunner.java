package io.orkestra.runtime.internal.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.RuntimeOptions;
import io.orkestra.core.WatchEvent;
import io.orkestra.katalog.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs one operator for a fixed number of reconcile cycles over its custom resources, through the
 * runtime's own loop ({@link OperatorRuntime#run}: work queue, finalizer, interpret, diff, apply,
 * status) with a {@link FakeCluster} as the applier and a fixed clock.
 *
 * <p>A cycle reconciles every custom resource once: cycle 1 delivers an Added event per resource,
 * later cycles a Resynced event (Modified after a {@linkplain Simulation.Change change}, Deleted
 * once a deleted resource is gone). The next cycle starts only when every reconcile of the current
 * one has ended, so each cycle's writes are recorded apart. Changes are applied between cycles;
 * the operator itself never does I/O. {@linkplain Simulation.ChildStatus Child status changes} are
 * merged into the stored children before their cycle, and the clock moves to the cycle's instant
 * ({@code spec.clock} with a step), so conditions and status fields reading {@code .children} or
 * the time see the new values in that cycle.
 *
 * <pre>
 * cycle:    1               2               3
 * events:   A(a) A(b) ----> R(a) R(b) ----> R(a) R(b)
 * results:  ---ra--rb|      ---ra--rb|      ---ra--rb|   (take cycles x resources, then cancel)
 * </pre>
 */
public final class SimulationRunner {

  /** The fixed instant of the simulation clock. */
  public static final java.time.Instant EPOCH = java.time.Instant.parse("2025-01-01T00:00:00Z");

  private SimulationRunner() {}

  /**
   * What one cycle did to one custom resource.
   *
   * @param cycle the cycle, from 1
   * @param ops the writes of this resource's reconcile, in order
   * @param error the reconcile's error, or {@code null} when it succeeded
   * @param status the resource's status after the cycle, or {@code null} once it is gone
   */
  public record Cycle(int cycle, List<FakeCluster.Op> ops, @Nullable String error,
      @Nullable ObjectNode status) {
    /** Immutable copy. */
    public Cycle {
      ops = List.copyOf(ops);
    }
  }

  /**
   * The cycles of one custom resource.
   *
   * @param key the resource
   * @param cycles one entry per cycle, in order
   */
  public record ResourceRun(ResourceKey key, List<Cycle> cycles) {
    /** Immutable copy. */
    public ResourceRun {
      cycles = List.copyOf(cycles);
    }

    /**
     * The first cycle of the quiet streak that ends the run (no cycle from it on wrote anything).
     *
     * @return the cycle, or empty when the last cycle wrote something
     */
    public OptionalInt steadyAt() {
      int at = cycles.size() + 1;
      for (int i = cycles.size() - 1; i >= 0 && cycles.get(i).ops().isEmpty(); i--) {
        at = i + 1;
      }
      return at <= cycles.size() ? OptionalInt.of(at) : OptionalInt.empty();
    }
  }

  /**
   * The result of running one operator.
   *
   * @param crd the CRD entry name
   * @param resources one run per custom resource, in file order
   * @param cluster the fake cluster afterwards
   * @param setupFailures failed {@code spec.childStatus} entries (no child matched), as verdicts
   */
  public record CrdRun(String crd, List<ResourceRun> resources, FakeCluster cluster,
      List<Verdicts.Verdict> setupFailures) {
    /** Immutable copies. */
    public CrdRun {
      resources = List.copyOf(resources);
      setupFailures = List.copyOf(setupFailures);
    }
  }

  /**
   * Runs an operator.
   *
   * @param operator the compiled operator (the same object the runtime runs)
   * @param crs its custom resources, in file order (not changed)
   * @param cycles how many cycles, at least 1
   * @param changes changes to apply before given cycles
   * @param clock the clock the interpreter and the runtime read
   * @return the run; completes after the last cycle, errors when a custom resource is invalid
   */
  public static Mono<CrdRun> run(
      CompiledOperator operator,
      List<ObjectNode> crs,
      int cycles,
      List<Simulation.Change> changes,
      Clock clock) {
    return run(operator, crs, cycles, changes, List.of(), clock.instant(), Duration.ZERO);
  }

  /**
   * Runs an operator with child status changes and a clock that may move per cycle.
   *
   * @param operator the compiled operator (the same object the runtime runs)
   * @param crs its custom resources, in file order (not changed)
   * @param cycles how many cycles, at least 1
   * @param changes changes to apply before given cycles
   * @param childStatus child status changes to apply before given cycles
   * @param start the clock's instant in cycle 1
   * @param step how far the clock moves per cycle ({@link Duration#ZERO}: fixed)
   * @return the run; completes after the last cycle, errors when a custom resource is invalid
   */
  public static Mono<CrdRun> run(
      CompiledOperator operator,
      List<ObjectNode> crs,
      int cycles,
      List<Simulation.Change> changes,
      List<Simulation.ChildStatus> childStatus,
      java.time.Instant start,
      Duration step) {
    Objects.requireNonNull(operator, "operator");
    if (cycles < 1) {
      throw new IllegalArgumentException("cycles must be >= 1, was " + cycles);
    }
    return Mono.defer(
        () -> new Run(operator, crs, cycles, changes, childStatus, new CycleClock(start, step))
            .start());
  }

  /** One simulation: the cycle barrier between the runtime's results and the next events. */
  private static final class Run {
    private final CompiledOperator operator;
    private final int cycles;
    private final List<Simulation.Change> changes;
    private final FakeCluster cluster;
    private final List<ResourceKey> keys = new ArrayList<>();
    private final Map<ResourceKey, List<Cycle>> records = new LinkedHashMap<>();
    private final Map<ResourceKey, ReconcileResult> current = new LinkedHashMap<>();
    private final Map<ResourceKey, Boolean> changed = new LinkedHashMap<>();
    private final Sinks.Many<WatchEvent> events = Sinks.many().unicast().onBackpressureBuffer();
    private final List<Simulation.ChildStatus> childStatus;
    private final List<Verdicts.Verdict> setupFailures = new ArrayList<>();
    private final CycleClock clock;
    private int cycle = 1;

    Run(CompiledOperator operator, List<ObjectNode> crs, int cycles,
        List<Simulation.Change> changes, List<Simulation.ChildStatus> childStatus,
        CycleClock clock) {
      this.operator = operator;
      this.cycles = cycles;
      this.changes = List.copyOf(changes);
      this.childStatus = List.copyOf(childStatus);
      this.clock = clock;
      this.cluster = new FakeCluster(clock);
      for (ObjectNode cr : crs) {
        ResourceKey key = cluster.addCustomResource(cr, operator.spec().namespaced());
        keys.add(key);
        records.put(key, new ArrayList<>());
      }
    }

    Mono<CrdRun> start() {
      if (keys.isEmpty()) {
        return Mono.just(new CrdRun(operator.spec().name(), List.of(), cluster, List.of()));
      }
      RuntimeOptions options =
          RuntimeOptions.defaults()
              .withRuntimeName("ork-simulate")
              .withClock(clock)
              // a failed cycle is followed by the next cycle's event, never by a timed retry
              .withBackoff(Duration.ofHours(1), Duration.ofHours(1));
      emitCycle();
      return OperatorRuntime.create(options)
          .run(operator, events::asFlux, cluster)
          .doOnNext(this::onResult)
          .take((long) cycles * keys.size())
          .then(Mono.fromSupplier(this::result));
    }

    private synchronized void onResult(ReconcileResult result) {
      current.put(result.event().key(), result);
      if (current.size() < keys.size()) {
        return;
      }
      List<FakeCluster.Op> ops = cluster.drainOps();
      for (ResourceKey key : keys) {
        ReconcileResult r = current.get(key);
        String error = r != null && r.event().outcome() == Outcome.FAILED
            ? Objects.requireNonNullElse(r.event().error(), "reconcile failed") : null;
        ObjectNode cr = cluster.customResource(key);
        JsonNode status = cr == null ? null : cr.get("status");
        records.get(key).add(new Cycle(cycle,
            ops.stream().filter(o -> o.owner().equals(key)).toList(), error,
            status instanceof ObjectNode ? (ObjectNode) status : null));
      }
      current.clear();
      if (cycle < cycles) {
        cycle++;
        emitCycle();
      }
    }

    private void emitCycle() {
      changed.clear();
      clock.cycle(cycle);
      for (Simulation.ChildStatus cs : childStatus) {
        if (cs.cycle() == cycle
            && cluster.patchChildStatus(keys, cs.kind(), cs.name(), cs.status()) == 0) {
          String what = cs.kind() + (cs.name() == null ? "" : "/" + cs.name());
          setupFailures.add(new Verdicts.Verdict("childStatus " + what + " before cycle " + cycle,
              false, "no child " + what + " exists before cycle " + cycle
                  + " (children then: " + childNames() + ")", cs.pos()));
        }
      }
      for (Simulation.Change c : changes) {
        if (c.cycle() != cycle) {
          continue;
        }
        for (ResourceKey key : keys) {
          if ((c.kind() == null || c.kind().equals(key.kind()))
              && (c.name() == null || c.name().equals(key.name()))) {
            boolean applied = c.delete()
                ? cluster.deleteCustomResource(key)
                : cluster.patchCustomResource(key, Objects.requireNonNull(c.patch()));
            if (applied) {
              changed.put(key, true);
            }
          }
        }
      }
      for (ResourceKey key : keys) {
        ObjectNode cr = cluster.customResource(key);
        WatchEvent event;
        if (cr == null) {
          event = new WatchEvent.Deleted(key, cluster.lastSeen(key));
        } else if (cycle == 1) {
          event = new WatchEvent.Added(key, cr);
        } else if (changed.containsKey(key)) {
          event = new WatchEvent.Modified(key, cr);
        } else {
          event = new WatchEvent.Resynced(key, cr);
        }
        events.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
      }
    }

    private String childNames() {
      List<String> names = new ArrayList<>();
      cluster.children().keySet().forEach(k -> names.add(k.kind() + "/" + k.name()));
      return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private synchronized CrdRun result() {
      List<ResourceRun> runs = new ArrayList<>();
      records.forEach((k, v) -> runs.add(new ResourceRun(k, v)));
      return new CrdRun(operator.spec().name(), runs, cluster, setupFailures);
    }
  }
}

package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.HealthState;
import io.orkestra.core.OperatorStats;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The runtime's probe endpoints, Orkestra's paths (spec §5.12), served next to {@code /metrics}:
 *
 * <ul>
 *   <li>{@code GET /startup}: 200 once the runtime started (servers up, CRDs installed, every
 *       operator's pipeline subscribed), else 503. Gates the other two in Kubernetes.
 *   <li>{@code GET /health} (liveness): 200 while every operator's pipeline runs; 503 when one
 *       stopped for good (restarting the process is the cure). A {@code degraded} operator is
 *       still live: its resources fail, the runtime does not.
 *   <li>{@code GET /ready}: 200 when started and live. A follower (leader election) is ready: it
 *       serves probes and metrics and keeps its caches warm.
 * </ul>
 *
 * <p>Each answers a JSON body: {@code {"status", "leader", "operators": [{"name", "health",
 * "queueDepth", "inFlight", "failingKeys"}], "stopped": [...]}}; a follower reports its operators
 * as {@code pending}, as Orkestra does.
 */
public final class HealthEndpoints {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An answer.
   *
   * @param status HTTP status
   * @param body JSON body
   */
  public record Answer(int status, String body) {}

  private final Supplier<List<OperatorStats>> stats;
  private final BooleanSupplier started;
  private final BooleanSupplier leader;
  private final Supplier<Set<String>> stopped;

  /**
   * Creates the endpoints over live state.
   *
   * @param stats every operator's snapshot
   * @param started whether the runtime finished starting
   * @param leader whether this replica reconciles now
   * @param stopped names of operators whose pipeline stopped with an error
   */
  public HealthEndpoints(Supplier<List<OperatorStats>> stats, BooleanSupplier started,
      BooleanSupplier leader, Supplier<Set<String>> stopped) {
    this.stats = Objects.requireNonNull(stats, "stats");
    this.started = Objects.requireNonNull(started, "started");
    this.leader = Objects.requireNonNull(leader, "leader");
    this.stopped = Objects.requireNonNull(stopped, "stopped");
  }

  /**
   * The answer for a path, if it is one of the probe paths.
   *
   * @param path the request path
   * @return the answer, empty for other paths
   */
  public Optional<Answer> answer(String path) {
    boolean up = started.getAsBoolean();
    boolean live = stopped.get().isEmpty();
    return switch (path) {
      case "/startup" -> Optional.of(answer(up, up ? "started" : "starting"));
      case "/health" -> Optional.of(answer(live, live ? "ok" : "stopped"));
      case "/ready" -> Optional.of(answer(up && live, !up ? "starting" : live ? "ready" : "stopped"));
      default -> Optional.empty();
    };
  }

  private Answer answer(boolean ok, String status) {
    boolean leading = leader.getAsBoolean();
    ObjectNode body = JSON.createObjectNode().put("status", status).put("leader", leading);
    ArrayNode ops = body.putArray("operators");
    for (OperatorStats s : stats.get()) {
      ops.addObject()
          .put("name", s.operator())
          .put("health", (leading ? s.health() : HealthState.PENDING).wireName())
          .put("queueDepth", s.queueDepth())
          .put("inFlight", s.inFlight())
          .put("failingKeys", s.failingKeys());
    }
    ArrayNode down = body.putArray("stopped");
    stopped.get().stream().sorted().forEach(down::add);
    return new Answer(ok ? 200 : 503, body.toString() + "\n");
  }
}

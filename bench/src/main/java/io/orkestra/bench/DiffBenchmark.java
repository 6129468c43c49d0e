package io.orkestra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Diff of a steady-state custom resource (Deployment + ConfigMap, nothing changed): the resync path. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiffBenchmark {

  private DesiredState desired;
  private ObservedState observed;

  /**
   * Builds the inputs.
   *
   * @throws Exception on JSON errors
   */
  @Setup
  public void setup() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ResourceKey owner = new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", "w");
    ResourceKey dep = new ResourceKey("apps", "v1", "Deployment", "default", "w");
    ResourceKey cm = new ResourceKey("", "v1", "ConfigMap", "default", "w-config");
    ObjectNode d = (ObjectNode) json.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"w\",\"labels\":{\"app\":\"w\"}},"
        + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"w\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"w\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"w\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":8080}]}]}}}}");
    ObjectNode c = (ObjectNode) json.readTree("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"w-config\"},\"data\":{\"greeting\":\"hello\",\"color\":\"blue\"}}");
    ObjectNode dObs = d.deepCopy();
    ((ObjectNode) dObs.get("metadata")).put("resourceVersion", "42").put("uid", "u");
    ((ObjectNode) dObs.get("spec")).put("progressDeadlineSeconds", 600).put("revisionHistoryLimit", 10);
    desired = new DesiredState(owner, List.of(new ChildResource(cm, c, true), new ChildResource(dep, d, true)), json.createObjectNode());
    observed = new ObservedState(Map.of(dep, dObs, cm, c.deepCopy()));
  }

  /**
   * One diff.
   *
   * @return the actions (empty)
   */
  @Benchmark
  public List<Action> steadyStateDiff() {
    return OperatorRuntime.diff(desired, observed);
  }
}

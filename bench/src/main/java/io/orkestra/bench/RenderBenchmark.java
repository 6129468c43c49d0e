package io.orkestra.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.katalog.KatalogInterpreter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Interpreting one custom resource with the quickstart Katalog (a ConfigMap, a Deployment and a
 * Service, plus two status fields): the desired state computed on every reconcile. Target: at
 * least 100,000 renders per second on one core. Run from the repository root ({@code bench/run}
 * does) or set {@code -p katalog=DIR}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RenderBenchmark {

  /** The Katalog directory; its {@code cr.yaml} provides the custom resource. */
  @Param("examples/quickstart")
  public String katalog;

  private CompiledOperator operator;
  private ObjectNode cr;
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** Loads the Katalog (parsing every template once) and reads the first custom resource. */
  @Setup
  public void setup() {
    Path dir = Path.of(katalog);
    operator = KatalogInterpreter.load(dir).get(0);
    cr = KatalogInterpreter.readManifests(dir.resolve("cr.yaml")).get(0);
  }

  /**
   * One interpretation.
   *
   * @return the desired state (three children and the status)
   */
  @Benchmark
  public DesiredState renderQuickstart() {
    return operator.interpret(cr, ObservedState.empty(), clock);
  }
}

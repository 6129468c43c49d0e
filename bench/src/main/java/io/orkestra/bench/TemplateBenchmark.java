package io.orkestra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.KatalogInterpreter;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluating a simple compiled template, <code>{{ .spec.name }}-{{ .metadata.namespace }}</code>,
 * against a custom resource (parsing happens once, in setup). Target: at least 1,000,000
 * evaluations per second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TemplateBenchmark {

  private Function<ObjectNode, String> template;
  private ObjectNode cr;

  /**
   * Compiles the template and builds the resource.
   *
   * @throws Exception on JSON errors
   */
  @Setup
  public void setup() throws Exception {
    template = KatalogInterpreter.compileTemplate("{{ .spec.name }}-{{ .metadata.namespace }}");
    cr =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"apiVersion\":\"demo.orkestra.io/v1\",\"kind\":\"WebApp\",\"metadata\":"
                        + "{\"name\":\"shop\",\"namespace\":\"prod\",\"uid\":\"u-1\",\"generation\":3},"
                        + "\"spec\":{\"name\":\"front\",\"image\":\"nginx:1.27\",\"replicas\":2}}");
  }

  /**
   * One evaluation.
   *
   * @return the rendered text ({@code front-prod})
   */
  @Benchmark
  public String simpleTemplate() {
    return template.apply(cr);
  }
}

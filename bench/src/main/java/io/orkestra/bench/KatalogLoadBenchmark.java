package io.orkestra.bench;

import io.orkestra.core.CompiledOperator;
import io.orkestra.katalog.KatalogInterpreter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Loading and fully validating a Katalog with many CRD entries (what {@code ork validate} and
 * every {@code ork run} start do): YAML parsing with positions, the key-tree check, binding, and
 * compiling every template. The fixture is generated: {@code crds} entries, each with apiTypes, a
 * {@code dependsOn}, a ConfigMap, a Deployment (with env) and a Service and two status fields,
 * about 30 templates per entry. Target: under 300 ms per load of 50 entries, warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KatalogLoadBenchmark {

  /** Number of CRD entries in the generated Katalog. */
  @Param("50")
  public int crds;

  private Path dir;
  private Path katalog;

  /** Writes the generated Katalog into a temporary directory. */
  @Setup
  public void setup() {
    try {
      dir = Files.createTempDirectory("ork-load-bench");
      katalog = dir.resolve("katalog.yaml");
      Files.writeString(katalog, katalog(crds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the temporary directory. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(katalog);
    Files.deleteIfExists(dir);
  }

  /**
   * One load with full validation.
   *
   * @return one operator per CRD entry
   */
  @Benchmark
  public List<CompiledOperator> loadAndValidate() {
    return KatalogInterpreter.load(katalog);
  }

  /**
   * The generated Katalog text.
   *
   * @param count number of CRD entries
   * @return YAML
   */
  public static String katalog(int count) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\n")
        .append("metadata:\n  name: load-bench\nspec:\n  crds:\n");
    for (int i = 0; i < count; i++) {
      String kind = "Service" + i;
      y.append("    svc-").append(i).append(":\n")
          .append("      description: Generated entry ").append(i).append("\n")
          .append("      apiTypes: {group: bench.orkestra.io, version: v1, kind: ").append(kind)
          .append(", plural: ").append(kind.toLowerCase(java.util.Locale.ROOT)).append("s}\n");
      if (i > 0) {
        y.append("      dependsOn: [svc-").append(i - 1).append("]\n");
      }
      y.append("""
                operatorBox:
                  reconcile:
                    workers: 2
                    resync: 1m
                    onCreate:
                      configMaps:
                        - name: "{{ .metadata.name }}-config"
                          data:
                            app.properties: "name={{ .metadata.name }}\\nns={{ .metadata.namespace }}"
                            greeting: "{{ .spec.greeting | default \\"hello\\" | upper }}"
                    onReconcile:
                      deployments:
                        - name: "{{ .metadata.name }}"
                          image: "{{ .spec.image | default \\"nginx:1.27\\" }}"
                          replicas: "{{ .spec.replicas | default 1 }}"
                          port: "8080"
                          labels:
                            app.kubernetes.io/name: "{{ .metadata.name }}"
                            app.kubernetes.io/part-of: "{{ .spec.team | default \\"core\\" }}"
                          env:
                            - name: MODE
                              value: "{{ if .spec.debug }}debug{{ else }}normal{{ end }}"
                            - name: NAMESPACE
                              value: "{{ .metadata.namespace }}"
                      services:
                        - name: "{{ .metadata.name }}"
                          port: "80"
                          targetPort: "8080"
                  emit:
                    status:
                      fields:
                        - path: endpoint
                          value: "{{ .metadata.name }}.{{ .metadata.namespace }}.svc"
                        - path: replicas
                          type: int
                          value: "{{ .spec.replicas | default 1 }}"
          """);
    }
    return y.toString();
  }
}

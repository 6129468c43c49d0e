package io.orkestra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.CompiledOperator;
import io.orkestra.katalog.KatalogInterpreter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated fixture of {@link KatalogLoadBenchmark} is a valid Katalog of the asked size. */
class KatalogLoadBenchmarkTest {

  @Test
  void fixtureLoadsIntoOneOperatorPerEntryWithThreeChildKinds() throws Exception {
    KatalogLoadBenchmark bench = new KatalogLoadBenchmark();
    bench.crds = 50;
    bench.setup();
    try {
      List<CompiledOperator> ops = bench.loadAndValidate();

      assertThat(ops).hasSize(50);
      assertThat(ops.get(49).spec().kind()).isEqualTo("Service49");
      assertThat(KatalogInterpreter.childKinds(ops.get(0)))
          .containsExactly("ConfigMap", "Deployment", "Service");
    } finally {
      bench.tearDown();
    }
  }
}

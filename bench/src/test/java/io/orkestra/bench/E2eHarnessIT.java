package io.orkestra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The harness itself works: a small run reconciles and acknowledges every resource. */
class E2eHarnessIT {

  @Test
  void reconcilesAndAcknowledgesEveryResource() throws Exception {
    E2eHarness.Result r = E2eHarness.run(Path.of("../examples/quickstart"), 25, 4);
    assertThat(r.acknowledged()).isEqualTo(25);
    assertThat(r.latency().getTotalCount()).isEqualTo(25);
    assertThat(r.throughput()).isPositive();
    assertThat(r.report()).contains("25/25 CRs");
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every example under examples/simulate passes {@code ork simulate} and loads with validate. */
class SimulateExamplesTest {

  private static final Path EXAMPLES = Path.of("../examples/simulate");

  private static List<Path> exampleDirs() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(d -> Files.exists(d.resolve("simulate.yaml"))).sorted().toList();
    }
  }

  @Test
  void thereAreAtLeastTenExamples() throws IOException {
    assertThat(exampleDirs()).hasSizeGreaterThanOrEqualTo(17)
        .allSatisfy(d -> assertThat(d.resolve("katalog.yaml")).exists());
    assertThat(exampleDirs()).extracting(d -> d.getFileName().toString())
        .contains("status-state-machine", "admission-deny-warn", "conversion", "time-conditions");
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePasses() throws IOException {
    return exampleDirs().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> {
          OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", dir.toString());
          assertThat(r.code()).as(r.out() + r.err()).isZero();
          assertThat(r.out()).contains("PASS: ").doesNotContain("\u2717");
          OrkCliTest.Run v = OrkCliTest.ork("validate", "-f", dir.resolve("katalog.yaml").toString());
          assertThat(v.code()).as(v.out() + v.err()).isZero();
          OrkCliTest.Run s = OrkCliTest.ork("validate", "-f", dir.resolve("simulate.yaml").toString());
          assertThat(s.code()).as(s.out() + s.err()).isZero();
          assertThat(s.out()).contains("valid Simulate");
        }));
  }

  @Test
  void theAggregatorRunsEveryExample() throws IOException {
    OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", EXAMPLES.toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    int n = exampleDirs().size();
    assertThat(r.out()).contains("PASS: " + n + "/" + n + " simulate files passed");
  }
}

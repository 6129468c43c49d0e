package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example the README's first command runs ({@code examples/quickstart} at the repository root,
 * read in place so the example cannot drift from what is tested).
 */
class QuickstartExampleTest {

  /** Surefire runs in the module directory. */
  static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

  @Test
  void loadsTheQuickstartDirectory() {
    List<CompiledOperator> ops = KatalogInterpreter.load(QUICKSTART);

    assertThat(ops)
        .singleElement()
        .satisfies(
            op -> {
              assertThat(op.spec().name()).isEqualTo("webapp");
              assertThat(op.spec().katalogName()).isEqualTo("webapp-quickstart");
              assertThat(op.spec().apiVersion()).isEqualTo("demo.orkestra.io/v1");
              assertThat(op.spec().kind()).isEqualTo("WebApp");
              assertThat(op.spec().plural()).isEqualTo("webapps");
              assertThat(op.spec().namespaced()).isTrue();
              assertThat(op.spec().workers()).isEqualTo(2);
              assertThat(op.spec().crd()).isPresent();
              assertThat(op.spec().crFiles())
                  .containsExactly(QUICKSTART.resolve("cr.yaml").toAbsolutePath().normalize());
            });
  }

  @Test
  void rendersTheFirstWebAppAsInTheGoldenFile() {
    CompiledOperator op = KatalogInterpreter.load(QUICKSTART).get(0);
    ObjectNode webapp1 = KatalogInterpreter.readManifests(op.spec().crFiles().get(0)).get(0);

    DesiredState state = Fixtures.interpret(op, webapp1);

    Fixtures.assertGolden("quickstart/webapp-1.expected.json", Fixtures.toJson(state));
  }

  @Test
  void rendersAllThreeWebAppsWithDefaultsWhereSpecFieldsAreMissing() {
    CompiledOperator op = KatalogInterpreter.load(QUICKSTART).get(0);
    List<ObjectNode> crs = KatalogInterpreter.readManifests(op.spec().crFiles().get(0));

    assertThat(crs).hasSize(3);
    DesiredState third = Fixtures.interpret(op, crs.get(2));
    assertThat(third.children())
        .extracting(c -> c.key().kind() + " " + c.key().name() + " drift=" + c.drift())
        .containsExactly(
            "ConfigMap webapp-3-content drift=false",
            "Deployment webapp-3 drift=true",
            "Service webapp-3 drift=true");
    assertThat(third.status().path("replicas").intValue()).isEqualTo(1);
  }
}

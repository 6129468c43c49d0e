package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.katalog.Fixtures;
import io.orkestra.katalog.KatalogInterpreter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Templates are parsed when the Katalog is loaded, never per custom resource: interpreting many
 * resources leaves the parser's invocation counter unchanged.
 */
class ParseOnceTest {

  @Test
  void interpretingAThousandResourcesNeverCallsTheParser() {
    long beforeLoad = Parser.invocations();
    CompiledOperator op = KatalogInterpreter.load(Path.of("..", "examples", "quickstart")).get(0);
    long afterLoad = Parser.invocations();
    ObjectNode template = KatalogInterpreter.readManifests(op.spec().crFiles().get(0)).get(0);

    for (int i = 0; i < 1000; i++) {
      ObjectNode cr = template.deepCopy();
      ((ObjectNode) cr.path("metadata")).put("name", "webapp-" + i);
      DesiredState state = op.interpret(cr, ObservedState.empty(), Fixtures.CLOCK);
      assertThat(state.children().get(1).key().name()).isEqualTo("webapp-" + i);
    }

    assertThat(afterLoad - beforeLoad).as("templates parsed at load").isGreaterThanOrEqualTo(10);
    assertThat(Parser.invocations()).as("parses after load").isEqualTo(afterLoad);
  }
}

package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.DesiredState;
import io.orkestra.katalog.Fixtures;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Conditions ({@code when}/{@code or}) on resources and status fields: one ConfigMap per operator
 * case in {@code fixtures/render/conditions/katalog.yaml}, named {@code *-yes} when it must be
 * desired and {@code *-no} when not.
 */
class ConditionEvaluatorTest {

  private static final Pattern NAME = Pattern.compile("name: ([a-z-]+),");

  private static DesiredState render() {
    return Fixtures.interpret(
        Fixtures.operator("render/conditions/katalog.yaml"),
        Fixtures.cr("render/conditions/cr.yaml", 0));
  }

  private static List<String> declared() throws Exception {
    String yaml =
        java.nio.file.Files.readString(Fixtures.path("render/conditions/katalog.yaml"));
    return NAME.matcher(yaml).results().map(m -> m.group(1)).collect(Collectors.toList());
  }

  @Test
  void desiresExactlyTheChildrenWhoseConditionsPass() throws Exception {
    List<String> declared = declared();
    List<String> desired =
        render().children().stream().map(c -> c.key().name()).collect(Collectors.toList());

    assertThat(declared).hasSizeGreaterThan(70).anyMatch(n -> n.endsWith("-no"));
    assertThat(desired)
        .containsExactlyInAnyOrderElementsOf(
            declared.stream().filter(n -> n.endsWith("-yes")).collect(Collectors.toList()));
  }

  /**
   * Every field operator has a case that must pass and one that must fail in the fixture ({@code
   * unique} cannot fail without the other instances: AdmissionTest covers its false case; the time
   * operators are covered by TimeConditionsTest).
   */
  @Test
  void everyOperatorHasATrueAndAFalseCase() throws Exception {
    List<String> lines =
        java.nio.file.Files.readAllLines(Fixtures.path("render/conditions/katalog.yaml"));
    for (io.orkestra.katalog.internal.model.ConditionOperator op :
        io.orkestra.katalog.internal.model.ConditionOperator.values()) {
      if (op.timeBased()) {
        continue;
      }
      Pattern uses = Pattern.compile("[{ ,]" + op.yamlName() + ": |operator: " + op.yamlName() + "[,}]");
      List<String> cases =
          lines.stream().filter(l -> uses.matcher(l).find()).collect(Collectors.toList());
      assertThat(cases).as("a true case for %s", op.yamlName()).anyMatch(l -> l.contains("-yes,"));
      if (op != io.orkestra.katalog.internal.model.ConditionOperator.UNIQUE) {
        assertThat(cases).as("a false case for %s", op.yamlName()).anyMatch(l -> l.contains("-no,"));
      }
    }
  }

  @Test
  void writesConditionalStatusFieldsLaterWinningAndClearsOnFalse() {
    assertThat(render().status())
        .hasToString("{\"phase\":\"Ready\",\"note\":\"\",\"alt\":\"ok\"}");
  }

  @Test
  void skipsEveryResourceOfABlockWhoseConditionsFail() {
    DesiredState state =
        Fixtures.interpret(
            Fixtures.operator("render/conditions/blocks.yaml"),
            Fixtures.cr("render/conditions/cr.yaml", 0));

    assertThat(state.children()).extracting(c -> c.key().name()).containsExactly("created-yes");
  }
}

package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template conformance table {@code fixtures/template/conformance.txt}: each line a template and
 * the output (or error) Go's {@code text/template} semantics give for it, with the source of the
 * expectation in the comment above its group. The data is {@code fixtures/template/data.json}.
 */
class ConformanceTest {

  private static JsonNode data;

  @BeforeAll
  static void readData() throws IOException {
    data = TemplateTable.data("data.json");
  }

  static Stream<Arguments> cases() throws IOException {
    return TemplateTable.cases("conformance.txt");
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("cases")
  void rendersLikeGoTextTemplate(int line, String template, String expected, String source) {
    TemplateTable.check(data, line, template, expected, source);
  }

  @Test
  void tableHasAtLeast150CasesEachWithASource() throws IOException {
    List<Arguments> all = cases().toList();

    assertThat(all).hasSizeGreaterThanOrEqualTo(150);
    assertThat(all).allSatisfy(a -> assertThat((String) a.get()[3]).startsWith("source:"));
  }
}

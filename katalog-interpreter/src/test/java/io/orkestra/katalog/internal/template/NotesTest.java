package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.orkestra.katalog.internal.support.SourcePos;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The notes table {@code fixtures/template/notes.txt} and what a table cannot show. */
class NotesTest {

  private static JsonNode data;

  @BeforeAll
  static void readData() throws IOException {
    data = TemplateTable.data("notes-data.json");
  }

  static Stream<Arguments> cases() throws IOException {
    return TemplateTable.cases("notes.txt");
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("cases")
  void computesWhatTheNoteDefines(int line, String template, String expected, String source) {
    TemplateTable.check(data, line, template, expected, source);
  }

  @Test
  void everyNoteHasACaseInTheTable() throws IOException {
    String templates =
        cases().map(a -> (String) a.get()[1]).collect(Collectors.joining("\n"));

    assertThat(Notes.all())
        .hasSizeGreaterThanOrEqualTo(100)
        .allSatisfy(
            f ->
                assertThat(templates)
                    .as("a case for %s", f.name())
                    .containsPattern("[({|] *" + f.name() + "[ )}]"));
  }

  /** Every registered function (Go built-ins, notes) is exercised by a case of some table. */
  @Test
  void everyRegisteredFunctionHasACaseInATable() throws IOException {
    String templates =
        Stream.concat(cases(), TemplateTable.cases("conformance.txt"))
            .map(a -> (String) a.get()[1])
            .collect(Collectors.joining("\n"));

    assertThat(FunctionTable.builtins().names())
        .contains("call", "quote")
        .allSatisfy(
            name ->
                assertThat(templates)
                    .as("a case for %s", name)
                    .containsPattern("[({|] *" + name + "[ )}]"));
  }

  @Test
  void randomNotesAreReproducibleWithASeededSource() {
    Template t =
        Template.compile(
            "t",
            "{{ randomAlphanumeric 20 }}/{{ randomHex 8 }}",
            SourceMap.linear(new SourcePos("t", 1, 1)),
            FunctionTable.builtins());
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    JsonNode empty = JsonNodeFactory.instance.objectNode();

    String first = t.render(new Scope(empty, clock, new SplittableRandom(7)));
    String again = t.render(new Scope(empty, clock, new SplittableRandom(7)));
    String other = t.render(new Scope(empty, clock, new SplittableRandom(8)));

    assertThat(first).isEqualTo(again).matches("[A-Za-z0-9]{20}/[0-9a-f]{8}");
    assertThat(other).isNotEqualTo(first);
  }
}

package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.katalog.Fixtures;
import io.orkestra.katalog.internal.support.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads template tables ({@code fixtures/template/*.txt}): each line a template and the output (or
 * error) expected for it, with the source of the expectation in the comment above its group.
 */
final class TemplateTable {

  private TemplateTable() {}

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private static final String ERROR = "!error: ";

  static Stream<Arguments> cases(String file) throws IOException {
    List<String> lines =
        Files.readAllLines(Fixtures.path("template/" + file), StandardCharsets.UTF_8);
    List<Arguments> cases = new ArrayList<>();
    String source = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# source:")) {
        source = line.substring(2);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int sep = line.indexOf(" => ");
      assertThat(sep).as("line %d has ' => '", i + 1).isPositive();
      cases.add(
          Arguments.of(
              i + 1, unescape(line.substring(0, sep)), unescape(line.substring(sep + 4)), source));
    }
    return cases.stream();
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static JsonNode data(String file) throws IOException {
    return new ObjectMapper().readTree(Fixtures.path("template/" + file).toFile());
  }

  static void check(JsonNode data, int line, String template, String expected, String source) {
    Scope scope = new Scope(data, CLOCK, new SplittableRandom(42));
    if (expected.startsWith(ERROR)) {
      assertThatThrownBy(
              () ->
                  Template.compile(
                          "t", template, SourceMap.linear(new SourcePos("c.txt", line, 1)),
                          FunctionTable.builtins())
                      .render(scope))
          .as("line %d (%s)", line, source)
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining(expected.substring(ERROR.length()));
    } else {
      String out =
          Template.compile(
                  "t", template, SourceMap.linear(new SourcePos("c.txt", line, 1)),
                  FunctionTable.builtins())
              .render(scope);
      assertThat(out).as("line %d (%s)", line, source).isEqualTo(expected);
    }
  }
}

package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.katalog.internal.support.SourcePos;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Compiling and evaluating templates against a custom resource. */
class TemplateTest {

  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private static final SourcePos START = new SourcePos("k.yaml", 7, 10);
  private static final JsonNode CR =
      json(
          "{\"metadata\": {\"name\": \"web\", \"namespace\": \"prod\", \"labels\": {\"b\": \"2\","
              + " \"a\": \"1\"}}, \"spec\": {\"replicas\": 3, \"ratio\": 0.5, \"big\": 1000000.0,"
              + " \"on\": true, \"zero\": 0, \"empty\": \"\", \"nothing\": null, \"image\":"
              + " \"nginx\", \"ports\": [80, 443], \"name\": \"Shop Front\"}}");

  private static JsonNode json(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Template compile(String source) {
    return Template.compile("test", source, SourceMap.linear(START), FunctionTable.builtins());
  }

  private static String render(String source) {
    return compile(source).render(new Scope(CR, CLOCK));
  }

  @Test
  void returnsTextWithoutActionsVerbatimWithoutParsing() {
    long before = Parser.invocations();

    Template t = compile("plain {text} with } braces");

    assertThat(t.isLiteral()).isTrue();
    assertThat(t.render(new Scope(CR, CLOCK))).isEqualTo("plain {text} with } braces");
    assertThat(Parser.invocations()).isEqualTo(before);
  }

  @Test
  void readsFieldChainsOfTheResource() {
    assertThat(render("{{ .metadata.name }}-{{ .metadata.namespace }}")).isEqualTo("web-prod");
    assertThat(render("{{ $.spec.image }}")).isEqualTo("nginx");
    assertThat(render("{{ (.metadata).name }}")).isEqualTo("web");
  }

  @Test
  void printsValuesAsGoDoes() {
    assertThat(render("{{ .spec.replicas }} {{ .spec.ratio }} {{ .spec.big }} {{ .spec.on }}"))
        .isEqualTo("3 0.5 1e+06 true");
    assertThat(render("{{ .spec.ports }} {{ .metadata.labels }}"))
        .isEqualTo("[80 443] map[a:1 b:2]");
    assertThat(render("{{ 42 }} {{ 1.0 }} {{ \"s\" }} {{ true }} {{ 'a' }}"))
        .isEqualTo("42 1 s true 97");
  }

  @Test
  void passesEachCommandsValueAsTheLastArgumentOfTheNext() {
    assertThat(render("{{ .spec.name | lower | quote }}")).isEqualTo("\"shop front\"");
    assertThat(render("{{ .spec.name | printf \"%s!\" | upper }}")).isEqualTo("SHOP FRONT!");
    assertThat(render("{{ printf \"%s-%s\" (.metadata.name | upper) .spec.image }}"))
        .isEqualTo("WEB-nginx");
  }

  @Test
  void trimsWhiteSpaceAroundTrimMarkers() {
    assertThat(render("a \n  {{- .metadata.name -}}  \n b")).isEqualTo("awebb");
    assertThat(render("a {{- .metadata.name }} b")).isEqualTo("aweb b");
    assertThat(render("a {{/* comment */}} b")).isEqualTo("a  b");
  }

  @Test
  void callsTheBuiltinFunctions() {
    assertThat(
            render(
                "{{ upper \"abc\" }} {{ toUpper \"d\" }} {{ lower \"ABC\" }} {{ toLower \"D\" }}"))
        .isEqualTo("ABC D abc d");
    assertThat(render("{{ quote \"a\" 1 \"say \\\"hi\\\"\" }}"))
        .isEqualTo("\"a\" \"1\" \"say \\\"hi\\\"\"");
    assertThat(
            render(
                "{{ printf \"%s has %d replicas (%v)\" .metadata.name .spec.replicas .spec.on }}"))
        .isEqualTo("web has 3 replicas (true)");
    assertThat(render("{{ upper .spec.replicas }}")).isEqualTo("3");
  }

  @Test
  void defaultReplacesEmptyAndMissingValuesInBothForms() {
    assertThat(render("{{ .spec.missing | default 1 }}")).isEqualTo("1");
    assertThat(render("{{ default 1 .spec.missing }}")).isEqualTo("1");
    assertThat(render("{{ .spec.deeply.missing.field | default \"x\" }}")).isEqualTo("x");
    assertThat(render("{{ .spec.nothing | default \"null\" }}")).isEqualTo("null");
    assertThat(render("{{ .spec.zero | default 5 }} {{ .spec.empty | default \"e\" }}"))
        .isEqualTo("5 e");
    assertThat(render("{{ .spec.replicas | default 1 }}")).isEqualTo("3");
    assertThat(render("{{ default \"d\" }}")).isEqualTo("d");
  }

  @Test
  void failsOnAMissingFieldNamingItAndItsPosition() {
    Template t = compile("name: {{ .spec.replicas2 }}");

    assertThatThrownBy(() -> t.render(new Scope(CR, CLOCK)))
        .isInstanceOfSatisfying(
            TemplateEvaluationException.class,
            e -> {
              assertThat(e.pos()).isEqualTo(new SourcePos("k.yaml", 7, 19));
              assertThat(e.reason()).isEqualTo("template refers to missing field .spec.replicas2");
            })
        .hasMessage("k.yaml:7:19: template refers to missing field .spec.replicas2");
  }

  @Test
  void failsWhenAMissingFieldReachesAFunctionThatDoesNotAcceptIt() {
    assertThatThrownBy(() -> render("{{ .spec.gone | upper }}"))
        .hasMessage("k.yaml:7:13: template refers to missing field .spec.gone");
    assertThatThrownBy(() -> render("{{ .spec.nothing }}"))
        .hasMessage("k.yaml:7:13: template refers to missing field .spec.nothing");
  }

  @Test
  void failsOnFieldsOfScalars() {
    assertThatThrownBy(() -> render("{{ .spec.image.tag }}"))
        .hasMessage("k.yaml:7:13: can't evaluate field tag in type string (in .spec.image.tag)");
  }

  @Test
  void reportsFunctionErrorsAtTheCall() {
    assertThatThrownBy(() -> render("{{ printf 3 }}"))
        .hasMessage("k.yaml:7:13: error calling printf: format must be a string, got int64 3");
  }

  @Test
  void reportsSyntaxErrorsWithTheirFilePosition() {
    assertThatThrownBy(() -> compile("ok {{ .x | frobnicate }}"))
        .isInstanceOfSatisfying(
            TemplateSyntaxException.class,
            e -> assertThat(e.pos()).isEqualTo(new SourcePos("k.yaml", 7, 21)))
        .hasMessage("k.yaml:7:21: unknown function 'frobnicate'");
  }

  @Test
  void evaluatesTheSameCompiledTemplateForManyResources() {
    Template t = compile("{{ .metadata.name }}");

    for (int i = 0; i < 100; i++) {
      JsonNode cr = json("{\"metadata\": {\"name\": \"cr-" + i + "\"}}");
      assertThat(t.render(new Scope(cr, CLOCK))).isEqualTo("cr-" + i);
    }
  }
}

package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's functions and cross-file defines, available only when rendering a chart. */
class HelmTemplatesTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static ObjectNode context(String valuesJson) throws Exception {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.set("Values", new ObjectMapper().readTree(valuesJson));
    root.putObject("Release").put("Name", "r");
    return root;
  }

  private static String render(String partial, String template, String values) throws Exception {
    List<HelmTemplates.Rendered> out =
        HelmTemplates.render(
            partial == null ? List.of() : List.of(new HelmTemplates.Source("_h.tpl", "c/templates/_h.tpl", partial)),
            List.of(new HelmTemplates.Source("t.yaml", "c/templates/t.yaml", template)),
            context(values),
            CLOCK);
    return out.get(0).text();
  }

  @Test
  void includeCallsADefineOfAnotherFileWithTheGivenData() throws Exception {
    String out =
        render(
            "{{- define \"labels\" -}}\napp: {{ .name }}\ntier: {{ .tier }}\n{{- end }}",
            "labels:{{ include \"labels\" .Values | nindent 2 }}",
            "{\"name\":\"web\",\"tier\":\"front\"}");

    assertThat(out).isEqualTo("labels:\n  app: web\n  tier: front");
  }

  @Test
  void templateActionsMayCallDefinesOfOtherFiles() throws Exception {
    assertThat(render("{{ define \"x\" }}X{{ .Release.Name }}{{ end }}", "[{{ template \"x\" . }}]", "{}"))
        .isEqualTo("[Xr]");
  }

  @Test
  void toYamlIndentAndTplRenderLikeHelm() throws Exception {
    assertThat(render(null, "{{ toYaml .Values.m | indent 2 }}", "{\"m\":{\"a\":1,\"b\":[\"x\"]}}"))
        .isEqualTo("  a: 1\n  b:\n  - x");
    assertThat(render(null, "{{ tpl .Values.t . }}", "{\"t\":\"hi {{ .Values.n }}\",\"n\":\"there\"}"))
        .isEqualTo("hi there");
    assertThat(render(null, "{{ (fromYaml \"a: {b: 2}\").a.b }}", "{}")).isEqualTo("2");
  }

  @Test
  void dictHasKeySquoteTruncAndB64enc() throws Exception {
    assertThat(render(null, "{{ hasKey (dict \"a\" 1) \"a\" }} {{ squote \"x\" }} {{ trunc 3 \"abcdef\" }} {{ b64enc \"hi\" }}", "{}"))
        .isEqualTo("true 'x' abc aGk=");
  }

  @Test
  void requiredAndFailStopWithTheirMessageAtTheCall() {
    assertThatThrownBy(() -> render(null, "a\nb: {{ required \"b is required\" .Values.b }}", "{}"))
        .isInstanceOfSatisfying(
            TemplateEvaluationException.class,
            e -> {
              assertThat(e.pos().file()).isEqualTo("t.yaml");
              assertThat(e.pos().line()).isEqualTo(2);
              assertThat(e.reason()).contains("b is required");
            });
    assertThatThrownBy(() -> render(null, "{{ fail \"no\" }}", "{}"))
        .isInstanceOf(TemplateEvaluationException.class)
        .hasMessageContaining("no");
  }

  @Test
  void anErrorInsideAnIncludedDefineNamesTheDefiningFile() {
    assertThatThrownBy(
            () -> render("{{ define \"d\" }}\n{{ .missing.deep | upper }}{{ end }}", "{{ include \"d\" . }}", "{}"))
        .isInstanceOfSatisfying(
            TemplateEvaluationException.class,
            e -> assertThat(e.reason()).contains("template \"d\" at _h.tpl:2:"));
  }

  @Test
  void helmFunctionsDoNotLeakIntoTheOrkestraTable() {
    assertThat(FunctionTable.builtins().lookup("include")).isEmpty();
    assertThat(FunctionTable.builtins().lookup("toYaml")).isEmpty();
  }

  @Test
  void includeRecursionIsBounded() {
    assertThatThrownBy(() -> render("{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}", "{{ include \"loop\" . }}", "{}"))
        .isInstanceOfSatisfying(
            TemplateEvaluationException.class,
            e -> assertThat(e.reason()).isEqualTo("error calling include: include/tpl calls nest deeper than 100"));
  }
}

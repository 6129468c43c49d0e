package io.orkestra.katalog.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  private final Problems problems = new Problems();

  private YMap read(String yaml) {
    List<YNode> docs = YamlReader.readAll("f.yaml", yaml, problems);
    assertThat(docs).hasSize(1);
    return (YMap) docs.get(0);
  }

  private List<Diagnostic> diagnostics() {
    try {
      problems.throwIfAny();
      return List.of();
    } catch (KatalogException e) {
      return e.diagnostics();
    }
  }

  @Test
  void keepsPositionsAndPathsOfKeysAndValues() {
    YMap root = read("spec:\n  crds:\n    web:\n      items: [a, {b: c}]\n");

    YMap web = (YMap) ((YMap) ((YMap) root.get("spec")).get("crds")).get("web");
    YSeq items = (YSeq) web.get("items");
    assertThat(web.entry("items").keyPos()).isEqualTo(new SourcePos("f.yaml", 4, 7));
    assertThat(items.path()).isEqualTo("spec.crds.web.items");
    assertThat(items.items().get(1).path()).isEqualTo("spec.crds.web.items[1]");
    assertThat(((YMap) items.items().get(1)).get("b").pos())
        .isEqualTo(new SourcePos("f.yaml", 4, 22));
  }

  @Test
  void resolvesScalarTypesAndKeepsTheirText() {
    YMap root = read("a: 3\nb: \"3\"\nc: 1.50\nd: true\ne: ~\nf:\ng: \"\"\n");

    assertThat(((YScalar) root.get("a")).value().isInt()).isTrue();
    assertThat(((YScalar) root.get("b")).value().isTextual()).isTrue();
    assertThat(((YScalar) root.get("c")).text()).isEqualTo("1.50");
    assertThat(((YScalar) root.get("d")).value().booleanValue()).isTrue();
    assertThat(((YScalar) root.get("e")).isNull()).isTrue();
    assertThat(((YScalar) root.get("f")).isNull()).isTrue();
    assertThat(((YScalar) root.get("g")).value().isTextual()).as("quoted empty").isTrue();
  }

  @Test
  void mapsOffsetsInsideScalarsToFilePositions() {
    YMap root =
        read(
            "p: x {{ y }}\n"
                + "d: \"\\t{{ y }}\"\n"
                + "s: 'it''s {{ y }}'\n"
                + "l: |\n"
                + "  one\n"
                + "    {{ y }}\n"
                + "f: >\n"
                + "  folded {{ y }}\n");

    assertThat(((YScalar) root.get("p")).posAt(2)).isEqualTo(new SourcePos("f.yaml", 1, 6));
    assertThat(((YScalar) root.get("d")).posAt(0)).isEqualTo(new SourcePos("f.yaml", 2, 5));
    assertThat(((YScalar) root.get("d")).posAt(1)).isEqualTo(new SourcePos("f.yaml", 2, 7));
    assertThat(((YScalar) root.get("s")).posAt(5)).isEqualTo(new SourcePos("f.yaml", 3, 11));
    assertThat(((YScalar) root.get("l")).posAt(6)).isEqualTo(new SourcePos("f.yaml", 6, 5));
    assertThat(((YScalar) root.get("f")).posAt(7))
        .as("folded: start of the scalar")
        .isEqualTo(new SourcePos("f.yaml", 7, 4));
    assertThat(((YScalar) root.get("l")).style()).isEqualTo(ScalarStyle.LITERAL);
  }

  @Test
  void readsEveryDocument() {
    List<YNode> docs = YamlReader.readAll("f.yaml", "a: 1\n---\n---\nb: 2\n", problems);

    assertThat(docs).hasSize(3);
    assertThat(docs.get(1))
        .isInstanceOfSatisfying(YScalar.class, s -> assertThat(s.isNull()).isTrue());
    assertThat(((YMap) docs.get(2)).get("b").pos().line()).isEqualTo(4);
  }

  @Test
  void resolvesAliasesToTheirAnchors() {
    YMap root = read("base: &b {image: nginx}\ncopy: *b\n");

    assertThat(root.get("copy")).isSameAs(root.get("base"));
    assertThat(root.toJson().path("copy").path("image").asText()).isEqualTo("nginx");
  }

  @Test
  void reportsDuplicateKeysAndKeepsTheFirstValue() {
    YMap root = read("a: 1\nb: 2\na: 3\n");

    assertThat(((YScalar) root.get("a")).text()).isEqualTo("1");
    assertThat(diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "f.yaml:3:1: duplicate key 'a' in the document root (first defined at line 1)");
  }

  @Test
  void reportsSyntaxErrorsWithTheirPosition() {
    List<YNode> docs = YamlReader.readAll("f.yaml", "a: b\n  c: d\n", problems);

    assertThat(docs).isEmpty();
    assertThat(diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly("f.yaml:2:4: invalid YAML: mapping values are not allowed here");
  }
}

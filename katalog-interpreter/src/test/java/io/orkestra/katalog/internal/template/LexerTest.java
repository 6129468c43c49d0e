package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static List<String> kinds(String input) {
    return Lexer.lex(input).stream()
        .map(
            t ->
                t.kind()
                    + (t.kind() == TokenKind.SPACE || t.kind() == TokenKind.EOF
                        ? ""
                        : "(" + t.text() + ")"))
        .collect(Collectors.toList());
  }

  @Test
  void splitsTextAndActions() {
    assertThat(kinds("a {{ .spec.x | quote }} b"))
        .containsExactly(
            "TEXT(a )",
            "LEFT_DELIM({{)",
            "SPACE",
            "FIELD(.spec)",
            "FIELD(.x)",
            "SPACE",
            "PIPE(|)",
            "SPACE",
            "IDENTIFIER(quote)",
            "SPACE",
            "RIGHT_DELIM(}})",
            "TEXT( b)",
            "EOF");
  }

  @Test
  void lexesLiteralsAndPunctuation() {
    assertThat(kinds("{{(printf \"%d\" 0x1F `raw` 'c' 1.5e3 -2 true nil $ . , := =)}}"))
        .filteredOn(s -> !s.equals("SPACE"))
        .containsExactly(
            "LEFT_DELIM({{)",
            "LEFT_PAREN(()",
            "IDENTIFIER(printf)",
            "STRING(\"%d\")",
            "NUMBER(0x1F)",
            "RAW_STRING(`raw`)",
            "CHAR('c')",
            "NUMBER(1.5e3)",
            "NUMBER(-2)",
            "BOOL(true)",
            "NIL(nil)",
            "VARIABLE($)",
            "DOT(.)",
            "COMMA(,)",
            "DECLARE(:=)",
            "ASSIGN(=)",
            "RIGHT_PAREN())",
            "RIGHT_DELIM(}})",
            "EOF");
  }

  @Test
  void appliesTrimMarkersToTheSurroundingText() {
    assertThat(kinds("a  \n {{- .x -}} \n\t b"))
        .containsExactly(
            "TEXT(a)", "LEFT_DELIM({{- )", "FIELD(.x)", "RIGHT_DELIM( -}})", "TEXT(b)", "EOF");
  }

  @Test
  void treatsDashWithoutSpaceAsANumberNotATrimMarker() {
    assertThat(kinds("x {{-3}}"))
        .containsExactly("TEXT(x )", "LEFT_DELIM({{)", "NUMBER(-3)", "RIGHT_DELIM(}})", "EOF");
  }

  @Test
  void dropsCommentsAndHonoursTheirTrimMarkers() {
    assertThat(kinds("a {{- /* note */ -}} b {{/* x */}}c"))
        .containsExactly("TEXT(a)", "TEXT(b )", "TEXT(c)", "EOF");
  }

  @Test
  void recognisesKeywordsForTheParserToReject() {
    assertThat(kinds("{{ if .x }}")).contains("KEYWORD(if)");
  }

  @Test
  void reportsAnUnclosedActionAtItsStart() {
    assertThatThrownBy(() -> Lexer.lex("abc {{ .x "))
        .isInstanceOfSatisfying(
            ParseFailure.class,
            e -> {
              assertThat(e.offset()).isEqualTo(4);
              assertThat(e.getMessage()).isEqualTo("unclosed action");
            });
  }

  @Test
  void reportsLexicalErrorsWithOffsets() {
    assertThatThrownBy(() -> Lexer.lex("{{ \"abc }}"))
        .isInstanceOfSatisfying(ParseFailure.class, e -> assertThat(e.offset()).isEqualTo(3))
        .hasMessage("unterminated quoted string");
    assertThatThrownBy(() -> Lexer.lex("{{ .x # }}"))
        .isInstanceOfSatisfying(ParseFailure.class, e -> assertThat(e.offset()).isEqualTo(6))
        .hasMessage("unrecognized character in action: '#'");
    assertThatThrownBy(() -> Lexer.lex("{{ (.x }}"))
        .isInstanceOfSatisfying(ParseFailure.class, e -> assertThat(e.offset()).isEqualTo(3))
        .hasMessage("unclosed left paren");
    assertThatThrownBy(() -> Lexer.lex("{{ 12ab }}")).hasMessage("bad number syntax: 12a");
    assertThatThrownBy(() -> Lexer.lex("{{/* open }}")).hasMessage("unclosed comment");
  }
}

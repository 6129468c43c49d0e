package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

  private static Ast.Pipe onlyPipe(String template) {
    Ast.Root root = Parser.parse(template, FunctionTable.builtins());
    assertThat(root.nodes()).singleElement().isInstanceOf(Ast.Action.class);
    return ((Ast.Action) root.nodes().get(0)).pipe();
  }

  private static void assertFails(String template, int offset, String message) {
    assertThatThrownBy(() -> Parser.parse(template, FunctionTable.builtins()))
        .isInstanceOfSatisfying(ParseFailure.class, e -> assertThat(e.offset()).isEqualTo(offset))
        .hasMessage(message);
  }

  @Test
  void parsesFieldChainsIntoOneNode() {
    Ast.Pipe pipe = onlyPipe("{{ .metadata.labels.app }}");

    assertThat(pipe.commands())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.args())
                    .containsExactly(new Ast.Field(3, List.of("metadata", "labels", "app"))));
  }

  @Test
  void parsesPipelinesAndResolvesFunctions() {
    Ast.Pipe pipe = onlyPipe("{{ .spec.replicas | default 1 | printf \"%v\" }}");

    assertThat(pipe.commands()).hasSize(3);
    Ast.Command second = pipe.commands().get(1);
    assertThat(second.args().get(0))
        .isInstanceOfSatisfying(
            Ast.Function.class, f -> assertThat(f.function().name()).isEqualTo("default"));
    assertThat(second.args().get(1)).isEqualTo(new Ast.Num(28, 1L, "1"));
    assertThat(pipe.commands().get(2).args().get(1)).isEqualTo(new Ast.Str(39, "%v"));
  }

  @Test
  void parsesLiteralsSubPipelinesAndChains() {
    Ast.Pipe pipe = onlyPipe("{{ printf \"%s %v %v %v\" (upper \"a\\tb\") 0x10 2.5 `r` }}");
    List<Ast.Arg> args = pipe.commands().get(0).args();

    assertThat(args.get(1)).isEqualTo(new Ast.Str(10, "%s %v %v %v"));
    assertThat(args.get(2)).isInstanceOf(Ast.SubPipe.class);
    assertThat(args.get(3)).isEqualTo(new Ast.Num(39, 16L, "0x10"));
    assertThat(args.get(4)).isEqualTo(new Ast.Num(44, 2.5, "2.5"));
    assertThat(args.get(5)).isEqualTo(new Ast.Str(48, "r"));
    assertThat(onlyPipe("{{ $.spec.x }}").commands().get(0).args())
        .containsExactly(new Ast.Variable(3, "$", List.of("spec", "x")));
  }

  @Test
  void keepsTextBetweenActions() {
    Ast.Root root = Parser.parse("a{{ .x }}b{{ .y }}", FunctionTable.builtins());

    assertThat(root.nodes()).hasSize(4);
    assertThat(root.nodes().get(0)).isEqualTo(new Ast.Text(0, "a"));
    assertThat(root.nodes().get(2)).isEqualTo(new Ast.Text(9, "b"));
  }

  @Test
  void reportsUnknownFunctionsWithASuggestion() {
    assertFails("{{ .x | uppr }}", 8, "unknown function 'uppr' (did you mean 'upper'?)");
    assertFails("{{ frobnicate }}", 3, "unknown function 'frobnicate'");
  }

  @Test
  void checksArgumentCountsAtParseTime() {
    assertFails("{{ upper \"a\" \"b\" }}", 3, "wrong number of args for upper: want 1 got 2");
    assertFails("{{ .x | upper \"b\" }}", 8, "wrong number of args for upper: want 1 got 2");
    assertFails("{{ printf }}", 3, "wrong number of args for printf: want at least 1 got 0");
    assertFails("{{ quote upper }}", 9, "wrong number of args for upper: want 1 got 0");
  }

  @Test
  void rejectsArgumentsToNonFunctions() {
    assertFails("{{ .x .y }}", 3, "can't give argument to non-function .x");
    assertFails("{{ \"a\" | .x }}", 9, "can't give argument to non-function .x");
    assertFails("{{ nil }}", 3, "nil is not a command");
  }

  @Test
  void rejectsMalformedActions() {
    assertFails("{{ }}", 0, "missing value for command");
    assertFails("{{ .x | }}", 8, "missing command after |");
    assertFails("{{ .x ) }}", 6, "unexpected right paren");
    assertFails("{{ \"a\".b }}", 3, "unexpected . after term \"a\"");
  }

  @Test
  void rejectsMisplacedControlActionsAndUndefinedNames() {
    assertFails("{{ if .x }}y", 12, "unexpected EOF");
    assertFails("a{{ end }}", 4, "unexpected {{end}}");
    assertFails("{{ $x }}", 3, "undefined variable $x");
    assertFails("{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}", 35, "undefined variable $x");
    assertFails("{{ break }}", 3, "{{break}} outside {{range}}");
    assertFails("{{ template \"nope\" }}", 0, "no such template \"nope\"");
    assertFails("{{ if 1 }}{{ define \"x\" }}{{ end }}{{ end }}", 13,
        "{{define}} is only allowed at top level");
    assertFails("{{ $a, $b := .x }}", 5, "too many declarations in command");
  }

  @Test
  void parsesElseIfChainsAsNestedIfs() {
    Ast.Root root = Parser.parse("{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}",
        FunctionTable.builtins());

    Ast.If outer = (Ast.If) root.nodes().get(0);
    assertThat(outer.elseList()).singleElement().isInstanceOf(Ast.If.class);
    assertThat(((Ast.If) outer.elseList().get(0)).elseList())
        .containsExactly(new Ast.Text(39, "C"));
  }
}

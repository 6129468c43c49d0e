package io.orkestra.katalog.internal.template;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The syntax tree of a template, mirroring Go's {@code text/template/parse} node types. Every node
 * records the offset of its first character in the template text, for error positions.
 *
 * <pre>
 * Root    := Node*  plus the {@code define}d templates by name
 * Node    := Text | Action | If | With | Range | TemplateCall | Break | Continue
 * Action  := '{{' Pipe '}}'
 * If      := '{{if' Pipe '}}' Node* ('{{else}}' Node* | '{{else if' ...)? '{{end}}'
 * Pipe    := (Variable (',' Variable)? (':=' | '='))? Command ('|' Command)*
 * Command := Arg+                               (first Arg a Function: call with the rest)
 * Arg     := Field | Variable | Dot | Chain | Function | Str | Num | Bool | Nil | SubPipe
 * </pre>
 *
 * <p>All types are immutable, so a parsed tree can be evaluated concurrently.
 */
final class Ast {

  private Ast() {}

  /**
   * A parsed template.
   *
   * @param nodes text and actions in order
   */
  record Root(List<Node> nodes, Map<String, List<Node>> defines) {
    Root {
      nodes = List.copyOf(nodes);
      defines = Map.copyOf(defines);
    }

    Root(List<Node> nodes) {
      this(nodes, Map.of());
    }
  }

  /** An element of the template body. */
  sealed interface Node
      permits Text, Action, If, With, Range, TemplateCall, Break, Continue {
    int offset();
  }

  /**
   * {@code {{if pipe}} list {{else}} elseList {{end}}}; {@code else if} is an {@code If} alone in
   * the else list.
   *
   * @param offset start of <code>{{</code>
   * @param pipe the condition
   * @param list run when the condition is true (Go's truth)
   * @param elseList run otherwise (may be empty)
   */
  record If(int offset, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {
    If {
      list = List.copyOf(list);
      elseList = List.copyOf(elseList);
    }
  }

  /**
   * {@code {{with pipe}} list {{else}} elseList {{end}}}: like {@code if}, with dot set to the value.
   *
   * @param offset start of <code>{{</code>
   * @param pipe the value
   * @param list run with dot = value when the value is true
   * @param elseList run otherwise
   */
  record With(int offset, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {
    With {
      list = List.copyOf(list);
      elseList = List.copyOf(elseList);
    }
  }

  /**
   * {@code {{range pipe}} list {{else}} elseList {{end}}}.
   *
   * @param offset start of <code>{{</code>
   * @param pipe the collection, possibly declaring {@code $v} or {@code $i, $v}
   * @param list run per element with dot = element
   * @param elseList run when there is no element
   */
  record Range(int offset, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {
    Range {
      list = List.copyOf(list);
      elseList = List.copyOf(elseList);
    }
  }

  /**
   * {@code {{template "name" pipe}}} (and the call half of {@code block}).
   *
   * @param offset start of <code>{{</code>
   * @param name the template name, checked to exist at parse time
   * @param pipe the data for the template's dot, or {@code null} for nil
   */
  record TemplateCall(int offset, String name, @Nullable Pipe pipe) implements Node {}

  /**
   * {@code {{break}}} inside a range.
   *
   * @param offset start of <code>{{</code>
   */
  record Break(int offset) implements Node {}

  /**
   * {@code {{continue}}} inside a range.
   *
   * @param offset start of <code>{{</code>
   */
  record Continue(int offset) implements Node {}

  /**
   * Literal text, copied to the output.
   *
   * @param offset start in the template
   * @param text the text after trimming
   */
  record Text(int offset, String text) implements Node {}

  /**
   * {@code {{ pipeline }}}: the pipeline's value is printed.
   *
   * @param offset start of <code>{{</code>
   * @param pipe the pipeline
   */
  record Action(int offset, Pipe pipe) implements Node {}

  /**
   * Commands joined by {@code |}; each command's value becomes the last argument of the next.
   *
   * @param offset start of the first command
   * @param decl variables declared or assigned ({@code $x :=}, {@code $i, $v :=}); often empty
   * @param assign {@code =} rather than {@code :=}
   * @param commands at least one
   */
  record Pipe(int offset, List<String> decl, boolean assign, List<Command> commands) {
    Pipe {
      decl = List.copyOf(decl);
      commands = List.copyOf(commands);
    }

    Pipe(int offset, List<Command> commands) {
      this(offset, List.of(), false, commands);
    }
  }

  /**
   * One command: a function with its arguments, or a single operand.
   *
   * @param offset start of the first argument
   * @param args at least one
   */
  record Command(int offset, List<Arg> args) {
    Command {
      args = List.copyOf(args);
    }
  }

  /** An operand. */
  sealed interface Arg permits Field, Variable, Dot, Chain, Function, Str, Num, Bool, Nil, SubPipe {
    int offset();
  }

  /**
   * {@code .a.b.c}: field lookups starting at the current data.
   *
   * @param offset start of the first {@code .}
   * @param names the field names, in order
   */
  record Field(int offset, List<String> names) implements Arg {
    Field {
      names = List.copyOf(names);
    }

    /**
     * As written.
     *
     * @return {@code .a.b.c}
     */
    String text() {
      return "." + String.join(".", names);
    }
  }

  /**
   * {@code $}, {@code $x} or {@code $x.a.b}: a variable, then field lookups.
   *
   * @param offset start of {@code $}
   * @param name {@code $} or {@code $x}
   * @param names field names after the variable
   */
  record Variable(int offset, String name, List<String> names) implements Arg {
    Variable {
      names = List.copyOf(names);
    }

    String text() {
      return names.isEmpty() ? name : name + "." + String.join(".", names);
    }
  }

  /**
   * {@code .}: the current data.
   *
   * @param offset position of the dot
   */
  record Dot(int offset) implements Arg {}

  /**
   * {@code (pipe).a.b}: field lookups on the value of another operand.
   *
   * @param offset start of the operand
   * @param receiver the operand
   * @param names field names
   */
  record Chain(int offset, Arg receiver, List<String> names) implements Arg {
    Chain {
      names = List.copyOf(names);
    }
  }

  /**
   * A function, resolved at parse time.
   *
   * @param offset start of the name
   * @param function the function from the table
   */
  record Function(int offset, TemplateFunction function) implements Arg {}

  /**
   * A string literal, already unquoted.
   *
   * @param offset start of the opening quote
   * @param value the string
   */
  record Str(int offset, String value) implements Arg {}

  /**
   * A number literal: a {@link Long} for integer syntax (and character constants), a {@link Double}
   * otherwise.
   *
   * @param offset start
   * @param value the number
   * @param text as written
   */
  record Num(int offset, Number value, String text) implements Arg {}

  /**
   * {@code true} or {@code false}.
   *
   * @param offset start
   * @param value the value
   */
  record Bool(int offset, boolean value) implements Arg {}

  /**
   * {@code nil}.
   *
   * @param offset start
   */
  record Nil(int offset) implements Arg {}

  /**
   * {@code ( pipeline )}.
   *
   * @param offset position of {@code (}
   * @param pipe the inner pipeline
   */
  record SubPipe(int offset, Pipe pipe) implements Arg {}
}

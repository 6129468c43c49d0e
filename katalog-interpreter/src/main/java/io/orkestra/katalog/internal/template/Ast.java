package io.orkestra.katalog.internal.template;

import java.util.List;

/**
 * The syntax tree of a template, mirroring Go's {@code text/template/parse} node types. Every node
 * records the offset of its first character in the template text, for error positions.
 *
 * <pre>
 * Root    := Node*
 * Node    := Text | Action                      (later: If, Range, With, TemplateCall, ...)
 * Action  := '{{' Pipe '}}'
 * Pipe    := Command ('|' Command)*             (later: variable declarations)
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
  record Root(List<Node> nodes) {
    Root {
      nodes = List.copyOf(nodes);
    }
  }

  /** An element of the template body. */
  sealed interface Node permits Text, Action {
    int offset();
  }

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
   * @param commands at least one
   */
  record Pipe(int offset, List<Command> commands) {
    Pipe {
      commands = List.copyOf(commands);
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
   * {@code $} or {@code $.a.b}: the root data, then field lookups. Only {@code $} itself is
   * supported until variable declarations are.
   *
   * @param offset start of {@code $}
   * @param name {@code $}
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

package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks a parsed template against a {@link Scope} and produces its text. One instance per
 * evaluation; the tree is shared and never changed.
 *
 * <p>Missing fields: a field absent from the data (or null) evaluates to {@link Missing}, which
 * flows through further field steps and into functions that accept it ({@code default}). Printed,
 * or passed to any other function, it is an error "template refers to missing field .a.b". This is
 * stricter than Go's default ({@code <no value>}) on purpose for this slice; the full language will
 * revisit it for compatibility with Orkestra's missing-key behaviour.
 */
final class Evaluator {

  private final Scope scope;

  private Evaluator(Scope scope) {
    this.scope = scope;
  }

  /**
   * Evaluates a template.
   *
   * @param root the tree
   * @param scope the data and clock
   * @return the output
   * @throws EvalFailure on the first error
   */
  static String execute(Ast.Root root, Scope scope) {
    Evaluator e = new Evaluator(scope);
    StringBuilder out = new StringBuilder();
    for (Ast.Node node : root.nodes()) {
      if (node instanceof Ast.Text) {
        out.append(((Ast.Text) node).text());
      } else {
        Ast.Action action = (Ast.Action) node;
        out.append(e.printable(e.pipe(action.pipe(), scope.root())));
      }
    }
    return out.toString();
  }

  private String printable(@Nullable Object value) {
    if (value instanceof Missing) {
      throw missing((Missing) value);
    }
    return value == null ? "<no value>" : Values.print(value);
  }

  private @Nullable Object pipe(Ast.Pipe pipe, @Nullable Object dot) {
    Object value = null;
    boolean piped = false;
    for (Ast.Command command : pipe.commands()) {
      value = command(command, dot, value, piped);
      piped = true;
    }
    return value;
  }

  private @Nullable Object command(
      Ast.Command command, @Nullable Object dot, @Nullable Object pipedValue, boolean piped) {
    Ast.Arg first = command.args().get(0);
    if (!(first instanceof Ast.Function)) {
      return arg(first, dot); // the parser allows neither arguments nor a piped value here
    }
    List<@Nullable Object> args = new ArrayList<>(command.args().size());
    for (int i = 1; i < command.args().size(); i++) {
      args.add(arg(command.args().get(i), dot));
    }
    if (piped) {
      args.add(pipedValue);
    }
    return call((Ast.Function) first, args);
  }

  private @Nullable Object arg(Ast.Arg arg, @Nullable Object dot) {
    if (arg instanceof Ast.Field) {
      Ast.Field f = (Ast.Field) arg;
      return walk(dot, f.names(), f.text(), f.offset());
    }
    if (arg instanceof Ast.Variable) {
      Ast.Variable v = (Ast.Variable) arg;
      return walk(scope.root(), v.names(), v.text(), v.offset());
    }
    if (arg instanceof Ast.Dot) {
      return dot;
    }
    if (arg instanceof Ast.Chain) {
      Ast.Chain c = (Ast.Chain) arg;
      Object receiver = arg(c.receiver(), dot);
      return walk(receiver, c.names(), "." + String.join(".", c.names()), c.offset());
    }
    if (arg instanceof Ast.Function) {
      return call((Ast.Function) arg, new ArrayList<>());
    }
    if (arg instanceof Ast.Str) {
      return ((Ast.Str) arg).value();
    }
    if (arg instanceof Ast.Num) {
      return ((Ast.Num) arg).value();
    }
    if (arg instanceof Ast.Bool) {
      return ((Ast.Bool) arg).value();
    }
    if (arg instanceof Ast.Nil) {
      return null;
    }
    return pipe(((Ast.SubPipe) arg).pipe(), dot);
  }

  private @Nullable Object walk(
      @Nullable Object start, List<String> names, String text, int offset) {
    Object current = start;
    for (String name : names) {
      if (current instanceof Missing) {
        return new Missing(text, offset);
      }
      if (current instanceof JsonNode && ((JsonNode) current).isObject()) {
        Object next = Values.fromJson(((JsonNode) current).get(name));
        current = next == null ? new Missing(text, offset) : next;
      } else if (current == null) {
        throw new EvalFailure(offset, "nil pointer evaluating " + text + " (at ." + name + ")");
      } else {
        throw new EvalFailure(
            offset,
            "can't evaluate field "
                + name
                + " in type "
                + Values.typeName(current)
                + " (in "
                + text
                + ")");
      }
    }
    return current instanceof JsonNode ? Values.fromJson((JsonNode) current) : current;
  }

  private @Nullable Object call(Ast.Function f, List<@Nullable Object> args) {
    TemplateFunction fn = f.function();
    if (!fn.acceptsMissing()) {
      for (Object a : args) {
        if (a instanceof Missing) {
          throw missing((Missing) a);
        }
      }
    }
    try {
      return fn.impl().call(args, scope);
    } catch (FunctionError e) {
      throw new EvalFailure(f.offset(), "error calling " + fn.name() + ": " + e.getMessage());
    }
  }

  private static EvalFailure missing(Missing m) {
    return new EvalFailure(m.offset(), "template refers to missing field " + m.path());
  }
}

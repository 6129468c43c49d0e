package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks a parsed template against a {@link Scope} and produces its text, with Go's {@code
 * text/template} execution rules. One instance per evaluation; the tree is shared and never
 * changed.
 *
 * <p>Truth (for {@code if}, {@code with}, {@code and}, {@code or}, {@code not}) is Go's: false,
 * 0, 0.0, {@code ""}, nil, a missing field and empty maps and lists are false; everything else is
 * true. {@code range} iterates lists in order, maps in sorted key order and integers {@code 0..n-1};
 * nil or a missing field runs the {@code else} branch.
 *
 * <p>Missing fields: a field absent from the data (or null) evaluates to {@link Missing}. It is
 * false in conditions, equal only to nil or another missing value in {@code eq}/{@code ne}, and
 * flows into functions that accept it ({@code default}, {@code empty}, {@code coalesce}, ...).
 * Printed, or passed to any other function, it is an error "template refers to missing field .a.b"
 * — stricter than Go's {@code <no value>}, on purpose, because a silently empty Kubernetes field
 * is worse than a failed reconcile that names the field.
 *
 * <p>Limits: at most {@value #MAX_ITERATIONS} range iterations per evaluation, {@value
 * #MAX_OUTPUT} characters of output and {@value #MAX_DEPTH} nested {@code template} calls; past
 * them the evaluation fails with an error saying which limit.
 */
final class Evaluator {

  /** Range iterations allowed in one evaluation. */
  static final int MAX_ITERATIONS = 100_000;

  /** Characters of output allowed in one evaluation. */
  static final int MAX_OUTPUT = 1 << 20;

  /** Nested {@code template} calls allowed. */
  static final int MAX_DEPTH = 100;

  private static final int NORMAL = 0;
  private static final int BREAK = 1;
  private static final int CONTINUE = 2;

  private final Scope scope;
  private final Ast.Root root;
  private final StringBuilder out = new StringBuilder();
  private final ArrayList<String> varNames = new ArrayList<>(4);
  private final ArrayList<@Nullable Object> varValues = new ArrayList<>(4);
  private int iterations;
  private int depth;

  private Evaluator(Ast.Root root, Scope scope) {
    this.root = root;
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
    Evaluator e = new Evaluator(root, scope);
    e.push("$", scope.root());
    e.walk(root.nodes(), scope.root());
    return e.out.toString();
  }

  private int walk(List<Ast.Node> nodes, @Nullable Object dot) {
    for (int i = 0, n = nodes.size(); i < n; i++) {
      Ast.Node node = nodes.get(i);
      int status = NORMAL;
      if (node instanceof Ast.Text) {
        out.append(((Ast.Text) node).text());
        checkOutput(node);
      } else if (node instanceof Ast.Action) {
        Ast.Pipe pipe = ((Ast.Action) node).pipe();
        Object value = pipe(pipe, dot);
        if (pipe.decl().isEmpty()) {
          out.append(printable(value));
          checkOutput(node);
        }
      } else if (node instanceof Ast.If) {
        Ast.If f = (Ast.If) node;
        int mark = varNames.size();
        Object value = pipe(f.pipe(), dot);
        status = walk(truth(value) ? f.list() : f.elseList(), dot);
        pop(mark);
      } else if (node instanceof Ast.With) {
        Ast.With w = (Ast.With) node;
        int mark = varNames.size();
        Object value = pipe(w.pipe(), dot);
        status = truth(value) ? walk(w.list(), value) : walk(w.elseList(), dot);
        pop(mark);
      } else if (node instanceof Ast.Range) {
        status = range((Ast.Range) node, dot);
      } else if (node instanceof Ast.TemplateCall) {
        call((Ast.TemplateCall) node, dot);
      } else if (node instanceof Ast.Break) {
        return BREAK;
      } else {
        return CONTINUE;
      }
      if (status != NORMAL) {
        return status;
      }
    }
    return NORMAL;
  }

  private void checkOutput(Ast.Node node) {
    if (out.length() > MAX_OUTPUT) {
      throw new EvalFailure(
          node.offset(), "template output exceeds the limit of " + MAX_OUTPUT + " characters");
    }
  }

  private int range(Ast.Range r, @Nullable Object dot) {
    Ast.Pipe pipe = r.pipe();
    Object value = pipeValue(pipe, dot);
    int mark = varNames.size();
    List<String> decl = pipe.decl();
    int count = 0;
    int status = NORMAL;
    if (value instanceof JsonNode && ((JsonNode) value).isArray()) {
      JsonNode list = (JsonNode) value;
      for (int i = 0; i < list.size() && status != BREAK; i++) {
        status = iteration(r, decl, mark, (long) i, Values.fromJson(list.get(i)));
        count++;
      }
    } else if (value instanceof JsonNode && ((JsonNode) value).isObject()) {
      JsonNode map = (JsonNode) value;
      List<String> keys = new ArrayList<>(map.size());
      map.fieldNames().forEachRemaining(keys::add);
      keys.sort(null); // Go visits map keys in sorted order
      for (Iterator<String> it = keys.iterator(); it.hasNext() && status != BREAK; ) {
        String key = it.next();
        status = iteration(r, decl, mark, key, Values.fromJson(map.get(key)));
        count++;
      }
    } else if (value instanceof Long) {
      long n = (Long) value;
      for (long i = 0; i < n && status != BREAK; i++) {
        status = iteration(r, decl, mark, i, i);
        count++;
      }
    } else if (value != null && !(value instanceof Missing)) {
      throw new EvalFailure(
          r.offset(), "range can't iterate over " + Values.print(value));
    }
    pop(mark);
    return count == 0 ? walk(r.elseList(), dot) : NORMAL;
  }

  private int iteration(
      Ast.Range r, List<String> decl, int mark, Object index, @Nullable Object element) {
    if (++iterations > MAX_ITERATIONS) {
      throw new EvalFailure(
          r.offset(),
          "range exceeds the limit of " + MAX_ITERATIONS + " iterations per evaluation");
    }
    pop(mark);
    if (decl.size() == 1) {
      bind(r.pipe(), decl.get(0), element);
    } else if (decl.size() == 2) {
      bind(r.pipe(), decl.get(0), index);
      bind(r.pipe(), decl.get(1), element);
    }
    return walk(r.list(), element);
  }

  private void bind(Ast.Pipe pipe, String name, @Nullable Object value) {
    if (pipe.assign()) {
      assign(pipe.offset(), name, value);
    } else {
      push(name, value);
    }
  }

  private void call(Ast.TemplateCall c, @Nullable Object dot) {
    List<Ast.Node> body = root.defines().get(c.name());
    if (body == null) {
      throw new EvalFailure(c.offset(), "no such template " + GoFormat.quote(c.name()));
    }
    if (++depth > MAX_DEPTH) {
      throw new EvalFailure(
          c.offset(), "template calls nest deeper than the limit of " + MAX_DEPTH);
    }
    Object data = c.pipe() == null ? null : pipe(c.pipe(), dot);
    // a called template sees only $ (its data), like a fresh Go template execution
    ArrayList<String> names = new ArrayList<>(varNames);
    ArrayList<@Nullable Object> values = new ArrayList<>(varValues);
    varNames.clear();
    varValues.clear();
    push("$", data);
    try {
      walk(body, data);
    } finally {
      varNames.clear();
      varValues.clear();
      varNames.addAll(names);
      varValues.addAll(values);
      depth--;
    }
  }

  private void push(String name, @Nullable Object value) {
    varNames.add(name);
    varValues.add(value);
  }

  private void pop(int mark) {
    for (int i = varNames.size() - 1; i >= mark; i--) {
      varNames.remove(i);
      varValues.remove(i);
    }
  }

  private void assign(int offset, String name, @Nullable Object value) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) {
        varValues.set(i, value);
        return;
      }
    }
    throw new EvalFailure(offset, "undefined variable: " + name);
  }

  private @Nullable Object variable(int offset, String name) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) {
        return varValues.get(i);
      }
    }
    throw new EvalFailure(offset, "undefined variable: " + name);
  }

  /**
   * Go's truth: false, zero numbers, empty strings, nil, missing and empty collections are false.
   *
   * @param value a value
   * @return whether {@code if} takes the first branch
   */
  static boolean truth(@Nullable Object value) {
    return !Values.isEmpty(value);
  }

  private String printable(@Nullable Object value) {
    if (value instanceof Missing) {
      throw missing((Missing) value);
    }
    return value == null ? "<no value>" : Values.print(value);
  }

  private @Nullable Object pipe(Ast.Pipe pipe, @Nullable Object dot) {
    Object value = pipeValue(pipe, dot);
    List<String> decl = pipe.decl();
    if (decl.size() == 1) {
      bind(pipe, decl.get(0), value);
    }
    return value;
  }

  private @Nullable Object pipeValue(Ast.Pipe pipe, @Nullable Object dot) {
    Object value = null;
    boolean piped = false;
    List<Ast.Command> commands = pipe.commands();
    for (int i = 0, n = commands.size(); i < n; i++) {
      value = command(commands.get(i), dot, value, piped);
      piped = true;
    }
    return value;
  }

  private @Nullable Object command(
      Ast.Command command, @Nullable Object dot, @Nullable Object pipedValue, boolean piped) {
    List<Ast.Arg> list = command.args();
    Ast.Arg first = list.get(0);
    if (!(first instanceof Ast.Function)) {
      return arg(first, dot); // the parser allows neither arguments nor a piped value here
    }
    Ast.Function f = (Ast.Function) first;
    String name = f.function().name();
    if (f.function() == Builtins.AND || f.function() == Builtins.OR) {
      return andOr(f.function() == Builtins.AND, list, dot, pipedValue, piped);
    }
    List<@Nullable Object> args = new ArrayList<>(list.size());
    for (int i = 1; i < list.size(); i++) {
      args.add(arg(list.get(i), dot));
    }
    if (piped) {
      args.add(pipedValue);
    }
    if (f.function() == Builtins.CALL && !args.isEmpty()) {
      Object fn = args.get(0);
      if (fn instanceof Missing) {
        throw missing((Missing) fn);
      }
      String operand = list.size() > 1 ? operandText(list.get(1)) : "";
      throw new EvalFailure(
          f.offset(), "error calling call: " + Builtins.callError(operand, fn).getMessage());
    }
    return call(f, name, args);
  }

  /** Go 1.18+: evaluates arguments left to right and stops at the first that decides. */
  private @Nullable Object andOr(
      boolean and,
      List<Ast.Arg> list,
      @Nullable Object dot,
      @Nullable Object pipedValue,
      boolean piped) {
    int n = list.size() - 1 + (piped ? 1 : 0);
    Object value = null;
    for (int i = 1; i <= n; i++) {
      value = i < list.size() ? arg(list.get(i), dot) : pipedValue;
      if (truth(value) != and) {
        return value;
      }
    }
    return value;
  }

  private @Nullable Object arg(Ast.Arg arg, @Nullable Object dot) {
    if (arg instanceof Ast.Field) {
      Ast.Field f = (Ast.Field) arg;
      return walk(dot, f.names(), f.text(), f.offset());
    }
    if (arg instanceof Ast.Variable) {
      Ast.Variable v = (Ast.Variable) arg;
      Object start = variable(v.offset(), v.name());
      return v.names().isEmpty() ? start : walk(start, v.names(), v.text(), v.offset());
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
      Ast.Function f = (Ast.Function) arg;
      return call(f, f.function().name(), new ArrayList<>());
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
    for (int i = 0, n = names.size(); i < n; i++) {
      String name = names.get(i);
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

  private @Nullable Object call(Ast.Function f, String name, List<@Nullable Object> args) {
    TemplateFunction fn = f.function();
    if (!fn.acceptsMissing()) {
      for (int i = 0, n = args.size(); i < n; i++) {
        Object a = args.get(i);
        if (a instanceof Missing) {
          throw missing((Missing) a);
        }
      }
    }
    try {
      return fn.impl().call(args, scope);
    } catch (FunctionError e) {
      throw new EvalFailure(f.offset(), "error calling " + name + ": " + e.getMessage());
    }
  }

  private static String operandText(Ast.Arg arg) {
    if (arg instanceof Ast.Field) {
      return ((Ast.Field) arg).text();
    }
    if (arg instanceof Ast.Variable) {
      return ((Ast.Variable) arg).text();
    }
    return "";
  }

  private static EvalFailure missing(Missing m) {
    return new EvalFailure(m.offset(), "template refers to missing field " + m.path());
  }
}

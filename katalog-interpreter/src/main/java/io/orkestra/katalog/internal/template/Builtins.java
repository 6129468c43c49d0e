package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Go's predefined template functions ({@code and or not len index slice eq ne lt le gt ge print
 * printf println html js urlquery}), with the semantics of Go's {@code text/template/funcs.go}, plus
 * {@code call} (always an error: the data holds no function values), plus the Sprig/Orkestra
 * basics {@code default}, {@code quote}, {@code upper}/{@code toUpper}, {@code
 * lower}/{@code toLower}.
 *
 * <p>Comparison follows Go: {@code eq a b c} is true when {@code a} equals any of the others;
 * values of different basic kinds (int vs float vs string vs bool) are an error ("incompatible types
 * for comparison") unless one is nil; maps and lists are not comparable; {@code lt}/{@code le}/
 * {@code gt}/{@code ge} order ints, floats and strings only. {@code and}/{@code or} are evaluated
 * lazily by the evaluator and return one of their arguments, as in Go 1.18+.
 */
final class Builtins {

  /** {@code and}: the first false argument, or the last; short-circuits. */
  static final TemplateFunction AND = new TemplateFunction("and", 1, -1, true, (a, s) -> null);

  /** {@code or}: the first true argument, or the last; short-circuits. */
  static final TemplateFunction OR = new TemplateFunction("or", 1, -1, true, (a, s) -> null);

  /**
   * {@code call FN ARGS...}: Go calls a function value. Orkestra's data (the custom resource,
   * children, forEach items) holds no function values, so every call is an evaluation error at
   * the call's position: {@code call of nil} for nil, {@code non-function .X of type T} otherwise.
   * The evaluator handles it to name the operand; this body is the fallback.
   */
  static final TemplateFunction CALL =
      new TemplateFunction("call", 1, -1, false, (a, s) -> {
        throw callError("", a.get(0));
      });

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Builtins() {}

  static List<TemplateFunction> all() {
    List<TemplateFunction> fns = new ArrayList<>();
    fns.add(AND);
    fns.add(OR);
    fns.add(CALL);
    fns.add(new TemplateFunction("not", 1, 1, true, (a, s) -> !Evaluator.truth(a.get(0))));
    fns.add(new TemplateFunction("len", 1, 1, false, (a, s) -> length(a.get(0))));
    fns.add(new TemplateFunction("index", 1, -1, false, (a, s) -> index(a)));
    fns.add(new TemplateFunction("slice", 1, -1, false, (a, s) -> slice(a)));
    fns.add(new TemplateFunction("eq", 1, -1, true, (a, s) -> eq(a)));
    fns.add(new TemplateFunction("ne", 2, 2, true, (a, s) -> !eq(a)));
    fns.add(new TemplateFunction("lt", 2, 2, false, (a, s) -> lt(a.get(0), a.get(1))));
    fns.add(
        new TemplateFunction(
            "le", 2, 2, false, (a, s) -> lt(a.get(0), a.get(1)) || eq(a)));
    fns.add(
        new TemplateFunction(
            "gt", 2, 2, false, (a, s) -> !(lt(a.get(0), a.get(1)) || eq(a))));
    fns.add(new TemplateFunction("ge", 2, 2, false, (a, s) -> !lt(a.get(0), a.get(1))));
    fns.add(new TemplateFunction("print", 0, -1, false, (a, s) -> sprint(a)));
    fns.add(new TemplateFunction("println", 0, -1, false, (a, s) -> sprintln(a)));
    fns.add(new TemplateFunction("printf", 1, -1, false, Builtins::printf));
    fns.add(new TemplateFunction("html", 0, -1, false, (a, s) -> html(escapeArg(a))));
    fns.add(new TemplateFunction("js", 0, -1, false, (a, s) -> js(escapeArg(a))));
    fns.add(new TemplateFunction("urlquery", 0, -1, false, (a, s) -> urlquery(escapeArg(a))));
    fns.add(new TemplateFunction("default", 1, -1, true, Builtins::defaultValue));
    fns.add(new TemplateFunction("quote", 0, -1, false, Builtins::quote));
    TemplateFunction.Impl upper = (args, scope) -> text(args.get(0)).toUpperCase(Locale.ROOT);
    TemplateFunction.Impl lower = (args, scope) -> text(args.get(0)).toLowerCase(Locale.ROOT);
    fns.add(new TemplateFunction("upper", 1, 1, false, upper));
    fns.add(new TemplateFunction("toUpper", 1, 1, false, upper));
    fns.add(new TemplateFunction("lower", 1, 1, false, lower));
    fns.add(new TemplateFunction("toLower", 1, 1, false, lower));
    return fns;
  }

  /** Go funcs.go {@code call}: the error for a value that is not a function. */
  static FunctionError callError(String operand, @Nullable Object fn) {
    if (fn == null) {
      return new FunctionError("call of nil");
    }
    return new FunctionError(
        "non-function " + (operand.isEmpty() ? "" : operand + " ") + "of type "
            + Values.typeName(fn));
  }

  // ---- comparison (Go funcs.go: eq, lt and basicKind)

  private static final int INVALID = 0;
  private static final int BOOL = 1;
  private static final int INT = 2;
  private static final int FLOAT = 3;
  private static final int STRING = 4;
  private static final int OTHER = 5;

  private static int kind(@Nullable Object v) {
    if (v == null || v instanceof Missing) {
      return INVALID;
    }
    if (v instanceof Boolean) {
      return BOOL;
    }
    if (v instanceof Long) {
      return INT;
    }
    if (v instanceof Double) {
      return FLOAT;
    }
    if (v instanceof String) {
      return STRING;
    }
    return OTHER;
  }

  static boolean eq(List<@Nullable Object> args) {
    if (args.size() < 2) {
      throw new FunctionError("missing argument for comparison");
    }
    Object a = args.get(0);
    int k1 = kind(a);
    for (int i = 1; i < args.size(); i++) {
      Object b = args.get(i);
      int k2 = kind(b);
      boolean truth;
      if (k1 != k2) {
        if (k1 != INVALID && k2 != INVALID) {
          throw new FunctionError("incompatible types for comparison");
        }
        truth = false;
      } else if (k1 == INVALID) {
        truth = true;
      } else if (k1 == OTHER) {
        throw new FunctionError("non-comparable type " + Values.typeName(a));
      } else if (k1 == FLOAT) {
        truth = ((Double) a).doubleValue() == ((Double) b).doubleValue();
      } else {
        truth = a.equals(b);
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  static boolean lt(@Nullable Object a, @Nullable Object b) {
    int k1 = kind(a);
    int k2 = kind(b);
    if (k1 == INVALID || k1 == BOOL || k1 == OTHER || k2 == INVALID || k2 == BOOL
        || k2 == OTHER) {
      throw new FunctionError("invalid type for comparison");
    }
    if (k1 != k2) {
      throw new FunctionError("incompatible types for comparison");
    }
    if (k1 == INT) {
      return (Long) a < (Long) b;
    }
    if (k1 == FLOAT) {
      return (Double) a < (Double) b;
    }
    return ((String) a).compareTo((String) b) < 0;
  }

  // ---- len, index, slice

  private static long length(@Nullable Object v) {
    if (v instanceof String) {
      return ((String) v).getBytes(StandardCharsets.UTF_8).length; // Go: bytes, not runes
    }
    if (v instanceof JsonNode && ((JsonNode) v).isContainerNode()) {
      return ((JsonNode) v).size();
    }
    if (v == null) {
      throw new FunctionError("len of nil pointer");
    }
    throw new FunctionError("len of type " + Values.typeName(v));
  }

  private static @Nullable Object index(List<@Nullable Object> args) {
    Object item = args.get(0);
    if (item == null) {
      throw new FunctionError("index of untyped nil");
    }
    for (int i = 1; i < args.size(); i++) {
      Object key = args.get(i);
      if (item instanceof JsonNode && ((JsonNode) item).isArray()) {
        int at = intIndex(key, ((JsonNode) item).size(), "slice/array");
        item = Values.fromJson(((JsonNode) item).get(at));
      } else if (item instanceof JsonNode && ((JsonNode) item).isObject()) {
        if (!(key instanceof String)) {
          throw new FunctionError(
              "value has type " + Values.typeName(key) + "; should be string");
        }
        item = Values.fromJson(((JsonNode) item).get((String) key)); // absent: zero value (nil)
      } else if (item instanceof String) {
        byte[] bytes = ((String) item).getBytes(StandardCharsets.UTF_8);
        item = (long) (bytes[intIndex(key, bytes.length, "string")] & 0xff);
      } else if (item == null) {
        throw new FunctionError("index of untyped nil");
      } else {
        throw new FunctionError("can't index item of type " + Values.typeName(item));
      }
    }
    return item;
  }

  private static int intIndex(@Nullable Object key, int cap, String what) {
    if (!(key instanceof Long)) {
      throw new FunctionError("cannot index " + what + " with type " + Values.typeName(key));
    }
    long x = (Long) key;
    if (x < 0 || x >= cap) {
      throw new FunctionError("index out of range: " + x);
    }
    return (int) x;
  }

  private static Object slice(List<@Nullable Object> args) {
    Object item = args.get(0);
    if (args.size() > 4) {
      throw new FunctionError("too many slice indexes: " + (args.size() - 1));
    }
    int cap;
    byte[] bytes = null;
    if (item instanceof String) {
      if (args.size() == 4) {
        throw new FunctionError("cannot 3-index slice a string");
      }
      bytes = ((String) item).getBytes(StandardCharsets.UTF_8);
      cap = bytes.length;
    } else if (item instanceof JsonNode && ((JsonNode) item).isArray()) {
      cap = ((JsonNode) item).size();
    } else if (item == null) {
      throw new FunctionError("slice of untyped nil");
    } else {
      throw new FunctionError("can't slice item of type " + Values.typeName(item));
    }
    int[] idx = {0, cap};
    for (int i = 1; i < args.size() && i <= 2; i++) {
      Object key = args.get(i);
      if (!(key instanceof Long)) {
        throw new FunctionError("cannot index slice/array with type " + Values.typeName(key));
      }
      long x = (Long) key;
      if (x < 0 || x > cap) {
        throw new FunctionError("index out of range: " + x);
      }
      idx[i - 1] = (int) x;
    }
    if (idx[0] > idx[1]) {
      throw new FunctionError("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (bytes != null) {
      return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
    }
    ArrayNode result = NODES.arrayNode();
    for (int i = idx[0]; i < idx[1]; i++) {
      result.add(((JsonNode) item).get(i));
    }
    return result;
  }

  // ---- printing and escaping

  /** Go's {@code fmt.Sprint}: a space between operands when neither is a string. */
  static String sprint(List<@Nullable Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
        sb.append(' ');
      }
      sb.append(Values.print(a));
    }
    return sb.toString();
  }

  private static String sprintln(List<@Nullable Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(Values.print(args.get(i)));
    }
    return sb.append('\n').toString();
  }

  private static String escapeArg(List<@Nullable Object> args) {
    if (args.size() == 1 && args.get(0) instanceof String) {
      return (String) args.get(0);
    }
    return sprint(args);
  }

  /** Go's {@code template.HTMLEscapeString}. */
  private static String html(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case 0:
          sb.append('\uFFFD');
          break;
        case '"':
          sb.append("&#34;");
          break;
        case '\'':
          sb.append("&#39;");
          break;
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Go's {@code template.JSEscapeString}. */
  private static String js(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          sb.append("\\\\");
          break;
        case '\'':
          sb.append("\\'");
          break;
        case '"':
          sb.append("\\\"");
          break;
        case '<':
          sb.append("\\u003C");
          break;
        case '>':
          sb.append("\\u003E");
          break;
        case '&':
          sb.append("\\u0026");
          break;
        case '=':
          sb.append("\\u003D");
          break;
        default:
          if (c < ' ' || c == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }

  /** Go's {@code url.QueryEscape}. */
  static String urlquery(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  // ---- Sprig basics

  private static @Nullable Object defaultValue(List<@Nullable Object> args, Scope scope) {
    Object fallback = args.get(0);
    if (fallback instanceof Missing) {
      throw new FunctionError(
          "the default value itself refers to missing field " + ((Missing) fallback).path());
    }
    if (args.size() < 2 || Values.isEmpty(args.get(1))) {
      return fallback;
    }
    return args.get(1);
  }

  private static Object quote(List<@Nullable Object> args, Scope scope) {
    List<String> out = new ArrayList<>();
    for (Object a : args) {
      if (a != null) {
        out.add(GoFormat.quote(Values.print(a)));
      }
    }
    return String.join(" ", out);
  }

  private static Object printf(List<@Nullable Object> args, Scope scope) {
    Object format = args.get(0);
    if (!(format instanceof String)) {
      throw new FunctionError(
          "format must be a string, got " + Values.typeName(format) + " " + Values.print(format));
    }
    return GoFormat.sprintf((String) format, args.subList(1, args.size()));
  }

  private static String text(@Nullable Object value) {
    return value == null ? "" : Values.print(value);
  }
}

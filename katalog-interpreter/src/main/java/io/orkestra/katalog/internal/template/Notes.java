package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.support.GoDuration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Orkestra notes (function library, spec section 6) implemented so far. All are pure and
 * nil-safe: time comes only from {@link Scope#clock()}, randomness only from {@link
 * Scope#random()}. Argument order puts the subject last so it can be piped, as Sprig does ({@code
 * {{ .spec.name | trimPrefix "x-" }}}).
 *
 * <ul>
 *   <li>String: {@code trim s}, {@code trimPrefix p s}, {@code trimSuffix p s}, {@code hasPrefix p
 *       s}, {@code hasSuffix p s}, {@code contains sub s}, {@code replace old new s}, {@code split
 *       sep s} (a list), {@code join sep list}, {@code repeat n s}, {@code camelToKebab s}, {@code
 *       truncate n s} (first n characters).
 *   <li>Math (int64, float64 when any argument is a float): {@code add a b...}, {@code sub a b},
 *       {@code mul a b...}, {@code div a b} (integer division truncates; by zero is an error),
 *       {@code mod a b}, {@code min a b...}, {@code max a b...}, {@code clamp lo hi x}, {@code abs
 *       x}. Numeric strings are accepted.
 *   <li>Conditional: {@code ternary a b cond}, {@code coalesce v...} (first non-empty), {@code
 *       empty v}, {@code notEmpty v} (missing fields allowed).
 *   <li>Type: {@code toInt}, {@code toFloat}, {@code toBool}, {@code toString}, {@code toJson} /
 *       {@code toJSON} (Go's encoding/json: sorted map keys, {@code <>&} escaped), {@code typeOf}
 *       ({@code string int float bool map list nil}), {@code typeMap typeList typeString typeNumber
 *       typeBool typeNull isScalar isComposite}.
 *   <li>Data: {@code toBase64}, {@code fromBase64}, {@code sha256sum} (hex), {@code slugify}
 *       (lower case, runs of other characters become one {@code -}), {@code truncateName s} (at
 *       most 63 characters, no trailing {@code -} or {@code .}, a Kubernetes name).
 *   <li>Random: {@code randomAlphanumeric n}, {@code randomHex n}.
 *   <li>Time: {@code now} (RFC 3339, UTC), {@code timeFormat LAYOUT [TIME]} (Go layout such as
 *       {@code 2006-01-02T15:04:05Z07:00}; TIME in RFC 3339, default now), {@code
 *       durationSeconds D} (Go duration), {@code isExpired TIME}.
 *   <li>List/map: {@code listHas list v}, {@code listGet list i}, {@code listLen list}, {@code
 *       mapGet map key}, {@code mapKeys map} (sorted), {@code mapValues map} (by sorted key),
 *       {@code mapPick map key...}, {@code mapOmit map key...}.
 *   <li>Safe access: {@code getOr obj "a.b" default}, {@code getStringOr}, {@code getIntOr},
 *       {@code getBoolOr}: the value at the dot path, or the default when absent or of another
 *       type.
 *   <li>Kubernetes (on an object map): {@code name}, {@code namespace}, {@code labels}, {@code
 *       annotations}, {@code getLabel obj key}, {@code getAnnotation obj key}, {@code generation},
 *       {@code observedGeneration}, {@code phase}, {@code hasCondition obj type [status]} (status
 *       defaults to {@code True}), {@code conditionReason obj type}, {@code conditionMessage obj
 *       type}, {@code meta}, {@code spec}, {@code status} (the sub-map or an empty map), {@code get
 *       obj "a.b"} (nil when absent), {@code isTerminating} ({@code metadata.deletionTimestamp}
 *       set), {@code isSynced} ({@code metadata.generation == status.observedGeneration}).
 *   <li>Coercion: {@code toList}/{@code asList} (a list stays, nil is {@code []}, a scalar
 *       becomes a one-element list), {@code asMap} (a map, else an empty map), {@code asString}.
 *   <li>More time and random: {@code durationValid D}, {@code timeSince TIME} and {@code
 *       timeUntil TIME} (whole seconds, RFC 3339), {@code randomBase64 n} (n random bytes,
 *       base64).
 *   <li>Network, versions and images: see {@link MoreNotes}.
 * </ul>
 */
final class Notes {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String ALNUM =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private Notes() {}

  private static TemplateFunction fn(String name, int min, int max, TemplateFunction.Impl impl) {
    return new TemplateFunction(name, min, max, false, impl);
  }

  private static TemplateFunction lenient(
      String name, int min, int max, TemplateFunction.Impl impl) {
    return new TemplateFunction(name, min, max, true, impl);
  }

  static List<TemplateFunction> all() {
    List<TemplateFunction> f = new ArrayList<>();
    // string
    f.add(fn("trim", 1, 1, (a, s) -> str(a, 0).strip()));
    f.add(fn("trimPrefix", 2, 2, (a, s) -> trimPrefix(str(a, 0), str(a, 1))));
    f.add(fn("trimSuffix", 2, 2, (a, s) -> trimSuffix(str(a, 0), str(a, 1))));
    f.add(fn("hasPrefix", 2, 2, (a, s) -> str(a, 1).startsWith(str(a, 0))));
    f.add(fn("hasSuffix", 2, 2, (a, s) -> str(a, 1).endsWith(str(a, 0))));
    f.add(fn("contains", 2, 2, (a, s) -> str(a, 1).contains(str(a, 0))));
    f.add(fn("replace", 3, 3, (a, s) -> str(a, 2).replace(str(a, 0), str(a, 1))));
    f.add(fn("split", 2, 2, (a, s) -> split(str(a, 0), str(a, 1))));
    f.add(fn("join", 2, 2, (a, s) -> join(str(a, 0), a.get(1))));
    f.add(fn("repeat", 2, 2, (a, s) -> repeat(a)));
    f.add(fn("camelToKebab", 1, 1, (a, s) -> camelToKebab(str(a, 0))));
    f.add(fn("truncate", 2, 2, (a, s) -> truncate(str(a, 1), (int) toLong(a.get(0)))));
    // math
    f.add(fn("add", 1, -1, (a, s) -> arith('+', a)));
    f.add(fn("sub", 2, 2, (a, s) -> arith('-', a)));
    f.add(fn("mul", 1, -1, (a, s) -> arith('*', a)));
    f.add(fn("div", 2, 2, (a, s) -> arith('/', a)));
    f.add(fn("mod", 2, 2, (a, s) -> arith('%', a)));
    f.add(fn("min", 1, -1, (a, s) -> extreme(a, true)));
    f.add(fn("max", 1, -1, (a, s) -> extreme(a, false)));
    f.add(fn("clamp", 3, 3, (a, s) -> clamp(a)));
    f.add(fn("abs", 1, 1, (a, s) -> abs(a.get(0))));
    // conditional
    f.add(fn("ternary", 3, 3, (a, s) -> Evaluator.truth(a.get(2)) ? a.get(0) : a.get(1)));
    f.add(lenient("coalesce", 0, -1, (a, s) -> coalesce(a)));
    f.add(lenient("empty", 1, 1, (a, s) -> Values.isEmpty(a.get(0))));
    f.add(lenient("notEmpty", 1, 1, (a, s) -> !Values.isEmpty(a.get(0))));
    // type
    f.add(fn("toInt", 1, 1, (a, s) -> toLong(a.get(0))));
    f.add(fn("toFloat", 1, 1, (a, s) -> toDouble(a.get(0))));
    f.add(fn("toBool", 1, 1, (a, s) -> toBool(a.get(0))));
    f.add(fn("toString", 1, 1, (a, s) -> a.get(0) == null ? "" : Values.print(a.get(0))));
    f.add(fn("toJson", 1, 1, (a, s) -> toJson(a.get(0))));
    f.add(fn("toJSON", 1, 1, (a, s) -> toJson(a.get(0))));
    f.add(lenient("typeOf", 1, 1, (a, s) -> typeOf(a.get(0))));
    f.add(lenient("typeMap", 1, 1, (a, s) -> typeOf(a.get(0)).equals("map")));
    f.add(lenient("typeList", 1, 1, (a, s) -> typeOf(a.get(0)).equals("list")));
    f.add(lenient("typeString", 1, 1, (a, s) -> typeOf(a.get(0)).equals("string")));
    f.add(
        lenient(
            "typeNumber",
            1,
            1,
            (a, s) -> a.get(0) instanceof Long || a.get(0) instanceof Double));
    f.add(lenient("typeBool", 1, 1, (a, s) -> typeOf(a.get(0)).equals("bool")));
    f.add(lenient("typeNull", 1, 1, (a, s) -> typeOf(a.get(0)).equals("nil")));
    f.add(
        lenient(
            "isScalar", 1, 1, (a, s) -> !(a.get(0) instanceof JsonNode) && isPresent(a.get(0))));
    f.add(lenient("isComposite", 1, 1, (a, s) -> a.get(0) instanceof JsonNode));
    // data
    f.add(
        fn(
            "toBase64",
            1,
            1,
            (a, s) ->
                Base64.getEncoder().encodeToString(str(a, 0).getBytes(StandardCharsets.UTF_8))));
    f.add(fn("fromBase64", 1, 1, (a, s) -> fromBase64(str(a, 0))));
    f.add(fn("sha256sum", 1, 1, (a, s) -> sha256(str(a, 0))));
    f.add(fn("slugify", 1, 1, (a, s) -> slugify(str(a, 0))));
    f.add(fn("truncateName", 1, 1, (a, s) -> truncateName(str(a, 0))));
    // random
    f.add(fn("randomAlphanumeric", 1, 1, (a, s) -> random(s, ALNUM, a.get(0))));
    f.add(fn("randomHex", 1, 1, (a, s) -> random(s, "0123456789abcdef", a.get(0))));
    // time
    f.add(fn("now", 0, 0, (a, s) -> rfc3339(s.clock().instant())));
    f.add(fn("timeFormat", 1, 2, (a, s) -> timeFormat(a, s)));
    f.add(fn("durationSeconds", 1, 1, (a, s) -> durationSeconds(str(a, 0))));
    f.add(fn("isExpired", 1, 1, (a, s) -> parseTime(str(a, 0)).isBefore(s.clock().instant())));
    // list and map
    f.add(fn("listHas", 2, 2, (a, s) -> listHas(a.get(0), a.get(1))));
    f.add(lenient("listGet", 2, 2, (a, s) -> listGet(a.get(0), a.get(1))));
    f.add(lenient("listLen", 1, 1, (a, s) -> (long) list(a.get(0)).size()));
    f.add(lenient("mapGet", 2, 2, (a, s) -> Values.fromJson(map(a.get(0)).get(str(a, 1)))));
    f.add(lenient("mapKeys", 1, 1, (a, s) -> mapKeys(map(a.get(0)))));
    f.add(lenient("mapValues", 1, 1, (a, s) -> mapValues(map(a.get(0)))));
    f.add(lenient("mapPick", 1, -1, (a, s) -> mapFilter(a, true)));
    f.add(lenient("mapOmit", 1, -1, (a, s) -> mapFilter(a, false)));
    // safe access
    f.add(lenient("getOr", 3, 3, (a, s) -> getOr(a, null)));
    f.add(lenient("getStringOr", 3, 3, (a, s) -> getOr(a, String.class)));
    f.add(lenient("getIntOr", 3, 3, (a, s) -> getOr(a, Long.class)));
    f.add(lenient("getBoolOr", 3, 3, (a, s) -> getOr(a, Boolean.class)));
    // kubernetes
    f.add(lenient("name", 1, 1, (a, s) -> path(a.get(0), "metadata.name", "")));
    f.add(lenient("namespace", 1, 1, (a, s) -> path(a.get(0), "metadata.namespace", "")));
    f.add(lenient("labels", 1, 1, (a, s) -> path(a.get(0), "metadata.labels", NODES.objectNode())));
    f.add(
        lenient(
            "annotations",
            1,
            1,
            (a, s) -> path(a.get(0), "metadata.annotations", NODES.objectNode())));
    f.add(
        lenient("getLabel", 2, 2, (a, s) -> path(a.get(0), "metadata.labels", null) == null
            ? ""
            : stringOr(map(path(a.get(0), "metadata.labels", null)).get(str(a, 1)))));
    f.add(
        lenient("getAnnotation", 2, 2, (a, s) -> path(a.get(0), "metadata.annotations", null)
            == null
            ? ""
            : stringOr(map(path(a.get(0), "metadata.annotations", null)).get(str(a, 1)))));
    f.add(lenient("generation", 1, 1, (a, s) -> path(a.get(0), "metadata.generation", 0L)));
    f.add(
        lenient(
            "observedGeneration", 1, 1, (a, s) -> path(a.get(0), "status.observedGeneration", 0L)));
    f.add(lenient("phase", 1, 1, (a, s) -> path(a.get(0), "status.phase", "")));
    f.add(lenient("hasCondition", 2, 3, (a, s) -> hasCondition(a)));
    f.add(lenient("conditionReason", 2, 2, (a, s) -> conditionField(a, "reason")));
    f.add(lenient("conditionMessage", 2, 2, (a, s) -> conditionField(a, "message")));
    f.add(lenient("meta", 1, 1, (a, s) -> path(a.get(0), "metadata", NODES.objectNode())));
    f.add(lenient("spec", 1, 1, (a, s) -> path(a.get(0), "spec", NODES.objectNode())));
    f.add(lenient("status", 1, 1, (a, s) -> path(a.get(0), "status", NODES.objectNode())));
    f.add(lenient("get", 2, 2, (a, s) -> path(a.get(0), str(a, 1), null)));
    f.add(
        lenient(
            "isTerminating",
            1,
            1,
            (a, s) -> path(a.get(0), "metadata.deletionTimestamp", null) != null));
    f.add(
        lenient(
            "isSynced",
            1,
            1,
            (a, s) ->
                path(a.get(0), "metadata.generation", 0L)
                    .equals(path(a.get(0), "status.observedGeneration", -1L))));
    // coercion
    f.add(lenient("toList", 1, 1, (a, s) -> asList(a.get(0))));
    f.add(lenient("asList", 1, 1, (a, s) -> asList(a.get(0))));
    f.add(
        lenient(
            "asMap",
            1,
            1,
            (a, s) ->
                a.get(0) instanceof JsonNode && ((JsonNode) a.get(0)).isObject()
                    ? a.get(0)
                    : NODES.objectNode()));
    f.add(lenient("asString", 1, 1, (a, s) -> str(a, 0)));
    // more time and random
    f.add(fn("durationValid", 1, 1, (a, s) -> durationValid(str(a, 0))));
    f.add(
        fn(
            "timeSince",
            1,
            1,
            (a, s) ->
                java.time.Duration.between(parseTime(str(a, 0)), s.clock().instant()).getSeconds()));
    f.add(
        fn(
            "timeUntil",
            1,
            1,
            (a, s) ->
                java.time.Duration.between(s.clock().instant(), parseTime(str(a, 0))).getSeconds()));
    f.add(fn("randomBase64", 1, 1, (a, s) -> randomBase64(s, a.get(0))));
    f.addAll(MoreNotes.all());
    return f;
  }

  // ---- helpers

  private static boolean isPresent(@Nullable Object v) {
    return v != null && !(v instanceof Missing);
  }

  private static String str(List<@Nullable Object> a, int i) {
    Object v = a.get(i);
    return isPresent(v) ? Values.print(v) : "";
  }

  private static String stringOr(@Nullable JsonNode node) {
    Object v = Values.fromJson(node);
    return v == null ? "" : Values.print(v);
  }

  private static String trimPrefix(String prefix, String s) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String trimSuffix(String suffix, String s) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static ArrayNode split(String sep, String s) {
    ArrayNode out = NODES.arrayNode();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return out;
    }
    int from = 0;
    while (true) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, at));
      from = at + sep.length();
    }
  }

  private static String join(String sep, @Nullable Object list) {
    StringBuilder sb = new StringBuilder();
    List<JsonNode> items = list(list);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      Object v = Values.fromJson(items.get(i));
      sb.append(v == null ? "" : Values.print(v));
    }
    return sb.toString();
  }

  private static String repeat(List<@Nullable Object> a) {
    long n = toLong(a.get(0));
    String s = str(a, 1);
    if (n < 0 || n * s.length() > Evaluator.MAX_OUTPUT) {
      throw new FunctionError("repeat count " + n + " is negative or too large");
    }
    return s.repeat((int) n);
  }

  private static String camelToKebab(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean prevLower = i > 0 && !Character.isUpperCase(s.charAt(i - 1)) && s.charAt(i - 1) != '-';
        boolean nextLower = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
        if (i > 0 && (prevLower || (nextLower && Character.isUpperCase(s.charAt(i - 1))))) {
          sb.append('-');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c == '_' || c == ' ' ? '-' : c);
      }
    }
    return sb.toString();
  }

  private static String truncate(String s, int n) {
    if (n < 0) {
      throw new FunctionError("negative length " + n);
    }
    int cps = s.codePointCount(0, s.length());
    return cps <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }

  private static Object arith(char op, List<@Nullable Object> a) {
    boolean floating = false;
    for (Object v : a) {
      floating |= v instanceof Double || (v instanceof String && ((String) v).contains("."));
    }
    if (floating) {
      double acc = toDouble(a.get(0));
      for (int i = 1; i < a.size(); i++) {
        double x = toDouble(a.get(i));
        if ((op == '/' || op == '%') && x == 0) {
          throw new FunctionError("division by zero");
        }
        acc = op == '+' ? acc + x : op == '-' ? acc - x : op == '*' ? acc * x : op == '/' ? acc / x
            : acc % x;
      }
      return acc;
    }
    long acc = toLong(a.get(0));
    for (int i = 1; i < a.size(); i++) {
      long x = toLong(a.get(i));
      if ((op == '/' || op == '%') && x == 0) {
        throw new FunctionError("division by zero");
      }
      try {
        acc =
            op == '+'
                ? Math.addExact(acc, x)
                : op == '-'
                    ? Math.subtractExact(acc, x)
                    : op == '*' ? Math.multiplyExact(acc, x) : op == '/' ? acc / x : acc % x;
      } catch (ArithmeticException e) {
        throw new FunctionError("integer overflow");
      }
    }
    return acc;
  }

  private static Object extreme(List<@Nullable Object> a, boolean min) {
    boolean floating = a.stream().anyMatch(v -> v instanceof Double);
    if (floating) {
      double best = toDouble(a.get(0));
      for (Object v : a) {
        best = min ? Math.min(best, toDouble(v)) : Math.max(best, toDouble(v));
      }
      return best;
    }
    long best = toLong(a.get(0));
    for (Object v : a) {
      best = min ? Math.min(best, toLong(v)) : Math.max(best, toLong(v));
    }
    return best;
  }

  private static Object clamp(List<@Nullable Object> a) {
    Object low = extreme(List.of(a.get(2), a.get(0)), false);
    List<@Nullable Object> args = new ArrayList<>();
    args.add(low);
    args.add(a.get(1));
    return extreme(args, true);
  }

  private static Object abs(@Nullable Object v) {
    if (v instanceof Double) {
      return Math.abs((Double) v);
    }
    long x = toLong(v);
    if (x == Long.MIN_VALUE) {
      throw new FunctionError("integer overflow");
    }
    return Math.abs(x);
  }

  private static @Nullable Object coalesce(List<@Nullable Object> a) {
    for (Object v : a) {
      if (!Values.isEmpty(v)) {
        return v;
      }
    }
    return null;
  }

  static long toLong(@Nullable Object v) {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double) {
      return (long) (double) (Double) v;
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? 1 : 0;
    }
    if (v instanceof String) {
      String s = ((String) v).strip();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        try {
          return (long) Double.parseDouble(s);
        } catch (NumberFormatException e2) {
          throw new FunctionError("cannot convert " + GoFormat.quote(s) + " to int");
        }
      }
    }
    if (!isPresent(v)) {
      return 0;
    }
    throw new FunctionError("cannot convert " + Values.typeName(v) + " to int");
  }

  static double toDouble(@Nullable Object v) {
    if (v instanceof Double) {
      return (Double) v;
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble(((String) v).strip());
      } catch (NumberFormatException e) {
        throw new FunctionError("cannot convert " + GoFormat.quote((String) v) + " to float");
      }
    }
    return toLong(v);
  }

  private static boolean toBool(@Nullable Object v) {
    if (v instanceof String) {
      String s = ((String) v).strip().toLowerCase(Locale.ROOT);
      switch (s) {
        case "true":
        case "1":
        case "t":
        case "yes":
        case "y":
          return true;
        case "false":
        case "0":
        case "f":
        case "no":
        case "n":
        case "":
          return false;
        default:
          throw new FunctionError("cannot convert " + GoFormat.quote((String) v) + " to bool");
      }
    }
    return Evaluator.truth(v);
  }

  private static String typeOf(@Nullable Object v) {
    if (!isPresent(v)) {
      return "nil";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    return ((JsonNode) v).isObject() ? "map" : "list";
  }

  /** Go's {@code json.Marshal}: map keys sorted, {@code < > &} escaped, floats shortest. */
  static String toJson(@Nullable Object v) {
    StringBuilder sb = new StringBuilder();
    writeJson(v instanceof JsonNode ? (JsonNode) v : toNode(v), sb);
    return sb.toString();
  }

  static JsonNode toNode(@Nullable Object v) {
    if (v instanceof JsonNode) {
      return (JsonNode) v;
    }
    if (v instanceof String) {
      return NODES.textNode((String) v);
    }
    if (v instanceof Long) {
      return NODES.numberNode((Long) v);
    }
    if (v instanceof Double) {
      return NODES.numberNode((Double) v);
    }
    if (v instanceof Boolean) {
      return NODES.booleanNode((Boolean) v);
    }
    return NODES.nullNode();
  }

  private static void writeJson(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeString(keys.get(i), sb);
        sb.append(':');
        writeJson(n.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeJson(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      writeString(n.textValue(), sb);
    } else if (n.isNull() || n.isMissingNode()) {
      sb.append("null");
    } else if (n.isNumber() && !n.isIntegralNumber()) {
      double d = n.doubleValue();
      double abs = Math.abs(d);
      // encoding/json: %f-like for 1e-6 <= |x| < 1e21, else exponent form
      sb.append(
          abs != 0 && (abs < 1e-6 || abs >= 1e21)
              ? GoFormat.formatFloat(d).replace("e-0", "e-")
              : new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString());
    } else {
      sb.append(n.asText());
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static String fromBase64(String s) {
    try {
      return new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new FunctionError("illegal base64 data: " + e.getMessage());
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String slugify(String s) {
    StringBuilder sb = new StringBuilder();
    boolean dash = false;
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (dash && sb.length() > 0) {
          sb.append('-');
        }
        dash = false;
        sb.append(c);
      } else {
        dash = true;
      }
    }
    return sb.toString();
  }

  private static String truncateName(String s) {
    String t = s.length() > 63 ? s.substring(0, 63) : s;
    int end = t.length();
    while (end > 0 && (t.charAt(end - 1) == '-' || t.charAt(end - 1) == '.')) {
      end--;
    }
    return t.substring(0, end);
  }

  private static String random(Scope scope, String alphabet, @Nullable Object count) {
    long n = toLong(count);
    if (n < 0 || n > 4096) {
      throw new FunctionError("length " + n + " is outside 0..4096");
    }
    StringBuilder sb = new StringBuilder((int) n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(scope.random().nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static ArrayNode asList(@Nullable Object v) {
    if (v instanceof JsonNode && ((JsonNode) v).isArray()) {
      return (ArrayNode) v;
    }
    ArrayNode out = NODES.arrayNode();
    if (isPresent(v)) {
      out.add(toNode(v));
    }
    return out;
  }

  private static boolean durationValid(String s) {
    try {
      GoDuration.parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String randomBase64(Scope scope, @Nullable Object count) {
    long n = toLong(count);
    if (n < 0 || n > 4096) {
      throw new FunctionError("length " + n + " is outside 0..4096");
    }
    byte[] bytes = new byte[(int) n];
    scope.random().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String rfc3339(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace("+00:00", "Z");
  }

  private static Instant parseTime(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new FunctionError("cannot parse " + GoFormat.quote(s) + " as an RFC 3339 time");
    }
  }

  private static String timeFormat(List<@Nullable Object> a, Scope scope) {
    Instant t = a.size() > 1 ? parseTime(str(a, 1)) : scope.clock().instant();
    return GoTime.format(str(a, 0), OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  private static long durationSeconds(String s) {
    try {
      return GoDuration.parse(s).getSeconds();
    } catch (IllegalArgumentException e) {
      throw new FunctionError(e.getMessage());
    }
  }

  private static List<JsonNode> list(@Nullable Object v) {
    List<JsonNode> out = new ArrayList<>();
    if (v instanceof JsonNode && ((JsonNode) v).isArray()) {
      ((JsonNode) v).elements().forEachRemaining(out::add);
    } else if (isPresent(v)) {
      throw new FunctionError("expected a list, got " + Values.typeName(v));
    }
    return out;
  }

  private static JsonNode map(@Nullable Object v) {
    if (v instanceof JsonNode && ((JsonNode) v).isObject()) {
      return (JsonNode) v;
    }
    if (isPresent(v)) {
      throw new FunctionError("expected a map, got " + Values.typeName(v));
    }
    return NODES.objectNode();
  }

  private static boolean listHas(@Nullable Object list, @Nullable Object value) {
    for (JsonNode n : list(list)) {
      Object v = Values.fromJson(n);
      if (v == null ? value == null : v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Object listGet(@Nullable Object list, @Nullable Object index) {
    List<JsonNode> items = list(list);
    long i = toLong(index);
    return i >= 0 && i < items.size() ? Values.fromJson(items.get((int) i)) : null;
  }

  private static ArrayNode mapKeys(JsonNode map) {
    ArrayNode out = NODES.arrayNode();
    sortedKeys(map).forEach(out::add);
    return out;
  }

  private static ArrayNode mapValues(JsonNode map) {
    ArrayNode out = NODES.arrayNode();
    sortedKeys(map).forEach(k -> out.add(map.get(k)));
    return out;
  }

  private static List<String> sortedKeys(JsonNode map) {
    List<String> keys = new ArrayList<>();
    map.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }

  private static ObjectNode mapFilter(List<@Nullable Object> a, boolean pick) {
    JsonNode map = map(a.get(0));
    List<String> keys = new ArrayList<>();
    for (int i = 1; i < a.size(); i++) {
      keys.add(str(a, i));
    }
    ObjectNode out = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (keys.contains(e.getKey()) == pick) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static @Nullable Object path(@Nullable Object obj, String dotted, @Nullable Object dflt) {
    if (!(obj instanceof JsonNode)) {
      return dflt;
    }
    JsonNode n = (JsonNode) obj;
    for (String part : dotted.split("\\.")) {
      n = n.isObject() ? n.get(part) : null;
      if (n == null || n.isNull()) {
        return dflt;
      }
    }
    Object v = Values.fromJson(n);
    return v == null ? dflt : v;
  }

  private static @Nullable Object getOr(List<@Nullable Object> a, @Nullable Class<?> type) {
    Object dflt = a.get(2);
    Object v = path(a.get(0), str(a, 1), null);
    if (v == null || (type != null && !type.isInstance(v))) {
      return dflt instanceof Missing ? null : dflt;
    }
    return v;
  }

  private static @Nullable JsonNode condition(List<@Nullable Object> a) {
    Object conditions = path(a.get(0), "status.conditions", null);
    if (!(conditions instanceof JsonNode) || !((JsonNode) conditions).isArray()) {
      return null;
    }
    String type = str(a, 1);
    for (JsonNode c : (JsonNode) conditions) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  private static boolean hasCondition(List<@Nullable Object> a) {
    JsonNode c = condition(a);
    String want = a.size() > 2 ? str(a, 2) : "True";
    return c != null && want.equals(c.path("status").asText());
  }

  private static String conditionField(List<@Nullable Object> a, String field) {
    JsonNode c = condition(a);
    return c == null ? "" : c.path(field).asText("");
  }
}

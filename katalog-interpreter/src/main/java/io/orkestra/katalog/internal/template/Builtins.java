package io.orkestra.katalog.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The functions of this slice, with Sprig/Orkestra semantics:
 *
 * <ul>
 *   <li>{@code default DEFAULT [VALUE]}: VALUE unless it is empty (missing, nil, {@code ""}, 0,
 *       false, empty collection), else DEFAULT. Accepts missing fields, which makes {@code {{
 *       .spec.x | default 1 }}} safe.
 *   <li>{@code quote VALUE...}: each non-nil value Go-quoted, joined by spaces.
 *   <li>{@code upper}/{@code toUpper}, {@code lower}/{@code toLower}: case mapping of the printed
 *       value.
 *   <li>{@code printf FORMAT VALUE...}: Go's {@code fmt.Sprintf} ({@link GoFormat}).
 * </ul>
 */
final class Builtins {

  private Builtins() {}

  static List<TemplateFunction> all() {
    List<TemplateFunction> fns = new ArrayList<>();
    fns.add(new TemplateFunction("default", 1, -1, true, Builtins::defaultValue));
    fns.add(new TemplateFunction("quote", 0, -1, false, Builtins::quote));
    TemplateFunction.Impl upper = (args, scope) -> text(args.get(0)).toUpperCase(Locale.ROOT);
    TemplateFunction.Impl lower = (args, scope) -> text(args.get(0)).toLowerCase(Locale.ROOT);
    fns.add(new TemplateFunction("upper", 1, 1, false, upper));
    fns.add(new TemplateFunction("toUpper", 1, 1, false, upper));
    fns.add(new TemplateFunction("lower", 1, 1, false, lower));
    fns.add(new TemplateFunction("toLower", 1, 1, false, lower));
    fns.add(new TemplateFunction("printf", 1, -1, false, Builtins::printf));
    return fns;
  }

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

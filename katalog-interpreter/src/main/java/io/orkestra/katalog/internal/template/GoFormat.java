package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The parts of Go's {@code fmt} and {@code strconv} that templates observe: {@code Sprintf} (verbs
 * {@code %v %s %d %q %t %f %e %E %g %c %o %b %x %X %%}, flags {@code - 0 +}, width and precision), {@code
 * strconv.Quote} and the shortest float formatting of {@code %v}. Mistakes are rendered inline as
 * Go does ({@code %!d(string=abc)}, {@code %!s(MISSING)}, {@code %!(EXTRA ...)}).
 */
public final class GoFormat {

  private GoFormat() {}

  /**
   * Go's {@code fmt.Sprintf}.
   *
   * @param format the format
   * @param args the arguments
   * @return the formatted text
   * @throws FunctionError for a verb this slice does not implement yet
   */
  public static String sprintf(String format, List<@Nullable Object> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      boolean minus = false;
      boolean zero = false;
      boolean plus = false;
      while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) {
        char f = format.charAt(i++);
        minus |= f == '-';
        zero |= f == '0';
        plus |= f == '+';
      }
      int width = -1;
      int start = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > start) {
        width = Integer.parseInt(format.substring(start, i));
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object arg = args.get(argIndex++);
      String text = formatOne(verb, arg, precision, plus);
      boolean numeric = arg instanceof Long || arg instanceof Double;
      out.append(pad(text, width, minus, zero && numeric && !minus));
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < args.size(); k++) {
        if (k > argIndex) {
          out.append(", ");
        }
        Object extra = args.get(k);
        out.append(Values.typeName(extra)).append('=').append(Values.print(extra));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String formatOne(char verb, @Nullable Object arg, int precision, boolean plus) {
    switch (verb) {
      case 'v':
        return withPlus(Values.print(arg), arg, plus);
      case 's':
        if (arg instanceof String || arg instanceof JsonNode) {
          String s = Values.print(arg);
          return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }
        return bad(verb, arg);
      case 'd':
        return arg instanceof Long ? withPlus(String.valueOf(arg), arg, plus) : bad(verb, arg);
      case 'q':
        if (arg instanceof String) {
          return quote((String) arg);
        }
        if (arg instanceof Long) {
          return "'" + new String(Character.toChars((int) (long) (Long) arg)) + "'";
        }
        return bad(verb, arg);
      case 't':
        return arg instanceof Boolean ? String.valueOf(arg) : bad(verb, arg);
      case 'f':
      case 'F':
        if (arg instanceof Double) {
          BigDecimal bd = new BigDecimal((Double) arg);
          String s =
              bd.setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString();
          return withPlus(s, arg, plus);
        }
        return bad(verb, arg);
      case 'c':
        return arg instanceof Long ? new String(Character.toChars((int) (long) (Long) arg)) : bad(verb, arg);
      case 'o':
        return arg instanceof Long ? withPlus(signed((Long) arg, 8), arg, plus) : bad(verb, arg);
      case 'b':
        return arg instanceof Long ? withPlus(signed((Long) arg, 2), arg, plus) : bad(verb, arg);
      case 'e':
      case 'E':
        if (arg instanceof Double) {
          String e = exponent((Double) arg, precision < 0 ? 6 : precision);
          return withPlus(verb == 'E' ? e.toUpperCase(Locale.ROOT) : e, arg, plus);
        }
        return bad(verb, arg);
      case 'g':
        if (arg instanceof Double && precision < 0) {
          return withPlus(formatFloat((Double) arg), arg, plus);
        }
        return bad(verb, arg);
      case 'x':
      case 'X':
        String hex;
        if (arg instanceof Long) {
          long v = (Long) arg;
          hex = (v < 0 ? "-" : "") + Long.toHexString(Math.abs(v));
        } else if (arg instanceof String) {
          StringBuilder sb = new StringBuilder();
          for (byte b : ((String) arg).getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
          }
          hex = sb.toString();
        } else {
          return bad(verb, arg);
        }
        return verb == 'X' ? hex.toUpperCase(Locale.ROOT) : hex;
      default:
        throw new FunctionError("printf verb %" + verb + " is not supported yet");
    }
  }

  private static String signed(long v, int radix) {
    return v < 0
        ? "-" + new java.math.BigInteger(Long.toString(v)).negate().toString(radix)
        : Long.toString(v, radix);
  }

  /** Go's {@code %e}: d.dddddde+XX with at least two exponent digits. */
  private static String exponent(double d, int precision) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return formatFloat(d);
    }
    if (d == 0) {
      return (1 / d < 0 ? "-" : "")
          + (precision > 0 ? "0." + "0".repeat(precision) : "0")
          + "e+00";
    }
    BigDecimal bd = new BigDecimal(d).abs();
    int exp = bd.precision() - bd.scale() - 1;
    BigDecimal mantissa = bd.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
    if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
      exp++;
      mantissa = bd.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
    }
    String e = String.valueOf(Math.abs(exp));
    return (d < 0 ? "-" : "")
        + mantissa.toPlainString()
        + "e"
        + (exp < 0 ? "-" : "+")
        + (e.length() < 2 ? "0" + e : e);
  }

  private static String withPlus(String s, @Nullable Object arg, boolean plus) {
    boolean number = arg instanceof Long || arg instanceof Double;
    return plus && number && !s.startsWith("-") ? "+" + s : s;
  }

  private static String bad(char verb, @Nullable Object arg) {
    if (arg == null) {
      return "%!" + verb + "(<nil>)";
    }
    return "%!" + verb + "(" + Values.typeName(arg) + "=" + Values.print(arg) + ")";
  }

  private static String pad(String s, int width, boolean left, boolean zeros) {
    if (width <= s.length()) {
      return s;
    }
    String fill = (zeros ? "0" : " ").repeat(width - s.length());
    if (left) {
      return s + fill;
    }
    if (zeros && (s.startsWith("-") || s.startsWith("+"))) {
      return s.charAt(0) + fill + s.substring(1);
    }
    return fill + s;
  }

  /**
   * Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes, backslashes and
   * control characters.
   *
   * @param s the string
   * @return the quoted string
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"':
                  sb.append("\\\"");
                  break;
                case '\\':
                  sb.append("\\\\");
                  break;
                case 7:
                  sb.append("\\a");
                  break;
                case '\b':
                  sb.append("\\b");
                  break;
                case '\f':
                  sb.append("\\f");
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
                case 11:
                  sb.append("\\v");
                  break;
                default:
                  if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format(Locale.ROOT, "\\x%02x", cp));
                  } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                    sb.append(
                        cp > 0xffff
                            ? String.format(Locale.ROOT, "\\U%08x", cp)
                            : String.format(Locale.ROOT, "\\u%04x", cp));
                  } else {
                    sb.appendCodePoint(cp);
                  }
              }
            });
    return sb.append('"').toString();
  }

  /**
   * A float as Go's {@code %v} prints it ({@code strconv.FormatFloat(d, 'g', -1, 64)}): the
   * shortest digits that round-trip, in exponent form when the decimal exponent is below -4 or at
   * least 6 ({@code 3}, {@code 1.5}, {@code 123456}, {@code 1e+06}, {@code 1e-05}).
   *
   * @param d the number
   * @return the text
   */
  public static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String sign = d < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.valueOf(Math.abs(exp));
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + bd.abs().toPlainString();
  }
}

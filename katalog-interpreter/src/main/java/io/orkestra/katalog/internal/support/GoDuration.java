package io.orkestra.katalog.internal.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations in Go's {@code time.ParseDuration} syntax, which Katalogs use for {@code
 * resync}, {@code timeout} and friends: a sequence of decimal numbers with units {@code ns}, {@code
 * us} ({@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}, such as {@code 30s}, {@code 1h30m}
 * or {@code 1.5s}; {@code 0} alone is allowed.
 */
public final class GoDuration {

  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * Parses a duration.
   *
   * @param text the duration text
   * @return the duration
   * @throws IllegalArgumentException naming the problem when {@code text} is not a Go duration
   */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration '" + text + "'");
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new IllegalArgumentException("invalid duration '" + text + "'");
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException(
            "missing unit in duration '" + text + "' (use ns, us, ms, s, m or h)");
      }
      Long nanos = NANOS_PER_UNIT.get(unit);
      if (nanos == null) {
        throw new IllegalArgumentException(
            "unknown unit '" + unit + "' in duration '" + text + "' (use ns, us, ms, s, m or h)");
      }
      totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanos)));
    }
    Duration d = Duration.ofNanos(totalNanos.longValue());
    return negative ? d.negated() : d;
  }
}

package io.orkestra.katalog.internal.template;

import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's {@code time.Format} layouts, written with the reference time {@code Mon Jan 2 15:04:05 MST
 * 2006}: {@code 2006 06 01 1 Jan January 02 2 _2 Mon Monday 15 03 3 04 4 05 5 PM pm MST Z07:00
 * Z0700 Z07 -07:00 -0700 -07 .000 .000000 .000000000 ,000}; everything else is copied. Times are
 * UTC, so {@code MST} prints {@code UTC} and {@code Z07:00} prints {@code Z}.
 */
final class GoTime {

  private static final String[] TOKENS = {
    "January", "Monday", "Z07:00", "-07:00", "Z0700", "-0700", ".000000000", ".000000", ".000",
    ",000", "2006", "Jan", "Mon", "MST", "Z07", "-07", "01", "02", "_2", "15", "03", "04", "05",
    "06", "PM", "pm", "1", "2", "3", "4", "5"
  };

  private GoTime() {}

  static String format(String layout, OffsetDateTime t) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    outer:
    while (i < layout.length()) {
      for (String token : TOKENS) {
        if (layout.startsWith(token, i)) {
          sb.append(value(token, t));
          i += token.length();
          continue outer;
        }
      }
      sb.append(layout.charAt(i++));
    }
    return sb.toString();
  }

  private static String value(String token, OffsetDateTime t) {
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    switch (token) {
      case "January":
        return t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Jan":
        return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "Monday":
        return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Mon":
        return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "Z07:00":
      case "Z0700":
      case "Z07":
        return "Z";
      case "-07:00":
        return "+00:00";
      case "-0700":
        return "+0000";
      case "-07":
        return "+00";
      case "MST":
        return "UTC";
      case ".000000000":
        return "." + two(t.getNano(), 9);
      case ".000000":
        return "." + two(t.getNano() / 1000, 6);
      case ".000":
        return "." + two(t.getNano() / 1_000_000, 3);
      case ",000":
        return "," + two(t.getNano() / 1_000_000, 3);
      case "2006":
        return two(t.getYear(), 4);
      case "06":
        return two(t.getYear() % 100, 2);
      case "01":
        return two(t.getMonthValue(), 2);
      case "1":
        return String.valueOf(t.getMonthValue());
      case "02":
        return two(t.getDayOfMonth(), 2);
      case "_2":
        return t.getDayOfMonth() < 10 ? " " + t.getDayOfMonth() : "" + t.getDayOfMonth();
      case "2":
        return String.valueOf(t.getDayOfMonth());
      case "15":
        return two(t.getHour(), 2);
      case "03":
        return two(hour12, 2);
      case "3":
        return String.valueOf(hour12);
      case "04":
        return two(t.getMinute(), 2);
      case "4":
        return String.valueOf(t.getMinute());
      case "05":
        return two(t.getSecond(), 2);
      case "5":
        return String.valueOf(t.getSecond());
      case "PM":
        return t.getHour() >= 12 ? "PM" : "AM";
      default: // "pm"
        return t.getHour() >= 12 ? "pm" : "am";
    }
  }

  private static String two(int v, int width) {
    String s = String.valueOf(v);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}

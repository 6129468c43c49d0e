package io.orkestra.katalog.internal.support;

import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A standard 5-field cron expression ({@code minute hour day-of-month month day-of-week}), read in
 * UTC by the time conditions of spec §2.6. Each field takes {@code *}, numbers, ranges {@code a-b},
 * steps {@code * /n} and {@code a-b/n}, and comma lists; months and weekdays also take three-letter
 * English names ({@code JAN}, {@code MON}); weekday 0 and 7 are both Sunday. As in Vixie cron,
 * when both day-of-month and day-of-week are restricted a day matching either one matches.
 *
 * @param minutes the minutes 0-59 that match
 * @param hours the hours 0-23
 * @param daysOfMonth the days 1-31
 * @param months the months 1-12
 * @param daysOfWeek the weekdays 0-6, 0 = Sunday
 * @param domStar whether the day-of-month field was unrestricted ({@code *})
 * @param dowStar whether the day-of-week field was unrestricted
 */
public record CronSchedule(
    BitSet minutes,
    BitSet hours,
    BitSet daysOfMonth,
    BitSet months,
    BitSet daysOfWeek,
    boolean domStar,
    boolean dowStar) {

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4),
          Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8),
          Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

  /** Defensive copies. */
  public CronSchedule {
    minutes = (BitSet) minutes.clone();
    hours = (BitSet) hours.clone();
    daysOfMonth = (BitSet) daysOfMonth.clone();
    months = (BitSet) months.clone();
    daysOfWeek = (BitSet) daysOfWeek.clone();
  }

  /**
   * Parses an expression.
   *
   * @param text five fields separated by spaces
   * @return the schedule
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static CronSchedule parse(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException(
          "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got "
              + (text.isBlank() ? 0 : f.length));
    }
    BitSet dow = field(f[4], 0, 7, DAYS, "day-of-week");
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    return new CronSchedule(
        field(f[0], 0, 59, Map.of(), "minute"),
        field(f[1], 0, 23, Map.of(), "hour"),
        field(f[2], 1, 31, Map.of(), "day-of-month"),
        field(f[3], 1, 12, MONTHS, "month"),
        dow,
        f[2].equals("*") || f[2].equals("?"),
        f[4].equals("*") || f[4].equals("?"));
  }

  /**
   * Whether the schedule fires in the minute of {@code t} (seconds are ignored).
   *
   * @param t the time, in the zone the schedule is read in
   * @return {@code true} when every field matches
   */
  public boolean matches(ZonedDateTime t) {
    if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (domStar || dowStar) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static BitSet field(
      String text, int min, int max, Map<String, Integer> names, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, Map.of(), what);
        range = part.substring(0, slash);
      }
      int lo;
      int hi;
      if (range.equals("*") || range.equals("?")) {
        lo = min;
        hi = max;
      } else {
        int dash = range.indexOf('-');
        lo = number(dash >= 0 ? range.substring(0, dash) : range, min, max, names, what);
        hi = dash >= 0 ? number(range.substring(dash + 1), min, max, names, what)
            : slash >= 0 ? max : lo;
        if (hi < lo) {
          throw new IllegalArgumentException(what + " range " + range + " runs backwards");
        }
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(
      String text, int min, int max, Map<String, Integer> names, String what) {
    Integer named = names.get(text.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    try {
      int v = Integer.parseInt(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        what + " field: '" + text + "' is not a value from " + min + " to " + max);
  }
}

package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as used on Orkestra's command line: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration such as {@code 1m30s}.
   *
   * @param text the text
   * @param what the option name, for the error message
   * @return the duration
   * @throws OrkestraException naming the option and the bad value
   */
  public static Duration parse(String text, String what) {
    Matcher m = PART.matcher(text.strip());
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      end = m.end();
    }
    if (end == 0 || end != text.strip().length()) {
      throw new OrkestraException(what + ": invalid duration '" + text + "' (e.g. 90s, 2m, 1m30s)");
    }
    return d;
  }
}

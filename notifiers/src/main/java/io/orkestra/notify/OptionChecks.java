package io.orkestra.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation shared by the options records; every message names the option and the bad value. */
final class OptionChecks {

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private OptionChecks() {}

  static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank (was '" + value + "')");
    }
    return value;
  }

  static String topic(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(
          name
              + " must be a Kafka topic name (1-249 of [a-zA-Z0-9._-], not '.' or '..'), was '"
              + value
              + "'");
    }
    return value;
  }

  static Duration positiveMillis(Duration value, String name, Duration min) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + Integer.MAX_VALUE + " ms, was " + value);
    }
    return value;
  }

  /**
   * Copies {@code props} into an immutable map, rejecting null keys or values and the keys the
   * component sets itself.
   */
  static Map<String, String> properties(
      Map<String, String> props, String name, Set<String> reserved, String reservedReason) {
    Objects.requireNonNull(props, name);
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (key == null || value == null) {
        throw new IllegalArgumentException(
            name + " must not contain null keys or values (entry " + key + "=" + value + ")");
      }
      if (reserved.contains(key)) {
        throw new IllegalArgumentException(
            name + " must not set '" + key + "' (was '" + value + "'): " + reservedReason);
      }
      copy.put(key, value);
    }
    return Map.copyOf(copy);
  }
}

package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.notify.TailedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code ork run} and {@code ork events tail} print reconciliation events. */
public enum EventFormat {
  /** One short human line per event. */
  TEXT,
  /** The CloudEvent as one JSON line. */
  JSON;

  /**
   * Parses {@code text} or {@code json}.
   *
   * @param s the name
   * @return the format
   */
  public static EventFormat parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException("unknown output format '" + s + "' (use text or json)");
    };
  }

  /**
   * Renders one event.
   *
   * @param e the event read from Kafka
   * @return one line, no line break
   */
  public String render(TailedEvent e) {
    if (this == JSON) {
      return e.json();
    }
    JsonNode d = e.data();
    String type = e.type() == null ? "" : e.type();
    String outcome = d.path("outcome").asText(type.substring(type.lastIndexOf('.') + 1));
    List<String> actions = new ArrayList<>();
    for (JsonNode a : d.path("actions")) {
      actions.add(a.path("verb").asText() + " " + a.path("kind").asText() + " " + a.path("name").asText());
    }
    StringBuilder line = new StringBuilder()
        .append(String.format(Locale.ROOT, "%-9s", outcome))
        .append(' ').append(d.path("kind").asText()).append(' ')
        .append(d.path("namespace").asText()).append('/').append(d.path("name").asText())
        .append(" gen=").append(d.path("generation").asLong());
    if (!actions.isEmpty()) {
      line.append(": ").append(String.join(", ", actions));
    } else if (!"deleted".equals(outcome) && !"failed".equals(outcome)) {
      line.append(": status updated");
    }
    if (!d.path("error").isNull() && !d.path("error").isMissingNode()) {
      line.append(" error=\"").append(d.path("error").asText()).append('"');
    }
    line.append(" (").append(d.path("durationMs").asLong()).append(" ms)");
    return line.toString();
  }
}

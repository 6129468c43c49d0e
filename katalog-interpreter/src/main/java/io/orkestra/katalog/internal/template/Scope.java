package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Objects;

/**
 * What one evaluation sees: the root data ({@code .} and {@code $}; for resource templates, the
 * custom resource) and the clock time functions read. Later roots ({@code .children}, {@code
 * .cross}, ...) will be added here as an overlay instead of copying the resource.
 *
 * @param root the data {@code .} starts at
 * @param clock the only source of time for functions
 */
public record Scope(JsonNode root, Clock clock) {
  /** Null checks. */
  public Scope {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(clock, "clock");
  }
}

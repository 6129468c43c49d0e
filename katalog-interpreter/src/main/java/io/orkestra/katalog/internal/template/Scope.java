package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What one evaluation sees: the root data ({@code .} and {@code $}; for resource templates, the
 * custom resource), the clock time functions read, and the random source of the {@code random*}
 * functions. Later roots ({@code .children}, {@code .cross}, ...) will be added here as an overlay
 * instead of copying the resource.
 *
 * @param root the data {@code .} starts at
 * @param clock the only source of time for functions
 * @param random the only source of randomness for functions; seed it for reproducible output
 */
public record Scope(JsonNode root, Clock clock, RandomGenerator random) {
  /** Null checks. */
  public Scope {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
  }

  /**
   * A scope with an unseeded random source.
   *
   * @param root the data {@code .} starts at
   * @param clock the only source of time for functions
   */
  public Scope(JsonNode root, Clock clock) {
    this(root, clock, new SplittableRandom());
  }
}

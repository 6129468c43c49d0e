package io.orkestra.katalog.internal.model;

import java.util.List;

/**
 * The {@code when:} (all must pass) and {@code or:} (one must pass) lists of a resource, status
 * field or block; when both are present both must pass; when both are empty the conditions pass.
 *
 * @param when conditions that must all hold
 * @param or conditions of which one must hold (ignored when empty)
 */
public record Conditions(List<Condition> when, List<Condition> or) {

  /** No conditions: always passes. */
  public static final Conditions NONE = new Conditions(List.of(), List.of());

  /** Immutable copies. */
  public Conditions {
    when = List.copyOf(when);
    or = List.copyOf(or);
  }

  /**
   * Whether there is nothing to test.
   *
   * @return {@code true} without conditions
   */
  public boolean isEmpty() {
    return when.isEmpty() && or.isEmpty();
  }
}

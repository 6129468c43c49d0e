package io.orkestra.core;

import java.util.List;
import java.util.Objects;

/**
 * What an apply did.
 *
 * @param owner the custom resource the actions were applied for (correlation)
 * @param applied the actions that were performed, in order
 */
public record ApplyResult(ResourceKey owner, List<Action> applied) {
  /** Null checks and an immutable copy. */
  public ApplyResult {
    Objects.requireNonNull(owner, "owner");
    applied = List.copyOf(Objects.requireNonNull(applied, "applied"));
  }
}

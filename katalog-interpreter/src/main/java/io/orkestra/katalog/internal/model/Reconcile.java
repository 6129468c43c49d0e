package io.orkestra.katalog.internal.model;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The implemented part of {@code operatorBox.reconcile}.
 *
 * @param workers reconciles in flight at most (1..50; {@code 0} or absent in YAML means 3)
 * @param resync periodic re-list interval, if set ({@code null} = runtime default)
 * @param onCreate create-if-absent templates
 * @param onReconcile templates applied and drift-corrected on every reconcile
 */
public record Reconcile(
    int workers, @Nullable Duration resync, HookTemplates onCreate, HookTemplates onReconcile) {

  /** Default workers (spec Appendix A). */
  public static final int DEFAULT_WORKERS = 3;

  /** Null checks and the worker range. */
  public Reconcile {
    Objects.requireNonNull(onCreate, "onCreate");
    Objects.requireNonNull(onReconcile, "onReconcile");
    if (workers < 1 || workers > 50) {
      throw new IllegalArgumentException("workers must be 1..50, was " + workers);
    }
  }

  /**
   * Nothing declared.
   *
   * @return defaults and no templates
   */
  public static Reconcile defaults() {
    return new Reconcile(DEFAULT_WORKERS, null, HookTemplates.empty(), HookTemplates.empty());
  }
}

package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.template.Template;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code requeue} entry ({@code {after, when, or}}), spec section 2.12: after a successful
 * reconcile whose resource passes the conditions, the resource runs again after {@code after}.
 *
 * @param conditions {@code when}/{@code or}; none = always
 * @param after the delay when written as a plain duration ({@code 0s} = no requeue)
 * @param afterTemplate the delay when written as a template, rendered per resource
 */
public record RequeueRule(
    Conditions conditions, @Nullable Duration after, @Nullable Template afterTemplate) {

  /** Null check; exactly one form of {@code after}. */
  public RequeueRule {
    Objects.requireNonNull(conditions, "conditions");
    if ((after == null) == (afterTemplate == null)) {
      throw new IllegalArgumentException("exactly one of after and afterTemplate must be set");
    }
  }
}

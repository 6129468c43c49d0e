package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.RequeueRule;
import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.template.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Evaluates {@code requeue} entries for one custom resource (spec section 2.12). */
final class Requeues {

  private Requeues() {}

  /**
   * The delay of the first entry whose {@code when}/{@code or} pass.
   *
   * @param rules the entries in order
   * @param cr the custom resource
   * @param clock the clock time functions read
   * @return the delay; {@link Duration#ZERO} when no entry applies, or when its templated delay
   *     fails or is not a non-negative duration
   */
  static Duration after(List<RequeueRule> rules, ObjectNode cr, Clock clock) {
    if (rules.isEmpty()) {
      return Duration.ZERO;
    }
    String name = cr.path("metadata").path("name").asText("");
    String namespace = cr.path("metadata").path("namespace").asText("");
    RenderContext ctx = new RenderContext(new Scope(cr, clock), name, namespace);
    for (RequeueRule rule : rules) {
      boolean passes;
      try {
        passes = ConditionEvaluator.test(rule.conditions(), ctx);
      } catch (RuntimeException e) {
        passes = false;
      }
      if (!passes) {
        continue;
      }
      if (rule.after() != null) {
        return rule.after();
      }
      try {
        String text = rule.afterTemplate().render(ctx.scope()).trim();
        Duration d = text.isEmpty() ? Duration.ZERO : GoDuration.parse(text);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException e) {
        return Duration.ZERO;
      }
    }
    return Duration.ZERO;
  }
}

package io.orkestra.katalog.internal.render;

import io.orkestra.katalog.internal.model.Condition;
import io.orkestra.katalog.internal.model.Conditions;
import io.orkestra.katalog.internal.template.Scope;

/**
 * Condition evaluation for callers outside rendering (admission rules): the same {@link
 * ConditionEvaluator} semantics, with errors ending in {@code (namespace/name)}.
 */
public final class ConditionTests {

  private ConditionTests() {}

  /**
   * Tests a {@code when}/{@code or} pair.
   *
   * @param conditions the conditions
   * @param scope the data ({@code .} is the custom resource) and clock
   * @param name the resource's name, for messages
   * @param namespace the resource's namespace, for messages
   * @return whether they pass
   * @throws io.orkestra.core.OrkestraException when a value template fails
   */
  public static boolean test(Conditions conditions, Scope scope, String name, String namespace) {
    return ConditionEvaluator.test(conditions, new RenderContext(scope, name, namespace));
  }

  /**
   * Tests one condition ({@code negate} applied).
   *
   * @param condition the condition
   * @param scope the data and clock
   * @param name the resource's name, for messages
   * @param namespace the resource's namespace, for messages
   * @return whether it holds
   * @throws io.orkestra.core.OrkestraException when a value template fails
   */
  public static boolean test(Condition condition, Scope scope, String name, String namespace) {
    return ConditionEvaluator.test(condition, new RenderContext(scope, name, namespace));
  }
}

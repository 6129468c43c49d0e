package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.Template;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code when:}/{@code or:} entry (spec §2.6).
 *
 * @param field the field: a dotted path into the custom resource ({@code spec.x}) split at dots,
 *     empty when {@code fieldTemplate} is used instead
 * @param fieldTemplate the field as a template ({@code "{{ inBusinessHours }}"}), or {@code null}
 * @param operator the operator
 * @param value the value template; {@code null} for operators without a value
 * @param valueType {@code string} (default), {@code int}, {@code float} or {@code bool}
 * @param pattern the compiled regular expression when the value is a literal for {@code regex}
 * @param negate invert the result
 * @param window the time window of a time condition ({@code operator} {@link
 *     ConditionOperator#timeBased()}; {@code field} is then empty), else {@code null}
 * @param pos where the entry is declared
 * @param notifyBlock the {@code notify:} block, or {@code null}
 */
public record Condition(
    List<String> field,
    @Nullable Template fieldTemplate,
    ConditionOperator operator,
    @Nullable Template value,
    String valueType,
    @Nullable Pattern pattern,
    boolean negate,
    @Nullable TimeWindow window,
    SourcePos pos,
    @Nullable Notify notifyBlock) {
  /** Null checks and an immutable copy. */
  public Condition {
    field = List.copyOf(field);
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(pos, "pos");
    if (operator.timeBased() != (window != null)) {
      throw new IllegalArgumentException("a time operator needs a window and only it has one");
    }
  }
}

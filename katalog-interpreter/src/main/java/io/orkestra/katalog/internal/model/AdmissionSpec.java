package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bound {@code admission:} block of a CRD entry (spec §2.8), or its legacy CRD-level keys
 * {@code validation}, {@code mutation}, {@code conversion} and {@code webhooks}. Every template
 * and condition is compiled; evaluation lives in {@code internal.admission}.
 *
 * @param validation validation rules in declaration order
 * @param mutation mutation rules in declaration order
 * @param mutateFirst {@code mutation.mutateFirst}
 * @param conversion the conversion block, or {@code null}
 * @param validationWebhook {@code webhooks.validation}, {@code null} when not written
 * @param mutationWebhook {@code webhooks.mutation}, {@code null} when not written
 * @param operations {@code webhooks.operations}; empty when not written
 */
public record AdmissionSpec(
    List<ValidationRule> validation,
    List<MutationRule> mutation,
    boolean mutateFirst,
    @Nullable Conversion conversion,
    @Nullable Boolean validationWebhook,
    @Nullable Boolean mutationWebhook,
    List<String> operations) {

  /** No admission block. */
  public static final AdmissionSpec NONE =
      new AdmissionSpec(List.of(), List.of(), false, null, null, null, List.of());

  /** Immutable copies. */
  public AdmissionSpec {
    validation = List.copyOf(validation);
    mutation = List.copyOf(mutation);
    operations = List.copyOf(operations);
  }

  /**
   * One validation rule: a condition that must hold, with a message.
   *
   * @param check the rule's own condition ({@code field} plus an operator)
   * @param fieldText the {@code field} as written (shown in violations)
   * @param applies the rule's {@code when}/{@code or}: the rule is only checked when they pass
   * @param message the message template
   * @param warn {@code action: warn}; {@code false} for {@code deny} (the default)
   * @param firesAtReconcile {@code false} for {@code fires.reconcile: false} (admission only)
   * @param link {@code link}, or {@code null}
   * @param pos where the rule is declared
   */
  public record ValidationRule(
      Condition check,
      String fieldText,
      Conditions applies,
      Template message,
      boolean warn,
      boolean firesAtReconcile,
      @Nullable String link,
      SourcePos pos) {
    /** Null checks. */
    public ValidationRule {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(fieldText, "fieldText");
      Objects.requireNonNull(applies, "applies");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * One mutation rule.
   *
   * @param field the target as a dotted path split at dots; empty when {@code fieldTemplate} is set
   * @param fieldTemplate the target as a template rendering a dotted path, or {@code null}
   * @param fieldText the {@code field} as written
   * @param override {@code true} for {@code override:}, {@code false} for {@code default:}
   * @param value the value template when the YAML value is a string
   * @param literal the value when the YAML value is a number, boolean, map or list (kept typed)
   * @param valueType {@code string}, {@code int}, {@code float} or {@code bool}, or {@code null}
   * @param applies {@code when}/{@code or}
   * @param firesAtReconcile {@code false} for {@code fires.reconcile: false}
   * @param pos where the rule is declared
   */
  public record MutationRule(
      List<String> field,
      @Nullable Template fieldTemplate,
      String fieldText,
      boolean override,
      @Nullable Template value,
      @Nullable JsonNode literal,
      @Nullable String valueType,
      Conditions applies,
      boolean firesAtReconcile,
      SourcePos pos) {
    /** Null checks and an immutable copy. */
    public MutationRule {
      field = List.copyOf(field);
      Objects.requireNonNull(fieldText, "fieldText");
      Objects.requireNonNull(applies, "applies");
      Objects.requireNonNull(pos, "pos");
      if (value == null && literal == null) {
        throw new IllegalArgumentException("a mutation rule needs a value");
      }
    }
  }

  /**
   * The {@code conversion:} block.
   *
   * @param storageVersion {@code storageVersion}, or {@code null}
   * @param paths the declared {@code from → to} paths
   * @param pos where the block is declared
   */
  public record Conversion(
      @Nullable Located<String> storageVersion, List<ConversionPath> paths, SourcePos pos) {
    /** Immutable copy. */
    public Conversion {
      paths = List.copyOf(paths);
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * One conversion path.
   *
   * @param from the source version
   * @param to the target version
   * @param spec the target-format {@code spec}, every string leaf a template against the source
   *     object; {@code null} keeps the source spec unchanged
   * @param pos where the path is declared
   */
  public record ConversionPath(
      Located<String> from, Located<String> to, @Nullable TemplateTree spec, SourcePos pos) {
    /** Null checks. */
    public ConversionPath {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(pos, "pos");
    }
  }

  /** A YAML value whose string leaves are compiled templates. */
  public sealed interface TemplateTree {}

  /**
   * A mapping, keys in source order.
   *
   * @param entries the entries
   */
  public record TreeMap(Map<String, TemplateTree> entries) implements TemplateTree {
    /** Ordered immutable copy. */
    public TreeMap {
      entries = Ordered.copy(entries);
    }
  }

  /**
   * A list.
   *
   * @param items the items
   */
  public record TreeList(List<TemplateTree> items) implements TemplateTree {
    /** Immutable copy. */
    public TreeList {
      items = List.copyOf(items);
    }
  }

  /**
   * A string leaf.
   *
   * @param template the compiled string
   */
  public record TreeText(Template template) implements TemplateTree {}

  /**
   * A number, boolean or null leaf, kept as written.
   *
   * @param value the value
   */
  public record TreeLiteral(JsonNode value) implements TemplateTree {}
}

package io.orkestra.katalog.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Admission;
import io.orkestra.katalog.internal.model.AdmissionSpec;
import io.orkestra.katalog.internal.model.AdmissionSpec.MutationRule;
import io.orkestra.katalog.internal.model.AdmissionSpec.ValidationRule;
import io.orkestra.katalog.internal.model.ConditionOperator;
import io.orkestra.katalog.internal.render.ConditionTests;
import io.orkestra.katalog.internal.template.Scope;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.template.TemplateEvaluationException;
import io.orkestra.katalog.internal.template.Values;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link Admission} over a bound {@link AdmissionSpec}. Immutable and thread-safe; every method
 * only evaluates templates compiled at load.
 */
public final class CompiledAdmission implements Admission {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final AdmissionSpec spec;
  private final OperatorSpec operator;
  private final Clock clock;
  private final List<Operation> operations;
  private final Conversions conversions;

  /**
   * Creates the admission of one operator.
   *
   * @param spec the bound admission blocks
   * @param operator the operator's spec (group and versions)
   * @param clock the only source of time for templates
   */
  public CompiledAdmission(AdmissionSpec spec, OperatorSpec operator, Clock clock) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.operator = Objects.requireNonNull(operator, "operator");
    this.clock = Objects.requireNonNull(clock, "clock");
    List<Operation> ops = new ArrayList<>();
    for (String s : spec.operations()) {
      for (Operation o : Operation.values()) {
        if (o != Operation.RECONCILE && o.name().equals(s)) {
          ops.add(o); // the schema refuses other names at load
        }
      }
    }
    this.operations =
        ops.isEmpty() ? List.of(Operation.CREATE, Operation.UPDATE) : List.copyOf(ops);
    this.conversions = new Conversions(spec.conversion(), operator, clock);
  }

  @Override
  public boolean hasValidation() {
    return !spec.validation().isEmpty();
  }

  @Override
  public boolean hasMutation() {
    return !spec.mutation().isEmpty();
  }

  @Override
  public boolean hasConversion() {
    return spec.conversion() != null;
  }

  @Override
  public boolean mutateFirst() {
    return spec.mutateFirst();
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  @Override
  public ValidationResult validate(ObjectNode cr, @Nullable ObjectNode oldCr, Operation operation) {
    return check(cr, oldCr, operation, null);
  }

  @Override
  public ValidationResult validate(
      ObjectNode cr, @Nullable ObjectNode oldCr, Operation operation, List<ObjectNode> others) {
    return check(cr, oldCr, operation, Objects.requireNonNull(others, "others"));
  }

  private ValidationResult check(
      ObjectNode cr,
      @Nullable ObjectNode oldCr,
      Operation operation,
      @Nullable List<ObjectNode> instances) {
    Objects.requireNonNull(cr, "cr");
    Objects.requireNonNull(operation, "operation");
    if (!runs(operation, spec.validationWebhook())) {
      return new ValidationResult(List.of());
    }
    Subject self = new Subject(cr, oldCr, clock);
    List<Violation> out = new ArrayList<>();
    for (ValidationRule rule : spec.validation()) {
      if ((operation == Operation.RECONCILE && !rule.firesAtReconcile())
          || !ConditionTests.test(rule.applies(), self.scope, self.name, self.namespace)) {
        continue;
      }
      boolean holds;
      if (rule.check().operator() == ConditionOperator.UNIQUE) {
        holds = instances == null || unique(rule, self, instances);
        holds = rule.check().negate() != holds;
      } else {
        holds = ConditionTests.test(rule.check(), self.scope, self.name, self.namespace);
      }
      if (!holds) {
        String value = self.fieldText(rule.check().field(), rule.check().fieldTemplate());
        out.add(
            new Violation(
                rule.link() != null ? rule.link() : rule.fieldText(),
                rule.check().operator().yamlName(),
                value,
                self.message(rule.message()),
                rule.warn() ? Action.WARN : Action.DENY,
                rule.pos().toString()));
      }
    }
    return new ValidationResult(out);
  }

  private boolean runs(Operation operation, @Nullable Boolean webhook) {
    return operation == Operation.RECONCILE
        || (!Boolean.FALSE.equals(webhook) && operations.contains(operation));
  }

  /** Whether no other instance has the same value; an absent field is not unique. */
  private boolean unique(ValidationRule rule, Subject self, List<ObjectNode> others) {
    List<String> path = rule.check().field();
    Template template = rule.check().fieldTemplate();
    String mine = self.fieldText(path, template);
    if (mine.isEmpty()) {
      return false;
    }
    for (ObjectNode other : others) {
      Subject o = new Subject(other, null, clock);
      if (o.name.equals(self.name) && o.namespace.equals(self.namespace)) {
        continue; // never a duplicate of itself
      }
      String theirs;
      try {
        theirs = o.fieldText(path, template);
      } catch (OrkestraException e) {
        continue; // the other instance lacks what the field template reads: no value to clash
      }
      if (mine.equals(theirs)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public MutationResult mutate(ObjectNode cr, Operation operation) {
    Objects.requireNonNull(cr, "cr");
    Objects.requireNonNull(operation, "operation");
    ObjectNode work = cr.deepCopy();
    List<FieldChange> changes = new ArrayList<>();
    ArrayNode patch = NODES.arrayNode();
    List<String> skipped = new ArrayList<>();
    if (!runs(operation, spec.mutationWebhook())) {
      return new MutationResult(work, changes, patch, skipped);
    }
    for (MutationRule rule : spec.mutation()) {
      if (operation == Operation.RECONCILE && !rule.firesAtReconcile()) {
        continue;
      }
      Subject self = new Subject(work, null, clock);
      if (!ConditionTests.test(rule.applies(), self.scope, self.name, self.namespace)) {
        continue;
      }
      List<String> path = rule.field();
      if (rule.fieldTemplate() != null) {
        String rendered = self.render(rule.fieldTemplate()).trim();
        String p = rendered.startsWith(".") ? rendered.substring(1) : rendered;
        path = Arrays.asList(p.split("\\.", -1));
        if (p.isEmpty() || path.stream().anyMatch(String::isBlank)) {
          skipped.add(rule.pos() + ": field rendered '" + rendered + "', not a dotted path");
          continue;
        }
      }
      String dotted = String.join(".", path);
      JsonNode current = JsonPaths.get(work, path);
      boolean absent = current == null || current.isNull() || "".equals(current.asText(null));
      if (!rule.override() && !absent) {
        continue; // default: only when absent or empty
      }
      JsonNode value;
      try {
        value =
            Coercion.value(
                rule.value() == null ? null : self.render(rule.value()),
                rule.literal(),
                rule.valueType());
      } catch (IllegalArgumentException e) {
        skipped.add(rule.pos() + ": " + dotted + ": " + e.getMessage());
        continue;
      }
      if (current != null && current.equals(value)) {
        continue; // unchanged
      }
      ObjectNode op;
      try {
        op = JsonPaths.set(work, path, value);
      } catch (IllegalArgumentException e) {
        skipped.add(rule.pos() + ": " + dotted + ": " + e.getMessage());
        continue;
      }
      patch.add(op);
      changes.add(
          new FieldChange(
              dotted,
              rule.override() ? ChangeType.OVERRIDE : ChangeType.DEFAULT,
              current == null ? null : current.deepCopy(),
              value));
    }
    return new MutationResult(work, changes, patch, skipped);
  }

  @Override
  public ObjectNode convert(ObjectNode cr, String toVersion) {
    return conversions.convert(
        Objects.requireNonNull(cr, "cr"), Objects.requireNonNull(toVersion, "toVersion"));
  }

  /**
   * The versions of the CRD: those of its {@code crdFile}, else {@code apiTypes.version}, {@code
   * conversion.storageVersion} and the versions the conversion paths name.
   *
   * @param operator the operator's spec
   * @param spec its admission blocks
   * @return the version names
   */
  public static Set<String> knownVersions(OperatorSpec operator, AdmissionSpec spec) {
    return Conversions.knownVersions(operator, spec.conversion());
  }

  @Override
  public String toString() {
    return "CompiledAdmission[" + operator.name() + "]";
  }

  /** The object under evaluation, its scope and identity. */
  static final class Subject {
    final Scope scope;
    final String name;
    final String namespace;

    Subject(ObjectNode cr, @Nullable ObjectNode oldCr, Clock clock) {
      ObjectNode root = cr;
      if (oldCr != null) {
        root = cr.deepCopy();
        root.set("oldObject", oldCr);
      }
      this.scope = new Scope(root, clock);
      this.name = cr.path("metadata").path("name").asText("");
      this.namespace = cr.path("metadata").path("namespace").asText("");
    }

    String render(Template t) {
      try {
        return t.render(scope);
      } catch (TemplateEvaluationException e) {
        String id = namespace.isEmpty() ? name : namespace + "/" + name;
        throw new OrkestraException(e.getMessage() + " (" + id + ")", e);
      }
    }

    /**
     * A violation message; when it fails for this object (it prints a field the object lacks),
     * its source text, so that the violation is still reported (as Orkestra does).
     */
    String message(Template t) {
      try {
        return t.render(scope);
      } catch (TemplateEvaluationException e) {
        return t.source();
      }
    }

    /** The field's text: the path's printed value ({@code ""} when absent) or the template. */
    String fieldText(List<String> path, @Nullable Template template) {
      if (template != null) {
        return render(template);
      }
      JsonNode node = JsonPaths.get((ObjectNode) scope.root(), path);
      Object v = Values.fromJson(node);
      return v == null ? "" : Values.print(v);
    }
  }
}

package io.orkestra.katalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The admission rules of one loaded CRD entry (spec §2.8): validation, mutation and version
 * conversion, obtained with {@link KatalogInterpreter#admission}. Every template and condition was
 * compiled when the Katalog loaded; these methods only evaluate, with no I/O and time only from
 * the clock given to {@link KatalogInterpreter#admission}, so they are pure CPU work, thread-safe,
 * and the same code serves an admission webhook, the reconcile loop and offline tools.
 *
 * <p>Templates see the custom resource as {@code .} (as resource templates do); on {@code UPDATE}
 * the previous object is also visible as {@code .oldObject} (for example {@code field:
 * spec.storageClass}, {@code equals: "{{ .oldObject.spec.storageClass }}"} makes a field
 * immutable). External calls, {@code .request}, {@code .health} and {@code .metrics} are not
 * available here.
 *
 * <p>Which rules run: at admission ({@link Operation#CREATE}, {@code UPDATE}, {@code DELETE},
 * {@code CONNECT}) only when the operation is one of {@link #operations()} (default {@code CREATE,
 * UPDATE}) and the CRD did not opt out with {@code webhooks.validation: false} / {@code
 * webhooks.mutation: false}; at {@link Operation#RECONCILE} every rule except those with {@code
 * fires.reconcile: false}. A rule whose {@code when}/{@code or} conditions fail is skipped.
 *
 * <p>Errors: a template that fails for a resource (for example one printing a missing field)
 * throws {@link io.orkestra.core.OrkestraException} with {@code file:line:column: reason
 * (namespace/name)}; so does {@link #convert} for a version without a declared path.
 */
public interface Admission {

  /** What the rules are evaluated for. */
  enum Operation {
    /** An admission request creating the object. */
    CREATE,
    /** An admission request updating the object ({@code oldCr} is the stored one). */
    UPDATE,
    /** An admission request deleting the object (pass the object being deleted as {@code cr}). */
    DELETE,
    /** An admission request for a connect operation. */
    CONNECT,
    /** The reconcile loop (rules with {@code fires.reconcile: false} are skipped). */
    RECONCILE
  }

  /** What a failed validation rule does. */
  enum Action {
    /** Reject at admission, halt reconcile (the default). */
    DENY,
    /** Warning header at admission, advisory at reconcile. */
    WARN
  }

  /**
   * One failed validation rule.
   *
   * @param field the rule's {@code link} when set, else its {@code field} as written
   * @param operator the operator, as its YAML name ({@code prefix}, {@code unique}, ...)
   * @param value the field's value as text ({@code ""} when absent)
   * @param message the rendered {@code message}
   * @param action deny or warn
   * @param declaredAt where the rule is written, {@code file:line:column}
   */
  record Violation(
      String field,
      String operator,
      String value,
      String message,
      Action action,
      String declaredAt) {
    /** Null checks. */
    public Violation {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(declaredAt, "declaredAt");
    }
  }

  /**
   * Every violation of one validation, in rule order.
   *
   * @param violations the failed rules, deny and warn mixed
   */
  record ValidationResult(List<Violation> violations) {
    /** Immutable copy. */
    public ValidationResult {
      violations = List.copyOf(violations);
    }

    /**
     * Whether the object is admitted: no {@code deny} violation (warnings do not block).
     *
     * @return {@code true} without denials
     */
    public boolean allowed() {
      return denials().isEmpty();
    }

    /**
     * The {@code deny} violations.
     *
     * @return in rule order
     */
    public List<Violation> denials() {
      return violations.stream().filter(v -> v.action() == Action.DENY).toList();
    }

    /**
     * The {@code warn} violations.
     *
     * @return in rule order
     */
    public List<Violation> warnings() {
      return violations.stream().filter(v -> v.action() == Action.WARN).toList();
    }
  }

  /** How a mutation rule writes. */
  enum ChangeType {
    /** {@code default:}: only when the field is absent, null or {@code ""}. */
    DEFAULT,
    /** {@code override:}: always. */
    OVERRIDE
  }

  /**
   * One field a mutation changed.
   *
   * @param path the dotted path
   * @param type default or override
   * @param oldValue the value before, {@code null} when absent
   * @param newValue the value written
   */
  record FieldChange(String path, ChangeType type, @Nullable JsonNode oldValue, JsonNode newValue) {
    /** Null checks. */
    public FieldChange {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(newValue, "newValue");
    }
  }

  /**
   * The outcome of a mutation.
   *
   * @param object the mutated copy of the custom resource (the input is never changed)
   * @param changes the fields changed, in rule order (unchanged values are not listed)
   * @param patch the same changes as an RFC 6902 JSON patch against the input, as an admission
   *     response carries it ({@code add} creates missing parent objects, {@code replace} for
   *     fields that existed)
   * @param skipped rules that could not be applied, one line each with the rule's position (a
   *     value that does not convert to its {@code valueType}, a path through a non-object); the
   *     other rules still apply, as in Orkestra
   */
  record MutationResult(
      ObjectNode object, List<FieldChange> changes, ArrayNode patch, List<String> skipped) {
    /** Null checks and immutable copies. */
    public MutationResult {
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(patch, "patch");
      changes = List.copyOf(changes);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Whether validation rules are declared.
   *
   * @return {@code true} with at least one rule
   */
  boolean hasValidation();

  /**
   * Whether mutation rules are declared.
   *
   * @return {@code true} with at least one rule
   */
  boolean hasMutation();

  /**
   * Whether a {@code conversion} block is declared.
   *
   * @return {@code true} with a conversion block
   */
  boolean hasConversion();

  /**
   * {@code mutation.mutateFirst}: at reconcile, mutate before validating (admission always
   * mutates first).
   *
   * @return the flag, default {@code false}
   */
  boolean mutateFirst();

  /**
   * The admission operations the webhooks intercept ({@code webhooks.operations}).
   *
   * @return default {@code [CREATE, UPDATE]}
   */
  List<Operation> operations();

  /**
   * Validates a custom resource; {@code unique} rules pass (no other instances are known).
   *
   * @param cr the object to check
   * @param oldCr the stored object on {@code UPDATE}, else {@code null}
   * @param operation what the check is for
   * @return every violation; {@link ValidationResult#allowed()} when none denies
   */
  ValidationResult validate(ObjectNode cr, @Nullable ObjectNode oldCr, Operation operation);

  /**
   * Validates a custom resource, checking {@code operator: unique} rules against the other
   * instances of the CRD: a rule fails when the field is absent, or when another instance (a
   * different namespace/name; {@code cr} itself may be in the list) has the same value.
   *
   * @param cr the object to check
   * @param oldCr the stored object on {@code UPDATE}, else {@code null}
   * @param operation what the check is for
   * @param others the instances of this CRD (for example the informer cache)
   * @return every violation
   */
  ValidationResult validate(
      ObjectNode cr, @Nullable ObjectNode oldCr, Operation operation, List<ObjectNode> others);

  /**
   * Applies the mutation rules in order to a copy of the custom resource; each rule sees the
   * changes of the rules before it.
   *
   * @param cr the object (not changed)
   * @param operation what the mutation is for
   * @return the mutated copy, the changes and their JSON patch
   */
  MutationResult mutate(ObjectNode cr, Operation operation);

  /**
   * Converts a custom resource to another version of its CRD, following the declared {@code
   * conversion.paths}: the path {@code from} the object's version {@code to} the target renders
   * its {@code spec} against the object (strings that render as numbers, booleans or JSON become
   * those; a template rendering empty becomes null) and replaces {@code spec}; a path without
   * {@code spec} keeps it. {@code metadata} and {@code status} are kept and {@code apiVersion} is
   * rewritten. The same version only rewrites {@code apiVersion}.
   *
   * @param cr the object to convert (not changed)
   * @param toVersion the target version, such as {@code v1}, or a full {@code group/v1}
   * @return the converted copy
   * @throws io.orkestra.core.OrkestraException when the target or source version is unknown or
   *     no path is declared between them (the message names the declared paths)
   */
  ObjectNode convert(ObjectNode cr, String toVersion);
}

package io.orkestra.runtime.internal.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Admission;
import io.orkestra.katalog.Simulation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code expect.admission} and {@code expect.conversion} cases of a simulate file with
 * the operator's own {@link Admission} (the pure functions an admission webhook and the
 * reconcile loop call): an admission case mutates the object ({@link Admission#mutate}) and
 * validates the result ({@link Admission#validate}) as an admission request does; a conversion
 * case calls {@link Admission#convert}. A template that fails is a failed verdict with its
 * message, unless the case expects that {@code error}.
 */
final class AdmissionChecks {

  private AdmissionChecks() {}

  /**
   * Whether a case's object belongs to an operator: same group and kind (any version, so a
   * conversion input at another served version still finds its CRD).
   *
   * @param op the operator
   * @param object the object
   * @return {@code true} when the operator handles its group and kind
   */
  static boolean handles(CompiledOperator op, ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return op.spec().kind().equals(object.path("kind").asText())
        && op.spec().group().equals(group);
  }

  /**
   * Checks the admission cases of one operator.
   *
   * @param admission the operator's admission
   * @param namespaced whether the kind is namespaced: an object without a namespace then gets
   *     {@code default}, as the API server sets it before admission
   * @param cases its cases
   * @return one verdict per case
   */
  static List<Verdicts.Verdict> admission(Admission admission, boolean namespaced,
      List<Simulation.AdmissionCase> cases) {
    List<Verdicts.Verdict> out = new ArrayList<>();
    for (Simulation.AdmissionCase c : cases) {
      String description = "admission " + c.operation() + " " + name(c.cr());
      List<String> problems = new ArrayList<>();
      try {
        ObjectNode cr = withNamespace(c.cr(), namespaced);
        ObjectNode oldCr = c.oldCr() == null ? null : withNamespace(c.oldCr(), namespaced);
        Admission.MutationResult mutated = admission.mutate(cr, c.operation());
        Admission.ValidationResult result =
            admission.validate(mutated.object(), oldCr, c.operation());
        if (c.error() != null) {
          problems.add("expected an error containing '" + c.error() + "', but it evaluated");
        }
        if (c.allowed() != null && c.allowed() != result.allowed()) {
          problems.add(result.allowed() ? "expected denied, but it was allowed"
              : "expected allowed, but it was denied: " + messages(result.denials()));
        }
        if (c.denied() != null && !c.denied().equals(messages(result.denials()))) {
          problems.add("expected denied " + c.denied() + ", got " + messages(result.denials()));
        }
        if (c.warnings() != null && !c.warnings().equals(messages(result.warnings()))) {
          problems.add("expected warnings " + c.warnings() + ", got "
              + messages(result.warnings()));
        }
        if (c.patched() != null) {
          String diff = subsetDiff(c.patched(), mutated.object(), "");
          if (diff != null) {
            problems.add("mutated object: " + diff);
          }
        }
        if (!mutated.skipped().isEmpty()) {
          problems.add("mutation rules skipped: " + String.join("; ", mutated.skipped()));
        }
      } catch (OrkestraException e) {
        if (c.error() == null || !String.valueOf(e.getMessage()).contains(c.error())) {
          problems.add((c.error() == null ? "" : "expected an error containing '" + c.error()
              + "': ") + e.getMessage());
        }
      }
      out.add(verdict(description, problems, c.pos()));
    }
    return out;
  }

  /**
   * Checks the conversion cases of one operator.
   *
   * @param admission the operator's admission
   * @param cases its cases
   * @return one verdict per case
   */
  static List<Verdicts.Verdict> conversion(Admission admission,
      List<Simulation.ConversionCase> cases) {
    List<Verdicts.Verdict> out = new ArrayList<>();
    for (Simulation.ConversionCase c : cases) {
      String description = "conversion " + name(c.from()) + " "
          + c.from().path("apiVersion").asText() + " -> " + c.toVersion();
      List<String> problems = new ArrayList<>();
      try {
        ObjectNode converted = admission.convert(c.from(), c.toVersion());
        if (c.error() != null) {
          problems.add("expected an error containing '" + c.error() + "', got " + converted);
        }
        if (c.equals() != null && !Verdicts.sameTree(c.equals(), converted)) {
          String diff = subsetDiff(c.equals(), converted, "");
          String extra = subsetDiff(converted, c.equals(), "");
          problems.add("converted object differs: "
              + (diff != null ? diff : "unexpected " + extra) + " (got " + converted + ")");
        }
        if (c.contains() != null) {
          String diff = subsetDiff(c.contains(), converted, "");
          if (diff != null) {
            problems.add("converted object: " + diff);
          }
        }
      } catch (OrkestraException e) {
        if (c.error() == null || !String.valueOf(e.getMessage()).contains(c.error())) {
          problems.add((c.error() == null ? "" : "expected an error containing '" + c.error()
              + "': ") + e.getMessage());
        }
      }
      out.add(verdict(description, problems, c.pos()));
    }
    return out;
  }

  private static Verdicts.Verdict verdict(String description, List<String> problems,
      Simulation.Position pos) {
    return new Verdicts.Verdict(description, problems.isEmpty(),
        problems.isEmpty() ? null : String.join("; ", problems), pos);
  }

  private static ObjectNode withNamespace(ObjectNode o, boolean namespaced) {
    if (!namespaced || !o.path("metadata").path("namespace").asText("").isEmpty()) {
      return o;
    }
    ObjectNode copy = o.deepCopy();
    copy.withObjectProperty("metadata").put("namespace", "default");
    return copy;
  }

  private static String name(ObjectNode o) {
    return o.path("kind").asText("?") + "/" + o.path("metadata").path("name").asText("?");
  }

  private static List<String> messages(List<Admission.Violation> violations) {
    return violations.stream().map(Admission.Violation::message).toList();
  }

  /**
   * The first field of {@code expected} that {@code actual} does not hold: objects compare field
   * by field (extra fields in {@code actual} are fine), everything else by value.
   *
   * @return {@code null} when every expected field holds, else {@code path: expected X, got Y}
   */
  static @Nullable String subsetDiff(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject() && actual.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
        JsonNode a = actual.get(f.getKey());
        if (a == null) {
          return p + ": expected " + f.getValue() + ", got nothing";
        }
        String d = subsetDiff(f.getValue(), a, p);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return Verdicts.sameTree(expected, actual) ? null
        : (path.isEmpty() ? "object" : path) + ": expected " + expected + ", got " + actual;
  }
}

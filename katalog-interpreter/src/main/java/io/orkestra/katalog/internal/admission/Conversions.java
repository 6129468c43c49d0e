package io.orkestra.katalog.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.internal.model.AdmissionSpec;
import io.orkestra.katalog.internal.model.AdmissionSpec.Conversion;
import io.orkestra.katalog.internal.model.AdmissionSpec.ConversionPath;
import io.orkestra.katalog.internal.model.AdmissionSpec.TemplateTree;
import io.orkestra.katalog.internal.model.Located;
import io.orkestra.katalog.internal.support.Problems;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Version conversion along declared {@code conversion.paths} (spec §2.8), and the load-time check
 * that every version a path or {@code storageVersion} names exists.
 */
public final class Conversions {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final @Nullable Conversion conversion;
  private final OperatorSpec operator;
  private final Clock clock;
  private final Set<String> known;

  Conversions(@Nullable Conversion conversion, OperatorSpec operator, Clock clock) {
    this.conversion = conversion;
    this.operator = operator;
    this.clock = clock;
    this.known = knownVersions(operator, conversion);
  }

  static Set<String> knownVersions(OperatorSpec operator, @Nullable Conversion conversion) {
    Set<String> out = new LinkedHashSet<>();
    ObjectNode crd = operator.crdManifest();
    if (crd != null) {
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (v.path("name").isTextual()) {
          out.add(v.path("name").asText());
        }
      }
    }
    if (out.isEmpty()) {
      out.add(operator.version());
      if (conversion != null) {
        if (conversion.storageVersion() != null) {
          out.add(conversion.storageVersion().value());
        }
        for (ConversionPath p : conversion.paths()) {
          out.add(p.from().value());
          out.add(p.to().value());
        }
      }
    }
    return out;
  }

  /**
   * Reports every version named by {@code storageVersion} or a path that the {@code crdFile} does
   * not declare, at its position. Without a {@code crdFile} the CRD's versions are not known
   * beyond {@code apiTypes.version}, so the names the block uses are taken as declared.
   *
   * @param operator the operator's spec
   * @param spec its admission blocks
   * @param problems where problems go
   */
  public static void check(OperatorSpec operator, AdmissionSpec spec, Problems problems) {
    Conversion c = spec.conversion();
    if (c == null || operator.crdManifest() == null) {
      return;
    }
    Set<String> known = knownVersions(operator, c);
    String where = "the crdFile declares " + String.join(", ", known);
    if (c.storageVersion() != null && !known.contains(c.storageVersion().value())) {
      unknown(problems, c.storageVersion(), "storageVersion", where);
    }
    for (ConversionPath p : c.paths()) {
      if (!known.contains(p.from().value())) {
        unknown(problems, p.from(), "conversion path from", where);
      }
      if (!known.contains(p.to().value())) {
        unknown(problems, p.to(), "conversion path to", where);
      }
    }
  }

  private static void unknown(Problems problems, Located<String> v, String what, String where) {
    problems.error(v.pos(), what + " names unknown version '" + v.value() + "' (" + where + ")");
  }

  ObjectNode convert(ObjectNode cr, String toVersion) {
    String target = toVersion;
    int slash = toVersion.lastIndexOf('/');
    if (slash >= 0) {
      String group = toVersion.substring(0, slash);
      if (!group.equals(operator.group())) {
        throw fail(cr, "cannot convert to " + toVersion + ": " + kind() + " belongs to group "
            + operator.group());
      }
      target = toVersion.substring(slash + 1);
    }
    String apiVersion = cr.path("apiVersion").asText("");
    if (apiVersion.isEmpty()) {
      throw fail(cr, "cannot convert: the object has no apiVersion");
    }
    String source = apiVersion.substring(apiVersion.lastIndexOf('/') + 1);
    for (String v : List.of(target, source)) {
      if (!known.contains(v)) {
        throw fail(
            cr,
            "unknown version '" + v + "' of " + kind() + " (known: " + String.join(", ", known)
                + ")");
      }
    }
    ObjectNode out = cr.deepCopy();
    String group = operator.group();
    out.put("apiVersion", group.isEmpty() ? target : group + "/" + target);
    if (source.equals(target)) {
      return out;
    }
    ConversionPath path = null;
    if (conversion != null) {
      for (ConversionPath p : conversion.paths()) {
        if (p.from().value().equals(source) && p.to().value().equals(target)) {
          path = p;
        }
      }
    }
    if (path == null) {
      String declared =
          conversion == null || conversion.paths().isEmpty()
              ? "none"
              : conversion.paths().stream()
                  .map(p -> p.from().value() + " → " + p.to().value())
                  .collect(Collectors.joining(", "));
      throw fail(
          cr,
          "no conversion path declared for "
              + source
              + " → "
              + target
              + " in "
              + kind()
              + " (declared: "
              + declared
              + "); add one under conversion.paths");
    }
    if (path.spec() != null) {
      CompiledAdmission.Subject subject = new CompiledAdmission.Subject(cr, null, clock);
      out.set("spec", resolve(path.spec(), subject));
    }
    return out;
  }

  private static JsonNode resolve(TemplateTree tree, CompiledAdmission.Subject subject) {
    if (tree instanceof AdmissionSpec.TreeMap m) {
      ObjectNode o = NODES.objectNode();
      for (Map.Entry<String, TemplateTree> e : m.entries().entrySet()) {
        o.set(e.getKey(), resolve(e.getValue(), subject));
      }
      return o;
    }
    if (tree instanceof AdmissionSpec.TreeList l) {
      ArrayNode a = NODES.arrayNode();
      l.items().forEach(i -> a.add(resolve(i, subject)));
      return a;
    }
    if (tree instanceof AdmissionSpec.TreeText t) {
      if (t.template().isLiteral()) {
        return NODES.textNode(t.template().source());
      }
      return Coercion.guess(subject.render(t.template()));
    }
    return ((AdmissionSpec.TreeLiteral) tree).value().deepCopy();
  }

  private String kind() {
    return operator.kind();
  }

  private static OrkestraException fail(ObjectNode cr, String message) {
    String name = cr.path("metadata").path("name").asText("");
    String ns = cr.path("metadata").path("namespace").asText("");
    return new OrkestraException(message + " (" + (ns.isEmpty() ? name : ns + "/" + name) + ")");
  }
}

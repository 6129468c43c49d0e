package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.Admission;
import io.orkestra.katalog.Simulation;
import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates a {@code kind: Simulate} file into a {@link Simulation}. Every problem is
 * collected with its position (unknown keys with "did you mean", wrong types, missing required
 * keys, referenced files that do not exist, bad verbs and cycles) and thrown together.
 */
public final class SimulationLoader {

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "imports", "spec");
  private static final Set<String> METADATA = Set.of("name", "description", "labels", "annotations");
  private static final Set<String> SPEC =
      Set.of("katalog", "catalog", "cr", "crFiles", "crd", "crdFiles", "cycles", "skipExternal",
          "target", "expect", "changes", "clock", "childStatus");
  private static final Set<String> EXPECT =
      Set.of("steady", "steadyAt", "noErrors", "ops", "absent", "status", "admission",
          "conversion", "crds");
  private static final Set<String> TOP_ONLY = Set.of("crds", "admission", "conversion");
  private static final Set<String> CLOCK = Set.of("now", "step");
  private static final Set<String> CHILD_STATUS = Set.of("cycle", "kind", "name", "status");
  private static final Set<String> ADMISSION_CASE =
      Set.of("cr", "crFile", "oldCr", "oldCrFile", "operation", "allowed", "denied", "warnings",
          "patched", "error");
  private static final Set<String> CONVERSION_CASE =
      Set.of("from", "fromFile", "toVersion", "equals", "contains", "error");
  private static final Set<String> OP_RULE =
      Set.of("include", "cycle", "verb", "resource", "name", "count");
  private static final Set<String> STATUS_RULE = Set.of("path", "value", "name", "cycle");
  private static final Set<String> CHANGE = Set.of("cycle", "kind", "name", "patch", "delete");
  private static final List<String> VERBS = List.of("create", "update", "delete", "patch", "apply");
  private static final int MAX_CYCLES = 1000;

  private final Problems problems = new Problems();
  private final Path dir;
  private final String file;

  private SimulationLoader(Path path) {
    Path parent = path.getParent();
    this.dir = parent == null ? Path.of("") : parent;
    this.file = SourceFiles.display(path);
  }

  /**
   * Loads a simulate file.
   *
   * @param path the file, or a directory holding {@code simulate.yaml}
   * @return the simulation
   * @throws io.orkestra.katalog.KatalogException listing every problem
   */
  public static Simulation load(Path path) {
    Path p = Files.isDirectory(path) ? path.resolve("simulate.yaml") : path;
    return new SimulationLoader(p).read(p);
  }

  private Simulation read(Path path) {
    String text = SourceFiles.read(path, "simulate file", problems);
    problems.throwIfAny();
    List<YNode> docs = io.orkestra.katalog.internal.yaml.YamlReader.readAll(file, text, problems);
    problems.throwIfAny();
    if (docs.size() != 1 || !(docs.get(0) instanceof YMap)) {
      problems.error(
          docs.isEmpty() ? new SourcePos(file, 1, 1) : docs.get(0).pos(),
          "a simulate file holds exactly one mapping document (kind: Simulate)");
      problems.throwIfAny();
    }
    YMap root = (YMap) docs.get(0);
    checkKeys(root, TOP);
    String kind = string(root.get("kind"));
    if (kind == null) {
      problems.error(root.pos(), "missing required key 'kind' at the top level (expected Simulate)");
    } else if (!kind.equals("Simulate")) {
      problems.error(
          root.get("kind").pos(), "kind must be Simulate, got '" + kind + "'"
              + (kind.equals("Katalog") || kind.equals("Komposer")
                  ? " (pass the Katalog with --cr to simulate it without assertions)" : ""));
    }
    String name = "";
    String description = null;
    YMap metadata = map(root.get("metadata"));
    if (metadata == null) {
      if (!root.has("metadata")) {
        problems.error(root.pos(), "missing required key 'metadata' at the top level");
      }
    } else {
      checkKeys(metadata, METADATA);
      String n = string(metadata.get("name"));
      if (n == null || n.isBlank()) {
        problems.error(metadata.pos(), "missing required key 'name' in metadata");
      } else {
        name = n;
      }
      description = string(metadata.get("description"));
    }
    List<Path> imports = new ArrayList<>();
    YSeq importSeq = list(root.get("imports"));
    if (importSeq != null) {
      for (YNode item : importSeq.items()) {
        Path p = file(item, "imported simulate file");
        if (p != null) {
          imports.add(Files.isDirectory(p) ? p.resolve("simulate.yaml") : p);
        }
      }
    }
    YMap spec = map(root.get("spec"));
    Path katalog = null;
    List<Path> crFiles = new ArrayList<>();
    List<Path> crdFiles = new ArrayList<>();
    Integer cycles = null;
    boolean skipExternal = false;
    String target = null;
    Simulation.Expect expect = null;
    List<Simulation.Change> changes = new ArrayList<>();
    Instant clock = null;
    Duration clockStep = Duration.ZERO;
    List<Simulation.ChildStatus> childStatus = new ArrayList<>();
    if (spec == null) {
      if (imports.isEmpty() && importSeq == null) {
        problems.error(root.pos(), "missing required key 'spec' at the top level"
            + " (or 'imports' for a file that runs other simulate files)");
      }
    } else {
      checkKeys(spec, SPEC);
      YNode k = spec.has("katalog") ? spec.get("katalog") : spec.get("catalog");
      if (k == null) {
        problems.error(spec.pos(), "missing required key 'katalog' in spec");
      } else {
        katalog = file(k, "katalog file");
      }
      addFile(spec.get("cr"), "CR file", crFiles);
      addFiles(spec.get("crFiles"), "CR file", crFiles);
      if (!spec.has("cr") && !spec.has("crFiles")) {
        problems.error(spec.pos(), "missing required key 'cr' in spec (or 'crFiles')");
      }
      addFile(spec.get("crd"), "CRD file", crdFiles);
      addFiles(spec.get("crdFiles"), "CRD file", crdFiles);
      cycles = integer(spec.get("cycles"), 1, MAX_CYCLES);
      Boolean se = bool(spec.get("skipExternal"));
      skipExternal = se != null && se;
      target = string(spec.get("target"));
      YMap e = map(spec.get("expect"));
      if (e != null) {
        expect = expect(e, true);
      }
      YSeq cs = list(spec.get("changes"));
      if (cs != null) {
        for (YNode item : cs.items()) {
          Simulation.Change c = change(item);
          if (c != null) {
            changes.add(c);
          }
        }
      }
      YNode clockNode = spec.get("clock");
      if (clockNode instanceof YMap) {
        YMap cm = (YMap) clockNode;
        checkKeys(cm, CLOCK);
        if (!cm.has("now")) {
          problems.error(cm.pos(), "missing required key 'now' in " + cm.path());
        }
        clock = instant(cm.get("now"));
        YNode stepNode = cm.get("step");
        String step = string(stepNode);
        if (step != null && stepNode != null) {
          try {
            clockStep = GoDuration.parse(step);
            if (clockStep.isNegative()) {
              problems.error(stepNode.pos(), stepNode.path() + " must not be negative");
              clockStep = Duration.ZERO;
            }
          } catch (IllegalArgumentException ex) {
            problems.error(stepNode.pos(), stepNode.path() + ": " + ex.getMessage());
          }
        }
      } else {
        clock = instant(clockNode);
      }
      YSeq csn = list(spec.get("childStatus"));
      if (csn != null) {
        for (YNode item : csn.items()) {
          Simulation.ChildStatus c = childStatus(item);
          if (c != null) {
            childStatus.add(c);
          }
        }
      }
    }
    problems.throwIfAny();
    if (katalog == null && imports.isEmpty()) {
      problems.error(root.pos(), "a simulate file needs a spec or imports");
      problems.throwIfAny();
    }
    return new Simulation(file, path, name, description, imports, katalog, crFiles, crdFiles,
        cycles, skipExternal, target, expect, changes, clock, clockStep, childStatus);
  }

  private Simulation.Expect expect(YMap e, boolean top) {
    checkKeys(e, top ? EXPECT : withoutTopOnly());
    Simulation.Flag steady = flag(e.get("steady"));
    Simulation.Flag noErrors = flag(e.get("noErrors"));
    Simulation.Limit steadyAt = null;
    Integer at = integer(e.get("steadyAt"), 1, MAX_CYCLES);
    if (at != null) {
      steadyAt = new Simulation.Limit(at, pos(e.get("steadyAt")));
    }
    List<Simulation.OpRule> ops = opRules(e.get("ops"), 0);
    List<Simulation.OpRule> absent = opRules(e.get("absent"), 0);
    List<Simulation.StatusRule> status = new ArrayList<>();
    YSeq st = list(e.get("status"));
    if (st != null) {
      for (YNode item : st.items()) {
        Simulation.StatusRule r = statusRule(item);
        if (r != null) {
          status.add(r);
        }
      }
    }
    List<Simulation.AdmissionCase> admission = new ArrayList<>();
    List<Simulation.ConversionCase> conversion = new ArrayList<>();
    Map<String, Simulation.Expect> crds = new LinkedHashMap<>();
    if (top) {
      YSeq ad = list(e.get("admission"));
      if (ad != null) {
        for (YNode item : ad.items()) {
          Simulation.AdmissionCase c = admissionCase(item);
          if (c != null) {
            admission.add(c);
          }
        }
      }
      YSeq cv = list(e.get("conversion"));
      if (cv != null) {
        for (YNode item : cv.items()) {
          Simulation.ConversionCase c = conversionCase(item);
          if (c != null) {
            conversion.add(c);
          }
        }
      }
      YMap c = map(e.get("crds"));
      if (c != null) {
        for (YEntry entry : c.entries()) {
          YMap block = map(entry.value());
          if (block != null) {
            crds.put(entry.key(), expect(block, false));
          }
        }
      }
    }
    return new Simulation.Expect(
        steady, steadyAt, noErrors, ops, absent, status, admission, conversion, crds);
  }

  private static Set<String> withoutTopOnly() {
    Set<String> s = new java.util.HashSet<>(EXPECT);
    s.removeAll(TOP_ONLY);
    return s;
  }

  private @Nullable Instant instant(@Nullable YNode node) {
    String text = string(node);
    if (text == null || node == null) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      problems.error(node.pos(), node.path() + " must be an RFC 3339 UTC time such as"
          + " 2026-01-07T10:30:00Z, got '" + text + "'");
      return null;
    }
  }

  private Simulation.@Nullable ChildStatus childStatus(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, CHILD_STATUS);
    Integer cycle = integer(m.get("cycle"), 2, MAX_CYCLES);
    if (!m.has("cycle")) {
      problems.error(m.pos(), "missing required key 'cycle' in " + m.path()
          + " (the cycle the status change happens before, from 2)");
    }
    String kind = string(m.get("kind"));
    if (kind == null || kind.isBlank()) {
      problems.error(m.pos(), "missing required key 'kind' in " + m.path());
    }
    YMap status = map(m.get("status"));
    if (!m.has("status")) {
      problems.error(m.pos(), "missing required key 'status' in " + m.path());
    }
    if (cycle == null || kind == null || kind.isBlank() || status == null) {
      return null;
    }
    return new Simulation.ChildStatus(cycle, kind, string(m.get("name")), status.toJson(), pos(m));
  }

  private Simulation.@Nullable AdmissionCase admissionCase(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, ADMISSION_CASE);
    ObjectNode cr = object(m, "cr", "crFile", true);
    ObjectNode oldCr = object(m, "oldCr", "oldCrFile", false);
    Admission.Operation operation = Admission.Operation.CREATE;
    YNode opNode = m.get("operation");
    String op = string(opNode);
    if (op != null && opNode != null) {
      try {
        operation = Admission.Operation.valueOf(op);
      } catch (IllegalArgumentException ex) {
        List<String> names = java.util.Arrays.stream(Admission.Operation.values())
            .map(Enum::name).toList();
        problems.error(opNode.pos(), "unknown operation '" + op + "' in " + m.path() + " (use one of "
            + String.join(", ", names) + ")" + Suggestions.didYouMean(op, names));
      }
    }
    if (operation == Admission.Operation.UPDATE && oldCr == null && cr != null) {
      problems.error(m.pos(), m.path() + " checks an UPDATE: give the stored object as oldCr or"
          + " oldCrFile");
    }
    Boolean allowed = bool(m.get("allowed"));
    List<String> denied = strings(m.get("denied"));
    List<String> warnings = strings(m.get("warnings"));
    ObjectNode patched = null;
    YMap pm = map(m.get("patched"));
    if (pm != null) {
      patched = pm.toJson();
    }
    String error = string(m.get("error"));
    if (!m.has("allowed") && !m.has("denied") && !m.has("warnings") && !m.has("patched")
        && !m.has("error")) {
      problems.error(m.pos(), m.path() + " checks nothing: give allowed, denied, warnings,"
          + " patched or error");
    }
    if (cr == null) {
      return null;
    }
    return new Simulation.AdmissionCase(cr, oldCr, operation, allowed, denied, warnings, patched,
        error, pos(m));
  }

  private Simulation.@Nullable ConversionCase conversionCase(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, CONVERSION_CASE);
    ObjectNode from = object(m, "from", "fromFile", true);
    String to = string(m.get("toVersion"));
    if (to == null || to.isBlank()) {
      problems.error(m.pos(), "missing required key 'toVersion' in " + m.path());
    }
    YMap eq = map(m.get("equals"));
    YMap contains = map(m.get("contains"));
    String error = string(m.get("error"));
    if (!m.has("equals") && !m.has("contains") && !m.has("error")) {
      problems.error(m.pos(), m.path() + " checks nothing: give equals, contains or error");
    }
    if (m.has("error") && (m.has("equals") || m.has("contains"))) {
      problems.error(m.get("error").pos(), m.path() + " expects an error and a result: keep one");
    }
    if (from == null || to == null || to.isBlank()) {
      return null;
    }
    return new Simulation.ConversionCase(from, to, eq == null ? null : eq.toJson(),
        contains == null ? null : contains.toJson(), error, pos(m));
  }

  /** An object given inline under {@code inline} or as a one-document file under {@code file}. */
  private @Nullable ObjectNode object(YMap m, String inline, String file, boolean required) {
    if (m.has(inline) && m.has(file)) {
      problems.error(m.get(file).pos(), m.path() + " has both '" + inline + "' and '" + file
          + "': keep one");
      return null;
    }
    if (m.has(inline)) {
      YMap o = map(m.get(inline));
      return o == null ? null : o.toJson();
    }
    if (m.has(file)) {
      YNode node = m.get(file);
      Path p = file(node, inline + " file");
      if (p == null) {
        return null;
      }
      List<YMap> docs = ManifestReader.documents(p, inline + " file", problems);
      if (docs.size() != 1) {
        problems.error(node.pos(), SourceFiles.display(p) + " must hold exactly one object, has "
            + docs.size());
        return null;
      }
      return docs.get(0).toJson();
    }
    if (required) {
      problems.error(m.pos(), "missing required key '" + inline + "' in " + m.path() + " (or '"
          + file + "')");
    }
    return null;
  }

  private @Nullable List<String> strings(@Nullable YNode node) {
    YSeq seq = list(node);
    if (seq == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (YNode item : seq.items()) {
      String s = string(item);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private List<Simulation.OpRule> opRules(@Nullable YNode node, int depth) {
    List<Simulation.OpRule> rules = new ArrayList<>();
    YSeq seq = list(node);
    if (seq == null) {
      return rules;
    }
    for (YNode item : seq.items()) {
      YMap m = map(item);
      if (m == null) {
        continue;
      }
      checkKeys(m, OP_RULE);
      if (m.has("include")) {
        if (m.size() > 1) {
          problems.error(m.pos(), "an op rule with 'include' must have no other keys");
        }
        rules.addAll(include(m.get("include"), depth));
        continue;
      }
      Integer cycle = integer(m.get("cycle"), 1, MAX_CYCLES);
      if (!m.has("cycle")) {
        problems.error(m.pos(), "missing required key 'cycle' in " + m.path());
      }
      String verb = string(m.get("verb"));
      if (verb != null && !VERBS.contains(verb)) {
        problems.error(m.get("verb").pos(), "unknown verb '" + verb + "' in " + m.path()
            + " (use one of " + String.join(", ", VERBS) + ")"
            + Suggestions.didYouMean(verb, VERBS));
        verb = null;
      }
      String resource = string(m.get("resource"));
      String name = string(m.get("name"));
      Integer count = integer(m.get("count"), 0, Integer.MAX_VALUE);
      if (cycle != null) {
        rules.add(new Simulation.OpRule(cycle, verb, resource, name, count == null ? 0 : count,
            pos(m)));
      }
    }
    return rules;
  }

  /** {@code include: file}: a YAML file with an {@code ops:} list, relative to this file. */
  private List<Simulation.OpRule> include(@Nullable YNode node, int depth) {
    Path p = file(node, "included ops file");
    if (p == null) {
      return List.of();
    }
    if (depth > 4) {
      problems.error(node.pos(), "ops includes nested more than 4 deep");
      return List.of();
    }
    String text = SourceFiles.read(p, "included ops file", problems);
    if (text == null) {
      return List.of();
    }
    List<YNode> docs =
        io.orkestra.katalog.internal.yaml.YamlReader.readAll(SourceFiles.display(p), text, problems);
    if (docs.size() != 1 || !(docs.get(0) instanceof YMap) || !((YMap) docs.get(0)).has("ops")) {
      problems.error(node.pos(), "included file " + SourceFiles.display(p)
          + " must be one mapping with an 'ops' list");
      return List.of();
    }
    return opRules(((YMap) docs.get(0)).get("ops"), depth + 1);
  }

  private Simulation.@Nullable StatusRule statusRule(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, STATUS_RULE);
    String path = string(m.get("path"));
    if (path == null || path.isBlank()) {
      problems.error(m.pos(), "missing required key 'path' in " + m.path());
    }
    YNode value = m.get("value");
    if (value == null) {
      problems.error(m.pos(), "missing required key 'value' in " + m.path());
    }
    Integer cycle = integer(m.get("cycle"), 1, MAX_CYCLES);
    String name = string(m.get("name"));
    if (path == null || path.isBlank() || value == null) {
      return null;
    }
    return new Simulation.StatusRule(path, value.toJson(), name, cycle, pos(m));
  }

  private Simulation.@Nullable Change change(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, CHANGE);
    Integer cycle = integer(m.get("cycle"), 2, MAX_CYCLES);
    if (!m.has("cycle")) {
      problems.error(m.pos(), "missing required key 'cycle' in " + m.path()
          + " (the cycle the change happens before, from 2)");
    }
    ObjectNode patch = null;
    YNode p = m.get("patch");
    if (p != null) {
      YMap pm = map(p);
      if (pm != null) {
        patch = pm.toJson();
      }
    }
    Boolean delete = bool(m.get("delete"));
    boolean del = delete != null && delete;
    if ((patch == null) == !del) {
      if (!m.has("patch") && !m.has("delete")) {
        problems.error(m.pos(), m.path() + " needs 'patch' (a merge patch) or 'delete: true'");
      } else if (patch != null) {
        problems.error(m.pos(), m.path() + " has both 'patch' and 'delete': use one per change");
      }
    }
    if (cycle == null) {
      return null;
    }
    return new Simulation.Change(cycle, string(m.get("kind")), string(m.get("name")), patch, del,
        pos(m));
  }

  private void addFile(@Nullable YNode node, String what, List<Path> into) {
    if (node != null) {
      Path p = file(node, what);
      if (p != null) {
        into.add(p);
      }
    }
  }

  private void addFiles(@Nullable YNode node, String what, List<Path> into) {
    YSeq seq = list(node);
    if (seq != null) {
      for (YNode item : seq.items()) {
        addFile(item, what, into);
      }
    }
  }

  /** A path relative to the simulate file's directory that must exist. */
  private @Nullable Path file(@Nullable YNode node, String what) {
    String s = string(node);
    if (s == null || node == null) {
      return null;
    }
    if (s.isBlank()) {
      problems.error(node.pos(), node.path() + " must name a file, got an empty string");
      return null;
    }
    Path p = dir.resolve(s).normalize();
    if (!Files.exists(p)) {
      problems.error(node.pos(), what + " not found: " + SourceFiles.display(p));
      return null;
    }
    return p;
  }

  private void checkKeys(YMap map, Set<String> allowed) {
    for (YEntry e : map.entries()) {
      if (!allowed.contains(e.key())) {
        String where = map.path().isEmpty() ? "at the top level" : "in " + map.path();
        problems.error(e.keyPos(), "unknown key '" + e.key() + "' " + where
            + Suggestions.didYouMean(e.key(), allowed));
      }
    }
  }

  private Simulation.Position pos(YNode node) {
    SourcePos p = node.pos();
    return new Simulation.Position(p.file(), p.line(), p.column());
  }

  private Simulation.@Nullable Flag flag(@Nullable YNode node) {
    Boolean b = bool(node);
    return b == null || node == null ? null : new Simulation.Flag(b, pos(node));
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar && ((YScalar) node).isNull();
  }

  private @Nullable YMap map(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YMap) {
      return (YMap) node;
    }
    problems.error(node.pos(), node.path() + " must be a mapping, got " + node.describe());
    return null;
  }

  private @Nullable YSeq list(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YSeq) {
      return (YSeq) node;
    }
    problems.error(node.pos(), node.path() + " must be a list, got " + node.describe());
    return null;
  }

  private @Nullable String string(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar) {
      return ((YScalar) node).text();
    }
    problems.error(node.pos(), node.path() + " must be a string, got " + node.describe());
    return null;
  }

  private @Nullable Boolean bool(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar && ((YScalar) node).value().isBoolean()) {
      return ((YScalar) node).value().booleanValue();
    }
    problems.error(
        node.pos(), node.path() + " must be a boolean (true or false), got " + node.describe());
    return null;
  }

  private @Nullable Integer integer(@Nullable YNode node, int min, int max) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar) {
      JsonNode v = ((YScalar) node).value();
      if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= min
          && v.intValue() <= max) {
        return v.intValue();
      }
    }
    String rule = max == Integer.MAX_VALUE ? "an integer >= " + min
        : "an integer from " + min + " to " + max;
    problems.error(node.pos(), node.path() + " must be " + rule + ", got " + node.describe());
    return null;
  }
}

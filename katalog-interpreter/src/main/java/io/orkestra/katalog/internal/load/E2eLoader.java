package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.E2eTest;
import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import io.orkestra.katalog.internal.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates a {@code kind: E2E} file into an {@link E2eTest} (Orkestra's schema, see
 * that record). Every problem is collected with its position (unknown keys with "did you mean",
 * wrong types, missing required keys, unknown {@code after} values, bad Go durations, referenced
 * files that do not exist) and thrown together. The entries of the {@code kubectl} operations are
 * checked to be lists of mappings; their own keys are not checked in this build.
 */
public final class E2eLoader {

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "imports", "spec");
  private static final Set<String> METADATA = Set.of("name", "description");
  private static final Set<String> IMPORT = Set.of("path", "freshCluster", "wait");
  private static final Set<String> SPEC =
      Set.of("katalog", "crd", "crdFiles", "cr", "crFiles", "custom", "init", "cluster", "setup",
          "valuesFiles", "notes", "expect", "onFailure");
  private static final Set<String> CUSTOM = Set.of("target");
  private static final List<String> TARGETS = List.of("kubernetes", "container");
  private static final Set<String> INIT = Set.of("pack", "example");
  private static final Set<String> CLUSTER = Set.of("provider", "name", "reuse");
  private static final Set<String> SETUP = Set.of("apply", "helm", "wait");
  private static final Set<String> SETUP_APPLY = Set.of("path", "wait");
  private static final Set<String> SETUP_HELM =
      Set.of("repo", "chart", "release", "namespace", "version", "valueFiles", "values",
          "createNamespace", "wait");
  private static final Set<String> WAIT = Set.of("kind", "name", "namespace", "ready", "timeout");
  private static final Set<String> STEP =
      Set.of("include", "name", "after", "timeout", "wait", "resources", "commands", "kubectl",
          "when", "or", "onFailure");
  private static final Set<String> RESOURCE = Set.of("kind", "name", "namespace", "count", "ready");
  private static final List<String> ASSERTIONS =
      List.of("equals", "notEquals", "outputContains", "outputNotContains", "regex", "greaterThan",
          "lessThan", "greaterThanOrEqual", "lessThanOrEqual", "between", "notBetween", "exists",
          "notExists", "oneOf", "notOneOf");
  private static final Set<String> COMMAND = with(ASSERTIONS, "run", "exitCode");
  private static final Set<String> KUBECTL =
      Set.of("get", "logs", "describe", "exec", "port-forward", "apply", "delete", "patch",
          "events", "auth", "cp", "top", "restart", "scale");
  private static final Set<String> ON_FAILURE = Set.of("kubectl", "commands");
  private static final List<String> AFTER =
      Arrays.stream(E2eTest.After.values()).map(E2eTest.After::yaml).toList();
  private static final int MAX_INCLUDE_DEPTH = 4;

  private final Problems problems = new Problems();
  private final Path dir;
  private final String file;

  private E2eLoader(Path path) {
    Path parent = path.getParent();
    this.dir = parent == null ? Path.of("") : parent;
    this.file = SourceFiles.display(path);
  }

  /**
   * Loads an E2E file.
   *
   * @param path the file, or a directory holding {@code e2e.yaml}
   * @return the test
   * @throws io.orkestra.katalog.KatalogException listing every problem
   */
  public static E2eTest load(Path path) {
    Path p = Files.isDirectory(path) ? path.resolve("e2e.yaml") : path;
    return new E2eLoader(p).read(p);
  }

  private static Set<String> with(List<String> base, String... more) {
    Set<String> s = new java.util.LinkedHashSet<>(Arrays.asList(more));
    s.addAll(base);
    return Set.copyOf(s);
  }

  private E2eTest read(Path path) {
    String text = SourceFiles.read(path, "E2E file", problems);
    problems.throwIfAny();
    List<YNode> docs = YamlReader.readAll(file, text, problems);
    problems.throwIfAny();
    if (docs.size() != 1 || !(docs.get(0) instanceof YMap)) {
      problems.error(
          docs.isEmpty() ? new SourcePos(file, 1, 1) : docs.get(0).pos(),
          "an E2E file holds exactly one mapping document (kind: E2E)");
      problems.throwIfAny();
    }
    YMap root = (YMap) docs.get(0);
    checkKeys(root, TOP);
    String kind = string(root.get("kind"));
    if (kind == null) {
      problems.error(root.pos(), "missing required key 'kind' at the top level (expected E2E)");
    } else if (!kind.equals("E2E")) {
      problems.error(root.get("kind").pos(), "kind must be E2E, got '" + kind + "'");
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
    List<Path> imports = imports(root.get("imports"));
    YMap spec = map(root.get("spec"));
    Path katalog = null;
    List<Path> crdFiles = new ArrayList<>();
    List<Path> crFiles = new ArrayList<>();
    String target = null;
    E2eTest.Cluster cluster = new E2eTest.Cluster("kind", "ork-e2e", false);
    List<Path> setup = new ArrayList<>();
    List<Path> values = new ArrayList<>();
    List<E2eTest.Step> steps = new ArrayList<>();
    if (spec == null) {
      if (!root.has("spec") && imports.isEmpty() && !root.has("imports")) {
        problems.error(root.pos(), "missing required key 'spec' at the top level"
            + " (or 'imports' for a file that runs other E2E files)");
      }
    } else {
      checkKeys(spec, SPEC);
      YMap custom = map(spec.get("custom"));
      if (custom != null) {
        checkKeys(custom, CUSTOM);
        target = oneOf(custom.get("target"), TARGETS, "target");
        if (!custom.has("target")) {
          problems.error(custom.pos(), "missing required key 'target' in " + custom.path());
        }
      }
      YMap init = map(spec.get("init"));
      if (init != null) {
        checkKeys(init, INIT);
        string(init.get("pack"));
        string(init.get("example"));
      }
      if (spec.has("katalog")) {
        katalog = file(spec.get("katalog"), "katalog file");
      } else if (custom == null && init == null) {
        problems.error(spec.pos(), "missing required key 'katalog' in spec"
            + " (or 'custom.target' for a workload that is not an Orkestra operator)");
      }
      addFile(spec.get("crd"), "CRD file", crdFiles);
      addFiles(spec.get("crdFiles"), "CRD file", crdFiles);
      addFile(spec.get("cr"), "CR file", crFiles);
      addFiles(spec.get("crFiles"), "CR file", crFiles);
      cluster = cluster(spec.get("cluster"), cluster);
      setup(spec.get("setup"), setup);
      addFiles(spec.get("valuesFiles"), "values file", values);
      map(spec.get("notes"));
      onFailure(spec.get("onFailure"));
      YNode expect = spec.get("expect");
      YSeq list = list(expect);
      if (expect == null) {
        problems.error(spec.pos(), "missing required key 'expect' in spec (the steps to check)");
      } else if (list != null) {
        steps(list, dir, 0, steps);
        if (list.items().isEmpty()) {
          problems.error(list.pos(), "spec.expect must list at least one step");
        }
      }
      boolean hasCr = !crFiles.isEmpty() || spec.has("cr") || spec.has("crFiles");
      for (E2eTest.Step s : steps) {
        if (s.after() != E2eTest.After.SETUP_COMPLETE && !hasCr && target == null && init == null) {
          problems.error(
              new SourcePos(s.pos().file(), s.pos().line(), s.pos().column()),
              "step '" + s.name() + "' runs after " + s.after().yaml()
                  + " but spec declares no custom resource (cr or crFiles)");
        }
      }
    }
    problems.throwIfAny();
    return new E2eTest(file, path, name, description, imports, katalog, crdFiles, crFiles, target,
        cluster, setup, values, steps);
  }

  private List<Path> imports(@Nullable YNode node) {
    List<Path> out = new ArrayList<>();
    YSeq seq = list(node);
    if (seq == null) {
      return out;
    }
    for (YNode item : seq.items()) {
      YNode path = item;
      if (item instanceof YMap m) {
        checkKeys(m, IMPORT);
        bool(m.get("freshCluster"));
        duration(m.get("wait"));
        path = m.get("path");
        if (path == null) {
          problems.error(m.pos(), "missing required key 'path' in " + m.path());
          continue;
        }
      }
      Path p = file(path, "imported E2E file");
      if (p != null) {
        out.add(Files.isDirectory(p) ? p.resolve("e2e.yaml") : p);
      }
    }
    return out;
  }

  private E2eTest.Cluster cluster(@Nullable YNode node, E2eTest.Cluster defaults) {
    YMap m = map(node);
    if (m == null) {
      return defaults;
    }
    checkKeys(m, CLUSTER);
    String provider = oneOf(m.get("provider"), List.of("kind"), "provider");
    String name = string(m.get("name"));
    Boolean reuse = bool(m.get("reuse"));
    return new E2eTest.Cluster(
        provider == null ? defaults.provider() : provider,
        name == null || name.isBlank() ? defaults.name() : name,
        reuse != null && reuse);
  }

  /** {@code setup}: a list of files (shorthand for apply), or {@code {apply, helm, wait}}. */
  private void setup(@Nullable YNode node, List<Path> files) {
    if (node == null || isNull(node)) {
      return;
    }
    if (node instanceof YSeq seq) {
      addFiles(seq, "setup file", files);
      return;
    }
    YMap m = map(node);
    if (m == null) {
      return;
    }
    checkKeys(m, SETUP);
    YSeq apply = list(m.get("apply"));
    if (apply != null) {
      for (YNode item : apply.items()) {
        if (item instanceof YMap a) {
          checkKeys(a, SETUP_APPLY);
          waits(a.get("wait"));
          if (!a.has("path")) {
            problems.error(a.pos(), "missing required key 'path' in " + a.path());
          } else {
            addFile(a.get("path"), "setup file", files);
          }
        } else {
          addFile(item, "setup file", files);
        }
      }
    }
    YSeq helm = list(m.get("helm"));
    if (helm != null) {
      for (YNode item : helm.items()) {
        YMap h = map(item);
        if (h == null) {
          continue;
        }
        checkKeys(h, SETUP_HELM);
        String chart = string(h.get("chart"));
        if (chart == null || chart.isBlank()) {
          problems.error(h.pos(), "missing required key 'chart' in " + h.path());
        } else if (chart.startsWith("./") || chart.startsWith("/") || chart.equals(".")) {
          file(h.get("chart"), "local chart");
        } else if (!h.has("repo")) {
          problems.error(h.pos(), "missing required key 'repo' in " + h.path()
              + " (a chart that is not a local path comes from a repository)");
        }
        string(h.get("repo"));
        addFiles(h.get("valueFiles"), "values file", new ArrayList<>());
        map(h.get("values"));
        bool(h.get("createNamespace"));
        waits(h.get("wait"));
      }
    }
    waits(m.get("wait"));
  }

  private void waits(@Nullable YNode node) {
    YSeq seq = list(node);
    if (seq == null) {
      return;
    }
    for (YNode item : seq.items()) {
      YMap w = map(item);
      if (w == null) {
        continue;
      }
      checkKeys(w, WAIT);
      for (String required : List.of("kind", "name")) {
        if (!w.has(required)) {
          problems.error(w.pos(), "missing required key '" + required + "' in " + w.path());
        }
      }
      bool(w.get("ready"));
      duration(w.get("timeout"));
    }
  }

  private void onFailure(@Nullable YNode node) {
    YMap m = map(node);
    if (m == null) {
      return;
    }
    checkKeys(m, ON_FAILURE);
    kubectl(m.get("kubectl"));
    YSeq commands = list(m.get("commands"));
    if (commands != null) {
      commands.items().forEach(this::string);
    }
  }

  // ---------------------------------------------------------------- steps

  private void steps(YSeq list, Path base, int depth, List<E2eTest.Step> into) {
    for (YNode item : list.items()) {
      YMap m = map(item);
      if (m == null) {
        continue;
      }
      checkKeys(m, STEP);
      if (m.has("include")) {
        if (m.size() > 1) {
          problems.error(m.pos(), "a step with 'include' must have no other keys (" + m.path() + ")");
        }
        include(m.get("include"), base, depth, into);
        continue;
      }
      E2eTest.Step step = step(m, base);
      if (step != null) {
        into.add(step);
      }
    }
  }

  /** {@code include: file}: a YAML list of steps, relative to the including file. */
  private void include(YNode node, Path base, int depth, List<E2eTest.Step> into) {
    Path p = file(node, "included expectations file", base);
    if (p == null) {
      return;
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      problems.error(node.pos(), "expectation includes nested more than " + MAX_INCLUDE_DEPTH + " deep");
      return;
    }
    String text = SourceFiles.read(p, "included expectations file", problems);
    if (text == null) {
      return;
    }
    int before = problems.count();
    List<YNode> docs = YamlReader.readAll(SourceFiles.display(p), text, problems);
    if (problems.count() > before) {
      return;
    }
    if (docs.size() != 1 || !(docs.get(0) instanceof YSeq seq)) {
      problems.error(node.pos(), "included file " + SourceFiles.display(p)
          + " must hold one YAML list of expectations");
      return;
    }
    Path parent = p.getParent();
    steps(seq, parent == null ? base : parent, depth + 1, into);
  }

  private E2eTest.@Nullable Step step(YMap m, Path base) {
    String name = string(m.get("name"));
    if (name == null || name.isBlank()) {
      problems.error(m.pos(), "missing required key 'name' in " + m.path());
    }
    E2eTest.After after = null;
    YNode a = m.get("after");
    if (a == null) {
      problems.error(m.pos(), "missing required key 'after' in " + m.path()
          + " (one of " + String.join(", ", AFTER) + ")");
    } else {
      String s = oneOf(a, AFTER, "after");
      if (s != null) {
        after = E2eTest.After.values()[AFTER.indexOf(s)];
      }
    }
    Duration timeout = duration(m.get("timeout"));
    Duration wait = duration(m.get("wait"));
    List<E2eTest.ResourceCheck> resources = new ArrayList<>();
    YSeq rs = list(m.get("resources"));
    if (rs != null) {
      for (YNode item : rs.items()) {
        E2eTest.ResourceCheck r = resource(item);
        if (r != null) {
          resources.add(r);
        }
      }
    }
    List<E2eTest.Command> commands = new ArrayList<>();
    YSeq cs = list(m.get("commands"));
    if (cs != null) {
      for (YNode item : cs.items()) {
        E2eTest.Command c = command(item);
        if (c != null) {
          commands.add(c);
        }
      }
    }
    List<String> kubectl = kubectl(m.get("kubectl"));
    list(m.get("when"));
    list(m.get("or"));
    onFailure(m.get("onFailure"));
    if (name == null || name.isBlank() || after == null) {
      return null;
    }
    return new E2eTest.Step(name, after, timeout, wait, resources, commands, kubectl,
        m.has("when") || m.has("or"), pos(m));
  }

  private E2eTest.@Nullable ResourceCheck resource(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, RESOURCE);
    String kind = string(m.get("kind"));
    if (kind == null || kind.isBlank()) {
      problems.error(m.pos(), "missing required key 'kind' in " + m.path());
    }
    Integer count = integer(m.get("count"), 0);
    Boolean ready = bool(m.get("ready"));
    String name = string(m.get("name"));
    String namespace = string(m.get("namespace"));
    if (kind == null || kind.isBlank()) {
      return null;
    }
    return new E2eTest.ResourceCheck(kind, name, namespace, count, ready != null && ready);
  }

  private E2eTest.@Nullable Command command(YNode item) {
    YMap m = map(item);
    if (m == null) {
      return null;
    }
    checkKeys(m, COMMAND);
    String run = string(m.get("run"));
    if (run == null || run.isBlank()) {
      problems.error(m.pos(), "missing required key 'run' in " + m.path());
    }
    Integer exit = integer(m.get("exitCode"), 0);
    List<String> assertions = new ArrayList<>();
    for (YEntry e : m.entries()) {
      if (ASSERTIONS.contains(e.key())) {
        assertions.add(e.key());
      }
    }
    if (run == null || run.isBlank()) {
      return null;
    }
    return new E2eTest.Command(run, exit == null ? 0 : exit, assertions);
  }

  /** The operations of a {@code kubectl} block, one name per entry. */
  private List<String> kubectl(@Nullable YNode node) {
    List<String> ops = new ArrayList<>();
    YMap m = map(node);
    if (m == null) {
      return ops;
    }
    checkKeys(m, KUBECTL);
    for (YEntry e : m.entries()) {
      if (!KUBECTL.contains(e.key())) {
        continue;
      }
      YSeq entries = list(e.value());
      if (entries == null) {
        continue;
      }
      for (YNode item : entries.items()) {
        if (map(item) != null) {
          ops.add(e.key());
        }
      }
    }
    return ops;
  }

  // ---------------------------------------------------------------- values

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

  private @Nullable Path file(@Nullable YNode node, String what) {
    return file(node, what, dir);
  }

  /** A path relative to {@code base} that must exist. */
  private @Nullable Path file(@Nullable YNode node, String what, Path base) {
    String s = string(node);
    if (s == null || node == null) {
      return null;
    }
    if (s.isBlank()) {
      problems.error(node.pos(), node.path() + " must name a file, got an empty string");
      return null;
    }
    Path p = base.resolve(s).normalize();
    if (!Files.exists(p)) {
      problems.error(node.pos(), what + " not found: " + SourceFiles.display(p));
      return null;
    }
    return p;
  }

  private @Nullable String oneOf(@Nullable YNode node, List<String> allowed, String key) {
    String s = string(node);
    if (s == null || node == null) {
      return null;
    }
    if (!allowed.contains(s)) {
      String where = node.path().contains(".") ? node.path().substring(0, node.path().lastIndexOf('.')) : node.path();
      problems.error(node.pos(), "unknown " + key + " '" + s + "' in " + where
          + " (use one of " + String.join(", ", allowed) + ")" + Suggestions.didYouMean(s, allowed));
      return null;
    }
    return s;
  }

  private @Nullable Duration duration(@Nullable YNode node) {
    String s = string(node);
    if (s == null || node == null) {
      return null;
    }
    try {
      Duration d = GoDuration.parse(s.strip());
      if (d.isNegative()) {
        problems.error(node.pos(), node.path() + " must not be negative, got '" + s + "'");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problems.error(node.pos(), node.path() + " must be a Go duration such as 30s or 2m, got '" + s + "'");
      return null;
    }
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

  private E2eTest.Position pos(YNode node) {
    SourcePos p = node.pos();
    return new E2eTest.Position(p.file(), p.line(), p.column());
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.isNull();
  }

  private @Nullable YMap map(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YMap m) {
      return m;
    }
    problems.error(node.pos(), node.path() + " must be a mapping, got " + node.describe());
    return null;
  }

  private @Nullable YSeq list(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YSeq s) {
      return s;
    }
    problems.error(node.pos(), node.path() + " must be a list, got " + node.describe());
    return null;
  }

  private @Nullable String string(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar s) {
      return s.text();
    }
    problems.error(node.pos(), node.path() + " must be a string, got " + node.describe());
    return null;
  }

  private @Nullable Boolean bool(@Nullable YNode node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar s && s.value().isBoolean()) {
      return s.value().booleanValue();
    }
    problems.error(node.pos(), node.path() + " must be a boolean (true or false), got " + node.describe());
    return null;
  }

  private @Nullable Integer integer(@Nullable YNode node, int min) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof YScalar s) {
      JsonNode v = s.value();
      if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= min) {
        return v.intValue();
      }
    }
    problems.error(node.pos(), node.path() + " must be an integer >= " + min + ", got " + node.describe());
    return null;
  }
}

package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.Motif;
import io.orkestra.katalog.E2eTest;
import io.orkestra.katalog.Simulation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ork validate [-f FILE|DIR]...}: loads each file with full validation, offline. A valid
 * file prints one summary line on stdout; an invalid one prints every diagnostic as {@code
 * file:line:column: message} on stderr. Exit 0 when all files are valid, 2 otherwise. Without
 * {@code -f}: {@code komposer.yaml}, else {@code katalog.yaml} in the current directory.
 *
 * <p>With {@code --full}, each valid file's summary line is followed by a report per CRD: its
 * children kinds, the RBAC rules its operator needs (its own resource with the {@code status} and
 * {@code finalizers} subresources, every child kind, events) and, once per file, the start order
 * that {@code dependsOn} implies (a cycle or an unknown CRD name is an error, exit 2). For example:
 *
 * <pre>
 *   crd webapp: WebApp (demo.orkestra.io/v1, webapps, namespaced)
 *     children: ConfigMap, Deployment, Service
 *     depends on: nothing
 *     rbac: apiGroups [demo.orkestra.io] resources [webapps] verbs [get, list, watch, update, patch]
 *     ...
 *   start order: webapp
 * </pre>
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Load and validate Katalogs, Komposers, Motifs, Simulate and E2E files offline; print every error.")
public final class ValidateCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin private ImportOptions importOptions = new ImportOptions();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR",
      description = "Katalog or Komposer file, or pattern directory (repeatable; default:"
          + " komposer.yaml, else katalog.yaml).")
  private List<Path> files = new ArrayList<>();

  @Option(names = "--full",
      description = "Also print, per CRD, its children kinds, the RBAC rules the operator needs"
          + " and the start order from dependsOn.")
  private boolean full;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> targets = files.isEmpty() ? List.of(defaultFile()) : files;
    boolean ok = true;
    for (Path target : targets) {
      Path file = entryFile(target);
      String kind = kindOf(file);
      try {
        ok &= validate(target, file, kind, out, err);
      } catch (KatalogException e) {
        ok = false;
        for (Diagnostic d : e.diagnostics()) {
          err.println(d);
        }
      }
    }
    out.flush();
    err.flush();
    return ok ? 0 : 2;
  }

  /**
   * Validates one file by its document kind; a kind with its own rules (such as {@code Motif})
   * gets its own branch here. Everything else goes through the operator loader, which accepts
   * Katalogs and Komposers and reports any other kind as a positioned error.
   */
  private boolean validate(Path target, Path file, String kind, PrintWriter out, PrintWriter err) {
    switch (kind) {
      case "Motif" -> {
        Motif motif = KatalogInterpreter.loadMotif(file);
        out.println(display(file) + ": valid Motif " + motif.name() + " " + motif.version() + ", "
            + motif.inputs().size() + (motif.inputs().size() == 1 ? " input" : " inputs")
            + (motif.inputs().isEmpty() ? "" : " (" + motif.inputs().stream()
                .map(i -> i.name() + (i.required() ? " required" : "")).collect(Collectors.joining(", ")) + ")"));
        return true;
      }
      case "Simulate" -> {
        Simulation simulation = KatalogInterpreter.loadSimulation(file);
        int crds = 0;
        if (simulation.katalog() != null) {
          try (RegistryImports imports = RegistryImports.forEntry(simulation.katalog(), importOptions.oci())) {
            crds = KatalogInterpreter.load(simulation.katalog(), imports.loadOptions()).size();
          }
        }
        out.println(display(file) + ": valid Simulate " + simulation.name()
            + (simulation.katalog() == null ? "" : ", katalog " + display(simulation.katalog()) + " (" + crds
                + (crds == 1 ? " CRD)" : " CRDs)"))
            + ", " + simulation.crFiles().size() + " CR file" + (simulation.crFiles().size() == 1 ? "" : "s"));
        return true;
      }
      case "E2E" -> {
        E2eTest e2e = KatalogInterpreter.loadE2e(file);
        int steps = e2e.steps().size();
        out.println(display(file) + ": valid E2E " + e2e.name() + ", " + steps
            + (steps == 1 ? " step" : " steps"));
        return true;
      }
      default -> {
        return validateOperators(target, file, kind, out, err);
      }
    }
  }

  /** A Katalog or a Komposer: the summary line, then with {@code --full} the per-CRD report. */
  private boolean validateOperators(
      Path target, Path file, String kind, PrintWriter out, PrintWriter err) {
    List<CompiledOperator> operators;
    ObjectNode expanded = null;
    try (RegistryImports imports = RegistryImports.forEntry(target, importOptions.oci())) {
      operators = KatalogInterpreter.load(target, imports.loadOptions());
      if (full) {
        expanded = KatalogInterpreter.expand(target, imports.loadOptions());
      }
    }
    if ("Katalog".equals(kind)) {
      List<String> disagreements = PatternChecks.crdAgreement(file, operators);
      if (!disagreements.isEmpty()) {
        disagreements.forEach(err::println);
        return false;
      }
    }
    out.println(display(file) + ": valid " + kind + ", " + summary(operators));
    if (expanded == null) {
      return true;
    }
    FullReport report = FullReport.of(operators, expanded);
    report.lines().forEach(out::println);
    report.errors().forEach(e -> err.println(display(file) + ": " + e));
    return report.errors().isEmpty();
  }

  /**
   * {@code komposer.yaml}, else {@code katalog.yaml}, in the current directory: a project's
   * Komposer is its entry point (the quick start keeps {@code ork init}'s katalog.yaml next to it).
   */
  static Path defaultFile() {
    Path komposer = Path.of("komposer.yaml");
    Path katalog = Path.of("katalog.yaml");
    return Files.exists(komposer) ? komposer : katalog;
  }

  /** The file a directory stands for ({@code katalog.yaml}, else {@code komposer.yaml}). */
  static Path entryFile(Path target) {
    if (!Files.isDirectory(target)) {
      return target;
    }
    for (String name : List.of("katalog.yaml", "komposer.yaml", "motif.yaml", "simulate.yaml", "e2e.yaml")) {
      if (Files.isRegularFile(target.resolve(name))) {
        return target.resolve(name);
      }
    }
    return target;
  }

  /** The document's {@code kind} ({@code Katalog} when it cannot be read: loading reports why). */
  private static String kindOf(Path file) {
    if (Files.isRegularFile(file)) {
      try {
        List<ObjectNode> docs = KatalogInterpreter.readManifests(file);
        if (!docs.isEmpty() && docs.get(0).path("kind").isTextual()) {
          return docs.get(0).path("kind").asText();
        }
      } catch (RuntimeException e) {
        // the load reports what is wrong with the file; fall back to the common case
      }
    }
    return "Katalog";
  }

  private static String summary(List<CompiledOperator> operators) {
    String crds = operators.stream().map(ValidateCommand::describe)
        .collect(Collectors.joining("; "));
    return operators.size() + (operators.size() == 1 ? " CRD" : " CRDs")
        + (operators.isEmpty() ? "" : " (" + crds + ")");
  }

  private static String describe(CompiledOperator op) {
    OperatorSpec s = op.spec();
    List<String> children = KatalogInterpreter.childKinds(op);
    return s.name() + ": " + s.apiVersion() + " " + s.kind()
        + (children.isEmpty() ? ", no children" : ", children " + String.join(", ", children));
  }

  private static String display(Path p) {
    return p.toString().replace('\\', '/');
  }

  /**
   * What {@code --full} prints for one file: per-CRD lines and the start order, plus errors
   * (dependency cycles, unknown dependencies).
   *
   * @param lines report lines, indented under the summary line
   * @param errors one line each, without the file name
   */
  record FullReport(List<String> lines, List<String> errors) {

    private static final List<String> OWN_VERBS = List.of("get", "list", "watch", "update", "patch");
    private static final List<String> STATUS_VERBS = List.of("get", "update", "patch");
    private static final List<String> CHILD_VERBS =
        List.of("get", "list", "watch", "create", "update", "patch", "delete");

    /** API group and plural of the built-in kinds an operator can create. */
    private static final Map<String, List<String>> BUILT_IN = builtIns();

    FullReport {
      lines = List.copyOf(lines);
      errors = List.copyOf(errors);
    }

    static FullReport of(List<CompiledOperator> operators, ObjectNode expanded) {
      List<String> lines = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      JsonNode entries = expanded.path("spec").path("crds");
      Map<String, OperatorSpec> byName = new LinkedHashMap<>();
      operators.forEach(op -> byName.put(op.spec().name(), op.spec()));
      Map<String, List<String>> deps = new LinkedHashMap<>();
      for (CompiledOperator op : operators) {
        OperatorSpec s = op.spec();
        lines.add("  crd " + s.name() + ": " + s.kind() + " (" + s.apiVersion() + ", " + s.plural()
            + ", " + (s.namespaced() ? "namespaced" : "cluster-scoped") + ")");
        List<String> children = KatalogInterpreter.childKinds(op);
        lines.add("    children: " + (children.isEmpty() ? "none" : String.join(", ", children)));
        Map<String, String> dependsOn = dependsOn(entries.path(s.name()).path("dependsOn"));
        List<String> names = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        dependsOn.forEach((name, condition) -> {
          if (byName.containsKey(name)) {
            names.add(name);
            shown.add(name + " (" + condition + ")");
          } else if (entries.has(name)) {
            shown.add(name + " (disabled, ignored)");
          } else {
            errors.add("crd " + s.name() + " depends on unknown CRD '" + name + "'");
          }
        });
        deps.put(s.name(), names);
        lines.add("    depends on: " + (shown.isEmpty() ? "nothing" : String.join(", ", shown)));
        rule(lines, s.group(), s.plural(), OWN_VERBS);
        rule(lines, s.group(), s.plural() + "/status", STATUS_VERBS);
        rule(lines, s.group(), s.plural() + "/finalizers", List.of("update"));
        for (String kind : children) {
          List<String> gp = groupAndPlural(kind, operators);
          rule(lines, gp.get(0), gp.get(1), CHILD_VERBS);
        }
        rule(lines, "", "events", List.of("create", "patch"));
        if (s.crd().isPresent()) {
          rule(lines, "apiextensions.k8s.io", "customresourcedefinitions",
              List.of("get", "create", "update", "patch"));
        }
      }
      startOrder(deps).ifPresentOrElse(
          order -> lines.add("  start order: " + String.join(", ", order)),
          () -> errors.add("dependency cycle: " + String.join(" -> ", cycle(deps))));
      return new FullReport(lines, errors);
    }

    /** {@code dependsOn} as name to condition: a list of names, or {@code name: cond|{condition}}. */
    static Map<String, String> dependsOn(JsonNode node) {
      Map<String, String> out = new LinkedHashMap<>();
      if (node.isArray()) {
        for (JsonNode item : node) {
          if (item.isTextual()) {
            out.put(item.asText(), "started");
          } else if (item.has("name")) {
            out.put(item.path("name").asText(), item.path("condition").asText("started"));
          } else if (item.isObject() && item.size() == 1) {
            String name = item.fieldNames().next();
            out.put(name, condition(item.get(name)));
          }
        }
      } else if (node.isObject()) {
        node.properties().forEach(e -> out.put(e.getKey(), condition(e.getValue())));
      } else if (node.isTextual()) {
        out.put(node.asText(), "started");
      }
      return out;
    }

    private static String condition(JsonNode v) {
      String c = v.isTextual() ? v.asText() : v.path("condition").asText("");
      return c.isEmpty() ? "started" : c;
    }

    /** Declaration order, each CRD after its dependencies; empty when there is a cycle. */
    static Optional<List<String>> startOrder(Map<String, List<String>> deps) {
      List<String> order = new ArrayList<>();
      Set<String> placed = new HashSet<>();
      while (order.size() < deps.size()) {
        String next = deps.keySet().stream()
            .filter(n -> !placed.contains(n) && placed.containsAll(deps.get(n)))
            .findFirst().orElse(null);
        if (next == null) {
          return Optional.empty();
        }
        order.add(next);
        placed.add(next);
      }
      return Optional.of(order);
    }

    /** One dependency cycle, its first CRD repeated at the end. */
    static List<String> cycle(Map<String, List<String>> deps) {
      for (String start : deps.keySet()) {
        List<String> path = new ArrayList<>();
        List<String> found = walk(start, deps, path, new HashSet<>());
        if (found != null) {
          return found;
        }
      }
      return List.of();
    }

    private static @Nullable List<String> walk(
        String node, Map<String, List<String>> deps, List<String> path, Set<String> done) {
      int at = path.indexOf(node);
      if (at >= 0) {
        List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
        cycle.add(node);
        return cycle;
      }
      if (!done.add(node)) {
        return null;
      }
      path.add(node);
      for (String dep : deps.getOrDefault(node, List.of())) {
        List<String> found = walk(dep, deps, path, done);
        if (found != null) {
          return found;
        }
      }
      path.remove(path.size() - 1);
      return null;
    }

    private static void rule(List<String> lines, String group, String resource, List<String> verbs) {
      lines.add("    rbac: apiGroups [" + (group.isEmpty() ? "\"\"" : group) + "] resources ["
          + resource + "] verbs [" + String.join(", ", verbs) + "]");
    }

    /** A child kind's API group and plural: built-in table, else a CRD of the same file. */
    private static List<String> groupAndPlural(String kind, List<CompiledOperator> operators) {
      List<String> builtIn = BUILT_IN.get(kind);
      if (builtIn != null) {
        return builtIn;
      }
      for (CompiledOperator op : operators) {
        if (op.spec().kind().equals(kind)) {
          return List.of(op.spec().group(), op.spec().plural());
        }
      }
      return List.of("<group of " + kind + ">", kind.toLowerCase(Locale.ROOT) + "s");
    }

    private static Map<String, List<String>> builtIns() {
      Map<String, List<String>> m = new HashMap<>();
      String[][] table = {
        {"", "ConfigMap", "configmaps"}, {"", "Secret", "secrets"}, {"", "Service", "services"},
        {"", "ServiceAccount", "serviceaccounts"}, {"", "Namespace", "namespaces"},
        {"", "Pod", "pods"}, {"", "PersistentVolume", "persistentvolumes"},
        {"", "PersistentVolumeClaim", "persistentvolumeclaims"},
        {"", "ResourceQuota", "resourcequotas"}, {"", "LimitRange", "limitranges"},
        {"apps", "Deployment", "deployments"}, {"apps", "StatefulSet", "statefulsets"},
        {"apps", "ReplicaSet", "replicasets"}, {"apps", "DaemonSet", "daemonsets"},
        {"batch", "Job", "jobs"}, {"batch", "CronJob", "cronjobs"},
        {"networking.k8s.io", "Ingress", "ingresses"},
        {"networking.k8s.io", "NetworkPolicy", "networkpolicies"},
        {"autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers"},
        {"policy", "PodDisruptionBudget", "poddisruptionbudgets"},
        {"rbac.authorization.k8s.io", "Role", "roles"},
        {"rbac.authorization.k8s.io", "RoleBinding", "rolebindings"},
        {"rbac.authorization.k8s.io", "ClusterRole", "clusterroles"},
        {"rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings"},
      };
      for (String[] row : table) {
        m.put(row[1], List.of(row[0], row[2]));
      }
      return Map.copyOf(m);
    }
  }
}

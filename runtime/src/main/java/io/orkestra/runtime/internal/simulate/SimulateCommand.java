package io.orkestra.runtime.internal.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Admission;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.Simulation;
import io.orkestra.oci.OciOptions;
import io.orkestra.runtime.internal.RegistryImports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ork simulate}: runs a Katalog's reconcile loop against an in-memory fake cluster for a
 * number of cycles and checks the assertions of a {@code kind: Simulate} file.
 *
 * <p>Which file: {@code -f FILE} (a simulate file, or a Katalog/Komposer simulated with {@code
 * --cr} in print-only mode, or a directory holding either); without {@code -f}, {@code
 * simulate.yaml} in the current directory, else its {@code katalog.yaml} with {@code cr.yaml}. The
 * argument {@code DIR/...} (e.g. {@code ./...}) runs every {@code simulate.yaml} under {@code DIR}
 * except paths matching {@code --skip}.
 *
 * <p>Besides the reconcile cycles, a simulate file may check admission and conversion ({@code
 * expect.admission}, {@code expect.conversion}, run with {@link AdmissionChecks} on the CRD whose
 * group and kind match), set a clock ({@code spec.clock}, fixed or stepping per cycle) and change
 * children's observed status between cycles ({@code spec.childStatus}).
 *
 * <p>Exit codes: 0 every assertion passed (and no reconcile failed), 1 an assertion failed or a
 * reconcile failed, 2 invalid input (a file that does not load, with {@code file:line:column}).
 *
 * <p>{@code --cycles} given explicitly overrides {@code spec.cycles} (Orkestra lets the file win;
 * here the flag is meant for quick experiments). {@code --skip-external} is accepted for
 * compatibility: this build's Katalogs make no {@code external:} calls.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run a Katalog's reconcile loop in memory (no cluster) and check a simulate.yaml.")
public final class SimulateCommand implements Callable<Integer> {

  private static final int DEFAULT_CYCLES = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "DIR/...",
      description = "Run every simulate.yaml under DIR (e.g. ./...).")
  private @Nullable String discover;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR",
      description = "simulate.yaml, or a Katalog/Komposer (with --cr), or a directory.")
  private @Nullable Path file;

  @Option(names = "--cr", paramLabel = "CR.yaml",
      description = "Custom resources to reconcile (overrides spec.cr; default cr.yaml next to a Katalog).")
  private @Nullable Path cr;

  @Option(names = "--crd", paramLabel = "NAME", description = "Simulate only this CRD entry.")
  private @Nullable String crd;

  @Option(names = "--cycles", paramLabel = "N",
      description = "Reconcile cycles per custom resource (default: spec.cycles, else 10).")
  private @Nullable Integer cycles;

  @Option(names = "--skip-external", description = "Stub external: calls (no effect in this build).")
  private boolean skipExternal;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Serve target to reconcile with (accepted; no effect in this build).")
  private @Nullable String target;

  @Option(names = "--skip", split = ",", paramLabel = "PATTERN",
      description = "With DIR/...: skip simulate files whose path contains or globs PATTERN.")
  private List<String> skip = new ArrayList<>();

  @Option(names = "--debug-ops", description = "Print every cycle's writes, without collapsing.")
  private boolean debugOps;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  private String output = "text";

  /** Used by picocli. */
  public SimulateCommand() {}

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new OrkestraException("unknown output format '" + output + "' (use text or json)");
    }
    if (cycles != null && (cycles < 1 || cycles > 1000)) {
      throw new OrkestraException("--cycles must be from 1 to 1000, got " + cycles);
    }
    List<FileReport> reports = new ArrayList<>();
    if (discover != null) {
      if (!discover.endsWith("...")) {
        throw new OrkestraException("unexpected argument '" + discover
            + "' (use -f FILE, or DIR/... to run every simulate.yaml under DIR)");
      }
      String d = discover.substring(0, discover.length() - 3);
      Path root = Path.of(d.isEmpty() ? "." : d);
      for (Path p : discoverFiles(root)) {
        Simulation sim = KatalogInterpreter.loadSimulation(p);
        if (!sim.aggregator()) {
          reports.add(runSimulation(sim));
        }
      }
      if (reports.isEmpty()) {
        spec.commandLine().getOut().println("no simulate.yaml files found under " + root);
        return 0;
      }
    } else {
      Path target = file != null ? file : Path.of("");
      Path simFile = simulateFileOf(target);
      if (simFile != null) {
        runAll(KatalogInterpreter.loadSimulation(simFile), reports, new LinkedHashSet<>());
      } else {
        reports.add(runKatalog(target));
      }
    }
    boolean passed = reports.stream().allMatch(FileReport::passed);
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("json")) {
      out.println(json(reports, passed));
    } else {
      for (FileReport r : reports) {
        SimulationReport.text(r, debugOps, out);
      }
      if (reports.size() > 1) {
        long ok = reports.stream().filter(FileReport::passed).count();
        out.println((passed ? "PASS" : "FAIL") + ": " + ok + "/" + reports.size()
            + " simulate files passed");
      }
    }
    out.flush();
    return passed ? 0 : 1;
  }

  /** The simulate file a -f target names, or {@code null} when it is a Katalog (print-only). */
  private static @Nullable Path simulateFileOf(Path target) {
    if (Files.isDirectory(target)) {
      Path s = target.resolve("simulate.yaml");
      if (Files.exists(s)) {
        return s;
      }
      if (Files.exists(target.resolve("katalog.yaml")) || Files.exists(target.resolve("komposer.yaml"))) {
        return null;
      }
      throw new OrkestraException("no simulate.yaml (or katalog.yaml) in "
          + (target.toString().isEmpty() ? "the current directory" : target.toString()));
    }
    if (!Files.exists(target)) {
      throw new OrkestraException("simulate file not found: " + target);
    }
    List<ObjectNode> docs = KatalogInterpreter.readManifests(target);
    if (!docs.isEmpty() && docs.get(0).path("kind").asText().equals("Simulate")) {
      return target;
    }
    if (!docs.isEmpty() && docs.get(0).path("kind").asText().equals("E2E")) {
      throw new OrkestraException(target + " is an E2E file: ork simulate runs kind Simulate files");
    }
    return null;
  }

  private void runAll(Simulation sim, List<FileReport> reports, Set<Path> seen) {
    if (!seen.add(sim.path().toAbsolutePath().normalize())) {
      throw new OrkestraException(sim.file() + ": simulate imports form a cycle");
    }
    if (sim.aggregator()) {
      for (Path p : sim.imports()) {
        runAll(KatalogInterpreter.loadSimulation(p), reports, seen);
      }
    } else {
      reports.add(runSimulation(sim));
    }
  }

  private List<Path> discoverFiles(Path root) {
    if (!Files.isDirectory(root)) {
      throw new OrkestraException("not a directory: " + root);
    }
    List<PathMatcher> globs = new ArrayList<>();
    for (String s : skip) {
      globs.add(FileSystems.getDefault().getPathMatcher("glob:" + s.strip()));
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk
          .filter(p -> p.getFileName() != null && p.getFileName().toString().equals("simulate.yaml"))
          .filter(p -> {
            Path rel = root.relativize(p);
            String s = rel.toString().replace('\\', '/');
            for (int i = 0; i < skip.size(); i++) {
              if (s.contains(skip.get(i).strip()) || globs.get(i).matches(rel)) {
                return false;
              }
            }
            return true;
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FileReport runSimulation(Simulation sim) {
    List<Path> crFiles = cr != null ? List.of(cr) : sim.crFiles();
    int n = cycles != null ? cycles : sim.cycles() != null ? sim.cycles() : DEFAULT_CYCLES;
    return simulate(sim.file(), sim.katalog(), crFiles, n, sim.changes(), sim.expect(), sim);
  }

  private FileReport runKatalog(Path katalog) {
    Path dir = Files.isDirectory(katalog) ? katalog
        : katalog.toAbsolutePath().getParent();
    Path crFile = cr != null ? cr : dir.resolve("cr.yaml");
    if (!Files.exists(crFile)) {
      throw new OrkestraException("CR file not found: " + crFile + " (pass --cr)");
    }
    int n = cycles != null ? cycles : DEFAULT_CYCLES;
    String name = katalog.toString().isEmpty() ? "katalog.yaml" : katalog.toString();
    return simulate(name, katalog, List.of(crFile), n, List.of(), null, null);
  }

  private FileReport simulate(String name, @Nullable Path katalog, List<Path> crFiles, int n,
      List<Simulation.Change> changes, Simulation.@Nullable Expect expect,
      @Nullable Simulation sim) {
    if (katalog == null) {
      throw new OrkestraException(name + ": no katalog to simulate");
    }
    List<CompiledOperator> operators;
    try (RegistryImports imports = RegistryImports.forEntry(katalog, OciOptions.defaults()
        .withMirrors(io.orkestra.runtime.internal.RegistryConfig.mirrors(System.getenv(), java.util.List.of(), false)))) {
      operators = KatalogInterpreter.load(katalog, imports.loadOptions());
    }
    Map<CompiledOperator, List<ObjectNode>> crs = new LinkedHashMap<>();
    operators.forEach(op -> crs.put(op, new ArrayList<>()));
    for (Path f : crFiles) {
      for (ObjectNode doc : KatalogInterpreter.readManifests(f)) {
        crs.get(operatorFor(operators, doc, f)).add(doc);
      }
    }
    if (crd != null && operators.stream().noneMatch(op -> op.spec().name().equals(crd))) {
      throw new OrkestraException("no CRD entry named '" + crd + "' in " + katalog + " (entries: "
          + String.join(", ", operators.stream().map(op -> op.spec().name()).toList()) + ")");
    }
    for (Simulation.Change c : changes) {
      boolean matches = crs.values().stream().flatMap(List::stream).anyMatch(
          doc -> (c.kind() == null || c.kind().equals(doc.path("kind").asText()))
              && (c.name() == null || c.name().equals(doc.path("metadata").path("name").asText())));
      if (!matches) {
        throw new OrkestraException(c.pos() + ": this change matches no custom resource"
            + (c.kind() != null ? " of kind " + c.kind() : "")
            + (c.name() != null ? " named " + c.name() : ""));
      }
    }
    if (expect != null) {
      for (String key : expect.crds().keySet()) {
        if (operators.stream().noneMatch(op -> op.spec().name().equals(key))) {
          throw new OrkestraException(name + ": expect.crds names '" + key
              + "', which is not a CRD entry of " + katalog);
        }
      }
    }
    List<Simulation.AdmissionCase> admissionCases =
        expect == null ? List.of() : expect.admission();
    List<Simulation.ConversionCase> conversionCases =
        expect == null ? List.of() : expect.conversion();
    for (Simulation.AdmissionCase c : admissionCases) {
      requireOperator(operators, c.cr(), c.pos(), katalog);
    }
    for (Simulation.ConversionCase c : conversionCases) {
      requireOperator(operators, c.from(), c.pos(), katalog);
    }
    Instant start = sim != null && sim.clock() != null ? sim.clock() : SimulationRunner.EPOCH;
    Duration step = sim != null ? sim.clockStep() : Duration.ZERO;
    List<Simulation.ChildStatus> childStatus = sim != null ? sim.childStatus() : List.of();
    Clock clock = Clock.fixed(start, ZoneOffset.UTC);
    long started = System.nanoTime();
    List<CrdReport> crdReports = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (CompiledOperator op : operators) {
      String crdName = op.spec().name();
      if (crd != null && !crd.equals(crdName)) {
        continue;
      }
      List<ObjectNode> mine = crs.get(op);
      List<Simulation.AdmissionCase> myAdmission = admissionCases.stream()
          .filter(c -> AdmissionChecks.handles(op, c.cr())).toList();
      List<Simulation.ConversionCase> myConversion = conversionCases.stream()
          .filter(c -> AdmissionChecks.handles(op, c.from())).toList();
      if (mine.isEmpty() && myAdmission.isEmpty() && myConversion.isEmpty()) {
        notes.add("no custom resource of kind " + op.spec().kind() + " for CRD " + crdName
            + ": skipped");
        continue;
      }
      SimulationRunner.CrdRun run = SimulationRunner.run(op, mine, n, changes, childStatus,
          start, step).block(Duration.ofMinutes(2));
      if (run == null) {
        throw new IllegalStateException("simulation of " + crdName + " produced no result");
      }
      List<Verdicts.Verdict> verdicts = new ArrayList<>(run.setupFailures());
      if (expect != null) {
        if (!mine.isEmpty()) {
          verdicts.addAll(Verdicts.check(expect.forCrd(crdName), run));
        }
        Admission admission = KatalogInterpreter.admission(op, clock);
        verdicts.addAll(AdmissionChecks.admission(admission, op.spec().namespaced(), myAdmission));
        verdicts.addAll(AdmissionChecks.conversion(admission, myConversion));
      }
      crdReports.add(new CrdReport(run, verdicts));
    }
    long micros = (System.nanoTime() - started) / 1000;
    return new FileReport(name, katalog.toString(), n, expect != null, crdReports, notes, micros);
  }

  private static void requireOperator(List<CompiledOperator> operators, ObjectNode object,
      Simulation.Position pos, Path katalog) {
    if (operators.stream().noneMatch(op -> AdmissionChecks.handles(op, object))) {
      throw new OrkestraException(pos + ": no CRD entry of " + katalog + " handles "
          + object.path("apiVersion").asText("?") + " " + object.path("kind").asText("?"));
    }
  }

  private static CompiledOperator operatorFor(List<CompiledOperator> operators, ObjectNode cr,
      Path file) {
    String apiVersion = cr.path("apiVersion").asText();
    String kind = cr.path("kind").asText();
    for (CompiledOperator op : operators) {
      if (op.spec().kind().equals(kind) && op.spec().apiVersion().equals(apiVersion)) {
        return op;
      }
    }
    throw new OrkestraException(file + ": no CRD entry of the Katalog handles " + apiVersion + " "
        + kind + " (" + cr.path("metadata").path("name").asText("?") + ")");
  }

  /**
   * The run of one CRD with its assertion verdicts.
   *
   * @param run the run
   * @param verdicts the verdicts, empty in print-only mode
   */
  record CrdReport(SimulationRunner.CrdRun run, List<Verdicts.Verdict> verdicts) {
    boolean passed() {
      return verdicts.stream().allMatch(Verdicts.Verdict::passed)
          && run.resources().stream().allMatch(
              r -> r.cycles().stream().allMatch(c -> c.error() == null));
    }
  }

  /**
   * One simulate file's result.
   *
   * @param file the simulate (or Katalog) file as named
   * @param katalog the Katalog simulated
   * @param cycles cycles per resource
   * @param asserted whether the file has an expect block
   * @param crds per-CRD results
   * @param notes remarks such as skipped CRDs
   * @param micros wall time of the cycles (not of loading)
   */
  record FileReport(String file, String katalog, int cycles, boolean asserted,
      List<CrdReport> crds, List<String> notes, long micros) {
    boolean passed() {
      return crds.stream().allMatch(CrdReport::passed);
    }
  }

  private static String json(List<FileReport> reports, boolean passed) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("passed", passed);
    ArrayNode files = root.putArray("files");
    for (FileReport r : reports) {
      ObjectNode fr = files.addObject();
      fr.put("file", r.file());
      fr.put("katalog", r.katalog());
      fr.put("cycles", r.cycles());
      fr.put("passed", r.passed());
      fr.put("durationMs", r.micros() / 1000.0);
      ArrayNode notes = fr.putArray("notes");
      r.notes().forEach(notes::add);
      ArrayNode crds = fr.putArray("crds");
      for (CrdReport c : r.crds()) {
        ObjectNode cn = crds.addObject();
        cn.put("crd", c.run().crd());
        cn.put("passed", c.passed());
        ArrayNode resources = cn.putArray("resources");
        for (SimulationRunner.ResourceRun rr : c.run().resources()) {
          ObjectNode rn = resources.addObject();
          rn.put("kind", rr.key().kind());
          rn.put("namespace", rr.key().namespace());
          rn.put("name", rr.key().name());
          rn.put("steady", rr.steadyAt().isPresent());
          if (rr.steadyAt().isPresent()) {
            rn.put("steadyAt", rr.steadyAt().getAsInt());
          } else {
            rn.putNull("steadyAt");
          }
          ArrayNode cs = rn.putArray("cycles");
          for (SimulationRunner.Cycle cy : rr.cycles()) {
            ObjectNode cyn = cs.addObject();
            cyn.put("cycle", cy.cycle());
            ArrayNode ops = cyn.putArray("ops");
            for (FakeCluster.Op op : cy.ops()) {
              ObjectNode o = ops.addObject();
              o.put("verb", op.verb());
              o.put("resource", op.resource());
              o.put("namespace", op.namespace());
              o.put("name", op.name());
            }
            if (cy.error() != null) {
              cyn.put("error", cy.error());
            } else {
              cyn.putNull("error");
            }
            cyn.set("status", cy.status() == null ? f.nullNode() : cy.status());
          }
        }
        ArrayNode as = cn.putArray("assertions");
        for (Verdicts.Verdict v : c.verdicts()) {
          ObjectNode a = as.addObject();
          a.put("assertion", v.description());
          a.put("passed", v.passed());
          a.put("position", v.pos().toString());
          if (v.message() != null) {
            a.put("message", v.message());
          }
        }
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

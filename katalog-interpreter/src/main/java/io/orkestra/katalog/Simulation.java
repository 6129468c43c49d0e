package io.orkestra.katalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A loaded {@code kind: Simulate} document ({@code simulate.yaml}): a declarative in-memory
 * reconcile test run by {@code ork simulate}. Read with {@link KatalogInterpreter#loadSimulation}.
 *
 * <p>The schema is Orkestra's ({@code apiVersion: orkestra.orkspace.io/v1}):
 *
 * <pre>
 * kind: Simulate
 * metadata: {name: webapp-sim, description: ...}
 * imports: [./a/simulate.yaml]          # aggregator form: no spec, runs each file
 * spec:
 *   katalog: ./katalog.yaml             # Orkestra's older spelling 'catalog' is accepted
 *   cr: ./cr.yaml                       # and/or crFiles: [...]
 *   crd: ./crd.yaml                     # and/or crdFiles: [...] (checked to exist; envtest only)
 *   cycles: 5                           # default 10
 *   skipExternal: false
 *   target: ""                          # serve target (accepted, no effect in this build)
 *   expect:
 *     steady: true                      # the run ends with a cycle that writes nothing
 *     steadyAt: 2                       # ... and the quiet streak starts at cycle 2 or earlier
 *     noErrors: true                    # no reconcile failed
 *     ops:    [{cycle: 1, verb: create, resource: deployments, name: web, count: 1}]
 *     absent: [{cycle: 2, verb: update, resource: deployments}]
 *     crds: {webapp: {...}}             # per-CRD expect blocks replace the top-level one
 * </pre>
 *
 * <p>Orkestra-J extensions, because Orkestra's schema has no way to change a resource during a
 * run, to move the clock or child status, or to check status values and admission rules:
 *
 * <pre>
 * spec:
 *   clock: "2026-01-07T16:00:00Z"       # fixed clock; or {now: ..., step: 30m} to move per cycle
 *   changes:                            # before cycle N, merge-patch or delete custom resources
 *     - {cycle: 2, name: web, patch: {spec: {replicas: 5}}}
 *   childStatus:                        # before cycle N, merge into an observed child's status
 *     - {cycle: 2, kind: Deployment, name: web, status: {readyReplicas: 3}}
 *   expect:
 *     status: [{path: phase, value: Ready, cycle: 3}]
 *     admission:                        # the Katalog's admission rules on a given object
 *       - crFile: ./bad.yaml            # or cr: {...}; oldCr/oldCrFile and operation for UPDATE
 *         allowed: false
 *         denied: ["image must come from myorg/"]   # exact deny messages, in rule order
 *         warnings: []                  # exact warn messages
 *         patched: {spec: {replicas: 1}}   # fields the mutation must have written (subset)
 *     conversion:
 *       - from: {apiVersion: demo.io/v1, kind: Web, ...}   # or fromFile
 *         toVersion: v2
 *         equals: {...}                 # the whole converted object; or contains: (subset)
 *         error: "no conversion path"   # or: the conversion must fail with this text
 * </pre>
 *
 * @param file the simulate file as the user named it
 * @param path the simulate file
 * @param name {@code metadata.name}
 * @param description {@code metadata.description}, or {@code null}
 * @param imports aggregator form: the simulate files to run, resolved against this file's
 *     directory; empty for a normal file
 * @param katalog the Katalog to simulate ({@code spec.katalog}), or {@code null} in aggregator form
 * @param crFiles the custom resource files ({@code spec.cr} then {@code spec.crFiles})
 * @param crdFiles the CRD files ({@code spec.crd} then {@code spec.crdFiles})
 * @param cycles {@code spec.cycles}, or {@code null} for the default
 * @param skipExternal {@code spec.skipExternal}
 * @param target {@code spec.target}, or {@code null}
 * @param expect the assertions, or {@code null} for print-only mode
 * @param changes changes applied to custom resources before given cycles
 * @param clock {@code spec.clock}: the instant of cycle 1, or {@code null} for the default
 * @param clockStep how far the clock moves per cycle ({@link Duration#ZERO} for a fixed clock)
 * @param childStatus child status changes applied before given cycles
 */
public record Simulation(
    String file,
    Path path,
    String name,
    @Nullable String description,
    List<Path> imports,
    @Nullable Path katalog,
    List<Path> crFiles,
    List<Path> crdFiles,
    @Nullable Integer cycles,
    boolean skipExternal,
    @Nullable String target,
    @Nullable Expect expect,
    List<Change> changes,
    @Nullable Instant clock,
    Duration clockStep,
    List<ChildStatus> childStatus) {

  /** Null checks and immutable copies. */
  public Simulation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    imports = List.copyOf(Objects.requireNonNull(imports, "imports"));
    crFiles = List.copyOf(Objects.requireNonNull(crFiles, "crFiles"));
    crdFiles = List.copyOf(Objects.requireNonNull(crdFiles, "crdFiles"));
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    Objects.requireNonNull(clockStep, "clockStep");
    childStatus = List.copyOf(Objects.requireNonNull(childStatus, "childStatus"));
  }

  /**
   * Whether this is an aggregator file (only {@code imports}).
   *
   * @return {@code true} when it has imports and no spec
   */
  public boolean aggregator() {
    return katalog == null;
  }

  /**
   * Where an assertion or change was written.
   *
   * @param file the file as the user named it
   * @param line 1-based line
   * @param column 1-based column
   */
  public record Position(String file, int line, int column) {
    /** Null check. */
    public Position {
      Objects.requireNonNull(file, "file");
    }

    /** {@code file:line:column}. */
    @Override
    public String toString() {
      return file + ":" + line + ":" + column;
    }
  }

  /**
   * A boolean assertion such as {@code steady: true}.
   *
   * @param value the declared value
   * @param pos where it is written
   */
  public record Flag(boolean value, Position pos) {
    /** Null check. */
    public Flag {
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * A numeric bound such as {@code steadyAt: 2}.
   *
   * @param value the declared value
   * @param pos where it is written
   */
  public record Limit(int value, Position pos) {
    /** Null check. */
    public Limit {
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * The {@code expect} block of a file, or one of its {@code crds} entries.
   *
   * @param steady {@code steady}, or {@code null}
   * @param steadyAt {@code steadyAt}, or {@code null}
   * @param noErrors {@code noErrors}, or {@code null}
   * @param ops ops that must appear
   * @param absent ops that must not appear
   * @param status status values that must hold (Orkestra-J extension)
   * @param admission admission cases (Orkestra-J extension; top-level block only)
   * @param conversion conversion cases (Orkestra-J extension; top-level block only)
   * @param crds per-CRD blocks, keyed by CRD entry name; a CRD with an entry uses it instead of this
   *     block
   */
  public record Expect(
      @Nullable Flag steady,
      @Nullable Limit steadyAt,
      @Nullable Flag noErrors,
      List<OpRule> ops,
      List<OpRule> absent,
      List<StatusRule> status,
      List<AdmissionCase> admission,
      List<ConversionCase> conversion,
      Map<String, Expect> crds) {

    /** Immutable copies. */
    public Expect {
      ops = List.copyOf(Objects.requireNonNull(ops, "ops"));
      absent = List.copyOf(Objects.requireNonNull(absent, "absent"));
      status = List.copyOf(Objects.requireNonNull(status, "status"));
      admission = List.copyOf(Objects.requireNonNull(admission, "admission"));
      conversion = List.copyOf(Objects.requireNonNull(conversion, "conversion"));
      crds = Map.copyOf(Objects.requireNonNull(crds, "crds"));
    }

    /**
     * The block that applies to a CRD entry: its {@code crds} entry, else this block.
     *
     * @param crdName the CRD entry name
     * @return the block
     */
    public Expect forCrd(String crdName) {
      Expect e = crds.get(crdName);
      return e != null ? e : this;
    }
  }

  /**
   * One recorded-op rule: at least {@code count} (default 1) ops of cycle {@code cycle} match every
   * field given (an {@code absent} rule: none match).
   *
   * @param cycle the cycle, from 1
   * @param verb {@code create}, {@code update}, {@code delete}, {@code patch} or {@code apply} (the
   *     last two match updates), or {@code null} for any verb
   * @param resource plural lowercase resource such as {@code deployments}, or {@code status}; or
   *     {@code null} for any
   * @param name the object name, or {@code null} for any
   * @param count minimum number of matching ops; {@code 0} means 1
   * @param pos where the rule is written
   */
  public record OpRule(
      int cycle,
      @Nullable String verb,
      @Nullable String resource,
      @Nullable String name,
      int count,
      Position pos) {
    /** Null check. */
    public OpRule {
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * A status value that must hold after a cycle (Orkestra-J extension {@code expect.status}).
   *
   * @param path dotted path inside {@code status}, e.g. {@code endpoint} or {@code
   *     conditions[0].status}
   * @param value the expected value (YAML scalar or tree; compared by value, numbers numerically)
   * @param name the custom resource it applies to, or {@code null} for every one of the CRD
   * @param cycle after which cycle, or {@code null} for the last
   * @param pos where the rule is written
   */
  public record StatusRule(
      String path, JsonNode value, @Nullable String name, @Nullable Integer cycle, Position pos) {
    /** Null checks. */
    public StatusRule {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * A change to custom resources before a cycle (Orkestra-J extension {@code spec.changes}).
   *
   * @param cycle the cycle it happens before, from 2
   * @param kind the kind of resource it applies to, or {@code null} for any
   * @param name the resource name, or {@code null} for every resource (of {@code kind})
   * @param patch a JSON merge patch (RFC 7386) applied to the resource, or {@code null}
   * @param delete {@code true} to delete the resource (sets {@code deletionTimestamp}; the
   *     runtime's cleanup then deletes the children and removes its finalizer)
   * @param pos where the change is written
   */
  public record Change(
      int cycle,
      @Nullable String kind,
      @Nullable String name,
      @Nullable ObjectNode patch,
      boolean delete,
      Position pos) {
    /** Null check. */
    public Change {
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * A change to the observed status of children before a cycle (Orkestra-J extension {@code
   * spec.childStatus}), as if a controller had updated them: the status is merged (RFC 7386) into
   * every stored child of that kind (and name) of the simulated custom resources.
   *
   * @param cycle the cycle it happens before, from 2
   * @param kind the child's kind, such as {@code Deployment}
   * @param name the child's name, or {@code null} for every child of the kind
   * @param status a merge patch for the child's {@code status}
   * @param pos where it is written
   */
  public record ChildStatus(
      int cycle, String kind, @Nullable String name, ObjectNode status, Position pos) {
    /** Null checks. */
    public ChildStatus {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(pos, "pos");
    }
  }

  /**
   * An admission check (Orkestra-J extension {@code expect.admission}): the CRD's mutation rules
   * then its validation rules, run on an object as an admission webhook would ({@link
   * Admission#mutate} then {@link Admission#validate} on the mutated object). Each given
   * expectation must hold; {@code null} ones are not checked.
   *
   * @param cr the object under review ({@code cr} inline or {@code crFile})
   * @param oldCr the stored object for {@code UPDATE} ({@code oldCr} or {@code oldCrFile}), or
   *     {@code null}
   * @param operation {@code operation}, default {@code CREATE}
   * @param allowed whether no deny rule may fail, or {@code null}
   * @param denied the exact messages of the failed deny rules, in rule order, or {@code null}
   * @param warnings the exact messages of the failed warn rules, in rule order, or {@code null}
   * @param patched fields the mutated object must hold (each given field equal; others ignored),
   *     or {@code null}
   * @param error text the evaluation error must contain (a template failing), or {@code null}
   * @param pos where the case is written
   */
  public record AdmissionCase(
      ObjectNode cr,
      @Nullable ObjectNode oldCr,
      Admission.Operation operation,
      @Nullable Boolean allowed,
      @Nullable List<String> denied,
      @Nullable List<String> warnings,
      @Nullable ObjectNode patched,
      @Nullable String error,
      Position pos) {
    /** Null checks and immutable copies. */
    public AdmissionCase {
      Objects.requireNonNull(cr, "cr");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(pos, "pos");
      denied = denied == null ? null : List.copyOf(denied);
      warnings = warnings == null ? null : List.copyOf(warnings);
    }
  }

  /**
   * A conversion check (Orkestra-J extension {@code expect.conversion}): {@link Admission#convert}
   * of {@code from} to {@code toVersion}.
   *
   * @param from the object to convert ({@code from} inline or {@code fromFile})
   * @param toVersion the target version, such as {@code v2}
   * @param equals the whole expected result, or {@code null}
   * @param contains fields the result must hold (subset), or {@code null}
   * @param error text the conversion error must contain, or {@code null}
   * @param pos where the case is written
   */
  public record ConversionCase(
      ObjectNode from,
      String toVersion,
      @Nullable ObjectNode equals,
      @Nullable ObjectNode contains,
      @Nullable String error,
      Position pos) {
    /** Null checks. */
    public ConversionCase {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(toVersion, "toVersion");
      Objects.requireNonNull(pos, "pos");
    }
  }
}

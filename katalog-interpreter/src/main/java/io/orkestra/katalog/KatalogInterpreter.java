package io.orkestra.katalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.orkestra.core.CompiledOperator;
import java.io.UncheckedIOException;
import io.orkestra.katalog.internal.load.KatalogLoader;
import io.orkestra.katalog.internal.load.ManifestReader;
import io.orkestra.katalog.internal.load.StandaloneTemplate;
import io.orkestra.katalog.internal.load.SchemaExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Entry point of the Katalog interpreter: loads Katalog files into {@link CompiledOperator}s and
 * reads Kubernetes manifest files. This module owns all YAML parsing of the runtime.
 *
 * <p>Loading does the expensive and fallible work once: YAML parsing with positions, schema checks
 * (unknown keys with "did you mean", types, ranges), normalisation of the legacy 0.7.17 {@code
 * operatorBox} keys, and parsing of every template. The returned operators then only evaluate:
 * {@link CompiledOperator#interpret} is pure CPU work, thread-safe, with no I/O.
 *
 * <p>Threading: both methods read files and block; call them from {@code main}, a test, or {@code
 * Schedulers.boundedElastic()}, never from an event loop or a {@code parallel()} worker.
 *
 * <p>Errors: everything wrong with the input is collected and thrown as one {@link
 * KatalogException} whose message lists each problem as {@code file:line:column: message}, for
 * example:
 *
 * <pre>
 * examples/quickstart/katalog.yaml:14:9: unknown key 'imgae' in spec.crds.webapp.operatorBox.reconcile.onCreate.deployments[0] (did you mean 'image'?)
 * </pre>
 *
 * <p>Templates are Go {@code text/template} (actions, pipelines, variables, {@code if/else if/
 * with/range/break/continue}, {@code define/template/block}, trim markers, Go's builtins and
 * comparison rules, {@code printf} verbs) plus the Orkestra notes implemented so far; loops are
 * bounded (100,000 range iterations and 1 MiB of output per template evaluation).
 *
 * <p>Missing fields at interpretation time: a missing field is false in {@code if}/{@code with}/
 * {@code and}/{@code or}/{@code not}, skipped by {@code range}, unequal to anything but nil in
 * {@code eq}, and accepted by {@code default}, {@code empty}, {@code coalesce} and the safe-access
 * notes; printing it (or passing it to another function) fails that resource's interpretation
 * with {@code file:line:column: template refers to missing field .spec.replicas
 * (namespace/name)}. This is stricter than Go's {@code <no value>} on purpose: Orkestra's
 * reconcile-time behaviour is not documented beyond an inferred "missing keys → zero", and an
 * empty Kubernetes field written silently is worse than a failed reconcile naming the field.
 *
 * <p>Conditions ({@code when}/{@code or} on resources and status fields, spec §2.6) are checked
 * at load (unknown operators are errors with their position) and evaluated per resource: a
 * resource whose conditions fail is not desired (so the diff deletes it if it exists); a status
 * field whose conditions fail is skipped, or written as {@code ""} with {@code clearOnFalse}.
 */
public final class KatalogInterpreter {

  private KatalogInterpreter() {}

  /**
   * Loads a Katalog.
   *
   * <p>{@code path} is a Katalog YAML file, or a directory: then its {@code katalog.yaml}, else its
   * {@code komposer.yaml}, else every {@code *.yaml}/{@code *.yml} file whose {@code kind} is
   * {@code Katalog}. Supported in each CRD entry: {@code enabled}, {@code description}, {@code
   * apiTypes}, {@code namespaced}, {@code crdFile}, {@code crFiles} (both relative to the Katalog
   * file), {@code operatorBox.reconcile.{workers, resync, onCreate, onReconcile}} with {@code
   * configMaps}, {@code deployments}, {@code services}, {@code secrets}, {@code
   * operatorBox.emit.status.fields}, and the {@code admission} blocks (or their legacy CRD-level
   * keys; evaluated through {@link #admission}). The other keys of the CRD entry (spec §2.3-2.13) are accepted,
   * kept in the expanded Katalog and checked (keys, booleans, durations, enumerations); unknown keys
   * are errors with the closest known key, and keys removed by Orkestra's hard renames ({@code
   * anyOf}, {@code hooks.resources}, {@code cross.labels}, {@code cross.source.type}) are errors
   * naming the new key.
   *
   * <p>Reconcile-engine settings reach {@link io.orkestra.core.OperatorSpec#queue()} and {@link
   * io.orkestra.core.OperatorSpec#namespaces()}: {@code operatorBox.reconcile.queue.{maxDepth,
   * failureThreshold, retryBackoff}}, {@code operatorBox.reconcile.requeue} (conditional and
   * templated entries through {@link io.orkestra.core.CompiledOperator#requeueAfter}), and the CRD
   * entry's {@code namespace}, {@code allowedNamespaces}, {@code restrictedNamespaces} (also under
   * {@code operatorBox.runtime}) plus the Katalog's {@code security.namespaceProtection} lists.
   *
   * <p>A {@code kind: Komposer} file (spec §2.15) is composed first: {@code imports.files} (paths
   * relative to the Komposer, each a Katalog) in order, then the inline {@code spec.crds}, which
   * add new entries or override imported ones with the rules of spec §3.2 (field-wise deep
   * override; {@code onCreate}/{@code onReconcile}/{@code onDelete}/{@code emit.status}/{@code
   * dependsOn}/admission blocks replaced whole; namespace lists and finalizers additive; {@code
   * apiTypes} replaced when the override names a {@code kind}; {@code enabled} only to {@code
   * false}; zero or empty scalars do not override). A CRD name defined by two imports is an error
   * naming both files. {@code imports.registry} entries are resolved with the {@link LoadOptions}
   * resolver ({@link #load(Path, LoadOptions)}; without one they are errors), {@code useKomposer:
   * true} composes the artifact's Komposer recursively (a cycle is an error naming the chain), and
   * URL file imports are fetched over HTTPS (plain HTTP only for localhost) with {@code auth} from
   * environment variables. {@code imports.helm} charts (a local directory, or a chart of a Helm
   * repository, downloaded and cached) are rendered with this module's template engine, Helm's
   * extra functions and the chart's values, value files and inline values; every rendered {@code
   * kind: Katalog} document is imported like a file.
   *
   * <p>Then Motif imports are expanded (spec §3.3): {@code spec.crds.<name>.imports} and {@code
   * operatorBox.reconcile.imports} add a motif's resources, status fields and admission rules to
   * that entry, {@code spec.imports} adds its notes and profiles; inputs bound by {@code with:} are
   * substituted into the motif's values, whose positions stay those of the motif file. Last,
   * {@code include:} files (spec §3.4) are merged under the inline blocks that name them.
   *
   * @param path a Katalog or Komposer file, or a pattern directory
   * @return one operator per enabled CRD entry, in declaration order
   * @throws KatalogException listing every problem found ({@code katalog file not found: <path>}
   *     when {@code path} does not exist)
   */
  public static List<CompiledOperator> load(Path path) {
    return load(path, LoadOptions.defaults());
  }

  /**
   * Loads a Katalog like {@link #load(Path)}, with a registry resolver for Komposer {@code
   * imports.registry} and OCI motif imports. Resolving blocks this thread (at most {@link
   * LoadOptions#resolveTimeout()} per reference).
   *
   * @param path a Katalog or Komposer file, or a pattern directory
   * @param options resolver and environment
   * @return one operator per enabled CRD entry, in declaration order
   * @throws KatalogException listing every problem found
   */
  public static List<CompiledOperator> load(Path path, LoadOptions options) {
    return KatalogLoader.load(
        Objects.requireNonNull(path, "path"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Loads a Katalog or Komposer with full validation, like {@link #load}, and returns the expanded
   * runtime Katalog after composition (what {@code ork template} prints), with {@code kind:
   * Katalog}.
   *
   * @param path a Katalog or Komposer file, or a pattern directory holding one of them
   * @return the expanded Katalog as a tree
   * @throws KatalogException listing every problem found
   */
  public static ObjectNode expand(Path path) {
    return expand(path, LoadOptions.defaults());
  }

  /**
   * Expands a Katalog or Komposer like {@link #expand(Path)}, resolving registry imports with the
   * resolver of {@code options}.
   *
   * @param path a Katalog or Komposer file, or a pattern directory holding one of them
   * @param options resolver and environment
   * @return the expanded Katalog as a tree
   * @throws KatalogException listing every problem found
   */
  public static ObjectNode expand(Path path, LoadOptions options) {
    return KatalogLoader.expand(
        Objects.requireNonNull(path, "path"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Reads and checks a Motif file on its own (what {@code ork validate} does for {@code kind:
   * Motif}): header, {@code metadata.name}, {@code inputs} (unique names, known types, defaults
   * that fit their type), the keys of {@code resources}, {@code status} and {@code admission}
   * (unknown keys with "did you mean"), and that every {@code {{ .inputs.X }}} names a declared
   * input. Templates are compiled when a Katalog imports the motif, since only then are the
   * importer's notes known.
   *
   * @param file the motif file
   * @return the motif's name, version and inputs
   * @throws KatalogException listing every problem found ({@code motif file not found: <path>}
   *     when the file does not exist)
   */
  public static Motif loadMotif(Path file) {
    return KatalogLoader.loadMotif(Objects.requireNonNull(file, "file"));
  }

  /**
   * Reads a file of Kubernetes manifests, such as the CRs of {@code crFiles} or a CRD file. The
   * file may hold several YAML documents separated by {@code ---}; empty documents are skipped.
   *
   * @param yamlFile the file
   * @return one object per document, in file order
   * @throws KatalogException when the file is missing, is not valid YAML, or holds a document that
   *     is not a mapping (each problem with {@code file:line:column})
   */
  public static List<ObjectNode> readManifests(Path yamlFile) {
    return ManifestReader.read(Objects.requireNonNull(yamlFile, "yamlFile"));
  }

  /**
   * The kinds of child resources a loaded operator can create (from {@code onCreate} and {@code
   * onReconcile}), for summaries such as {@code ork validate}.
   *
   * @param operator an operator returned by {@link #load}
   * @return distinct Kubernetes kinds in name order; empty for operators not loaded here
   */
  public static List<String> childKinds(CompiledOperator operator) {
    return KatalogLoader.childKinds(Objects.requireNonNull(operator, "operator"));
  }

  /**
   * The built-in child kinds of a loaded operator with their API versions (custom-kind templates,
   * whose API version is only known when rendered, are left out), e.g. to list what a run created.
   *
   * @param operator an operator returned by {@link #load}
   * @return distinct kinds in kind-name order; empty for operators not loaded here
   */
  public static List<io.orkestra.core.ChildKind> childApiKinds(CompiledOperator operator) {
    return KatalogLoader.childApiKinds(Objects.requireNonNull(operator, "operator"));
  }

  /**
   * The admission rules (validation, mutation, conversion; spec §2.8) of a loaded operator, from
   * its {@code admission:} block or the legacy CRD-level {@code validation}, {@code mutation},
   * {@code conversion} and {@code webhooks} keys. Their templates and conditions were compiled by
   * {@link #load}; the returned object only evaluates them and is thread-safe. Cheap: call it once
   * per operator and keep the result.
   *
   * @param operator an operator returned by {@link #load}
   * @param clock the only source of time for templates (a fixed clock in tests)
   * @return the operator's admission; without admission blocks, one that admits everything,
   *     changes nothing and only converts to the operator's own version
   * @throws IllegalArgumentException for an operator not loaded by this interpreter
   */
  public static Admission admission(CompiledOperator operator, java.time.Clock clock) {
    return KatalogLoader.admission(
        Objects.requireNonNull(operator, "operator"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The {@code notification:} block of the Katalog a loaded operator comes from (spec §7): teams
   * for condition {@code notify:} blocks and the extra event sinks ({@code notification.sinks},
   * see {@link NotificationConfig}). Every operator of one Katalog returns an equal value; a
   * Komposer's block is the merge of its imports' blocks and its own.
   *
   * <p>Conditions with {@code notify: {teams, message}} that are true when a resource is
   * interpreted (resource and block {@code when}/{@code or} lists, status field conditions) come
   * out of {@link CompiledOperator#interpret} as {@link io.orkestra.core.DesiredState#notices()},
   * one per team, with the team's Slack URL and throttle interval resolved and the message
   * rendered; the interpreter sends nothing.
   *
   * @param operator an operator returned by {@link #load}
   * @return the block, {@link NotificationConfig#NONE} without one (or for an operator not loaded
   *     here)
   */
  public static NotificationConfig notification(CompiledOperator operator) {
    return KatalogLoader.notification(Objects.requireNonNull(operator, "operator"));
  }

  /**
   * Loads and validates a {@code kind: Simulate} file ({@code simulate.yaml}), the declarative
   * in-memory reconcile test of {@code ork simulate}. Files it names ({@code spec.katalog}, {@code
   * cr}, {@code crFiles}, {@code crd}, {@code crdFiles}, {@code imports}, ops {@code include}s) are
   * resolved against its directory and must exist; the Katalog itself is not loaded here (use
   * {@link #load(Path)} on {@link Simulation#katalog()}). See {@link Simulation} for the schema.
   *
   * <p>Blocks on file reads: call from {@code main}, a test or {@code boundedElastic()}.
   *
   * @param path the simulate file, or a directory holding {@code simulate.yaml}
   * @return the simulation
   * @throws KatalogException listing every problem with {@code file:line:column}, such as {@code
   *     simulate.yaml:12:17: unknown verb 'crate' in spec.expect.ops[0] (use one of create, update,
   *     delete, patch, apply) (did you mean 'create'?)}
   */
  public static Simulation loadSimulation(Path path) {
    return io.orkestra.katalog.internal.load.SimulationLoader.load(
        Objects.requireNonNull(path, "path"));
  }

  /**
   * Loads and validates a {@code kind: E2E} file (an end-to-end test for {@code ork e2e}): every
   * key is checked (unknown keys with a "did you mean"), {@code after} values, Go durations,
   * counts and exit codes, and every referenced file ({@code katalog}, {@code cr}, {@code crd},
   * setup manifests, values files, includes, imports) must exist. Expectation {@code include}s are
   * expanded into the steps. The test is not run.
   *
   * <p>Blocks on file reads: call from {@code main}, a test or {@code boundedElastic()}.
   *
   * @param path the E2E file, or a directory holding {@code e2e.yaml}
   * @return the test
   * @throws KatalogException listing every problem with {@code file:line:column}, such as {@code
   *     e2e.yaml:14:14: unknown after 'cr-aplied' in spec.expect[0] (use one of setup-complete,
   *     cr-applied, cr-deleted) (did you mean 'cr-applied'?)}
   */
  public static E2eTest loadE2e(Path path) {
    return io.orkestra.katalog.internal.load.E2eLoader.load(Objects.requireNonNull(path, "path"));
  }

  /**
   * The JSON Schema (draft 2020-12) of a document kind, generated from the key tree the loader
   * checks: {@code properties} for every known key, value {@code type}s, {@code enum}s and ranges
   * where the loader checks them, {@code required} keys, and {@code additionalProperties: false}
   * wherever the loader reports unknown keys. Blocks whose keys the loader does not check yet are
   * left open. Editors use it through a {@code # yaml-language-server: $schema=...} modeline; the
   * committed copies live in the repository's {@code schemas/} directory ({@code ork generate
   * schema}).
   *
   * @param kind {@code Katalog}, {@code Komposer} or {@code Motif}
   * @return a new schema tree (the caller may change it)
   * @throws IllegalArgumentException for any other kind
   */
  public static ObjectNode jsonSchema(String kind) {
    return SchemaExport.jsonSchema(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * The document kinds {@link #jsonSchema} knows.
   *
   * @return {@code Katalog}, {@code Komposer}, {@code Motif}
   */
  public static List<String> schemaKinds() {
    return SchemaExport.kinds();
  }

  /**
   * The built-in template functions (Go's predefined functions and the Orkestra notes implemented
   * so far, spec §6) with a category, call signature, one-line description and example each, as
   * {@code ork notes} shows them. User-defined {@code notes:} of a Katalog are not included.
   *
   * @return the descriptions in catalogue order (by category)
   */
  public static List<NoteDoc> notes() {
    return StandaloneTemplate.notes();
  }

  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  /**
   * Writes a tree as one YAML document (block style, no {@code ---} marker, strings quoted only
   * where YAML needs it, so that {@code "80"} stays a string), for tools such as {@code ork
   * render}; the runtime itself never parses or writes YAML.
   *
   * @param node the tree
   * @return the YAML text, ending with a newline
   */
  public static String toYaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(Objects.requireNonNull(node, "node"));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Benchmark and tooling hook: compiles one template with the built-in functions, as the loader
   * compiles a Katalog value, and returns a function that evaluates it against a data object with
   * a fixed clock (the Unix epoch). Parsing happens here, once; the returned function only walks
   * the compiled tree and is thread-safe.
   *
   * @param source the template text, such as <code>{{ .spec.name }}-{{ .metadata.namespace }}</code>
   * @return an evaluator of the compiled template
   * @throws KatalogException when the template does not compile (message with column)
   */
  public static Function<ObjectNode, String> compileTemplate(String source) {
    return StandaloneTemplate.compile(Objects.requireNonNull(source, "source"));
  }
}

package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import io.orkestra.katalog.LoadOptions;
import io.orkestra.katalog.Motif;
import io.orkestra.katalog.internal.admission.CompiledAdmission;
import io.orkestra.katalog.internal.admission.Conversions;
import io.orkestra.katalog.internal.model.ApiTypes;
import io.orkestra.katalog.internal.model.CrdEntry;
import io.orkestra.katalog.internal.model.KatalogModel;
import io.orkestra.katalog.internal.model.Located;
import io.orkestra.katalog.internal.model.ModelBinder;
import io.orkestra.katalog.internal.model.MotifInput;
import io.orkestra.katalog.internal.model.MotifModel;
import io.orkestra.katalog.internal.render.CompiledKatalogOperator;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.FunctionTable;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads Katalog files into {@link CompiledOperator}s: locate → read → YAML → bind (schema, types,
 * templates) → resolve {@code crdFile}/{@code crFiles} → one operator per enabled CRD entry. All
 * problems of all files are collected and thrown together.
 *
 * <p>Locating: a file is loaded as is. A directory loads its {@code katalog.yaml}; else its {@code
 * komposer.yaml} (composed, see {@link Komposer}); else every {@code *.yaml}/{@code *.yml} file
 * whose first document has {@code kind: Katalog}, in file-name order.
 */
public final class KatalogLoader {

  private static final String CRD_KIND = "CustomResourceDefinition";

  private final Problems problems = new Problems();
  private final Map<String, SourcePos> crdNames = new HashMap<>();
  private final List<YNode> expanded = new ArrayList<>();
  /** Resolved crdFile of each CRD entry that has one, and its operator spec (for expand). */
  private final Map<String, Resolved> resolved = new HashMap<>();

  /** What loading learned about a CRD entry with a crdFile. */
  private record Resolved(OperatorSpec spec, Path crdFile) {}
  private final LoadOptions options;

  private KatalogLoader(LoadOptions options) {
    this.options = options;
  }

  /** A file to load and its parsed documents. */
  private record Source(Path path, List<YNode> documents) {}

  /**
   * Loads a Katalog file or pattern directory.
   *
   * @param path the file or directory
   * @param options resolver and environment
   * @return one operator per enabled CRD entry, in declaration order
   * @throws io.orkestra.katalog.KatalogException with every problem found
   */
  public static List<CompiledOperator> load(Path path, LoadOptions options) {
    return new KatalogLoader(options).run(path);
  }

  /**
   * Loads like {@link #load} (so with full validation) and returns the expanded runtime Katalog:
   * after Komposer composition, as a JSON tree whose {@code kind} is {@code Katalog}.
   *
   * @param path a Katalog or Komposer file, or a pattern directory holding one of them
   * @param options resolver and environment
   * @return the expanded Katalog
   * @throws io.orkestra.katalog.KatalogException with every problem found, or when a directory
   *     holds several Katalog files
   */
  public static ObjectNode expand(Path path, LoadOptions options) {
    KatalogLoader loader = new KatalogLoader(options);
    loader.run(path);
    if (loader.expanded.size() != 1) {
      loader.problems.fileError(
          SourceFiles.display(path),
          SourceFiles.display(path)
              + ": holds "
              + loader.expanded.size()
              + " Katalog files; name one file to expand");
      loader.problems.throwIfAny();
    }
    ObjectNode json = ((YMap) loader.expanded.get(0)).toJson();
    json.put("kind", "Katalog");
    loader.pinFiles(json);
    return json;
  }

  /**
   * Makes the expanded Katalog stand on its own (spec §3.1 step 7): for entries with a {@code
   * crdFile}, {@code apiTypes} is filled from the CRD and the file paths become absolute (they were
   * relative to the file that declared them, which may be an imported pattern in the cache).
   */
  private void pinFiles(ObjectNode katalog) {
    if (!(katalog.path("spec").path("crds") instanceof ObjectNode crds)) {
      return;
    }
    for (Map.Entry<String, Resolved> e : resolved.entrySet()) {
      if (!(crds.get(e.getKey()) instanceof ObjectNode entry)) {
        continue;
      }
      OperatorSpec spec = e.getValue().spec();
      entry.put("crdFile", e.getValue().crdFile().toString().replace('\\', '/'));
      ObjectNode api = entry.get("apiTypes") instanceof ObjectNode a ? a : entry.putObject("apiTypes");
      api.put("group", spec.group());
      api.put("version", spec.version());
      api.put("kind", spec.kind());
      api.put("plural", spec.plural());
      if (!spec.crFiles().isEmpty()) {
        com.fasterxml.jackson.databind.node.ArrayNode files = entry.putArray("crFiles");
        spec.crFiles().forEach(f -> files.add(f.toString().replace('\\', '/')));
      }
    }
  }

  /**
   * The kinds of child resources an operator can create ({@code onCreate} and {@code onReconcile}).
   *
   * @param operator an operator this loader produced
   * @return distinct kinds in name order; empty for other operators
   */
  public static List<String> childKinds(CompiledOperator operator) {
    if (!(operator instanceof CompiledKatalogOperator op)) {
      return List.of();
    }
    java.util.TreeSet<String> kinds = new java.util.TreeSet<>();
    op.entry().reconcile().onCreate().resources().forEach(r -> kinds.add(r.kind().kind()));
    op.entry().reconcile().onReconcile().resources().forEach(r -> kinds.add(r.kind().kind()));
    return List.copyOf(kinds);
  }

  /**
   * The notification block of the Katalog an operator was loaded from.
   *
   * @param operator an operator
   * @return the block; {@link io.orkestra.katalog.NotificationConfig#NONE} for operators not
   *     loaded here
   */
  public static io.orkestra.katalog.NotificationConfig notification(CompiledOperator operator) {
    if (!(operator instanceof CompiledKatalogOperator op)) {
      return io.orkestra.katalog.NotificationConfig.NONE;
    }
    var block = op.notification();
    java.util.Map<String, io.orkestra.katalog.NotificationConfig.Team> teams =
        new java.util.LinkedHashMap<>();
    block.teams().forEach((name, t) -> teams.put(name,
        new io.orkestra.katalog.NotificationConfig.Team(t.email(), t.slack(), t.slackWebhookUrl(),
            t.interval(), t.message() == null ? null : t.message().source())));
    List<io.orkestra.katalog.NotificationConfig.EventSink> sinks = block.sinks().stream()
        .map(s -> new io.orkestra.katalog.NotificationConfig.EventSink(s.name(),
            s.kafka()
                ? io.orkestra.katalog.NotificationConfig.SinkKind.KAFKA
                : io.orkestra.katalog.NotificationConfig.SinkKind.WEBHOOK,
            s.target(), s.crds(), s.namespaces(), s.outcomes()))
        .toList();
    return new io.orkestra.katalog.NotificationConfig(block.enabled(), block.standalone(),
        block.defaultInterval(), block.defaultSlackWebhookUrl(), teams, sinks);
  }

  /**
   * The built-in child kinds of an operator with their API versions.
   *
   * @param operator an operator this loader produced
   * @return distinct kinds ordered by kind name; empty for other operators
   */
  public static List<io.orkestra.core.ChildKind> childApiKinds(CompiledOperator operator) {
    if (!(operator instanceof CompiledKatalogOperator op)) {
      return List.of();
    }
    java.util.TreeMap<String, io.orkestra.core.ChildKind> kinds = new java.util.TreeMap<>();
    java.util.stream.Stream.concat(op.entry().reconcile().onCreate().resources().stream(),
            op.entry().reconcile().onReconcile().resources().stream())
        .map(r -> r.kind())
        .filter(k -> !k.apiVersion().isEmpty())
        .forEach(k -> kinds.put(k.kind(), new io.orkestra.core.ChildKind(k.apiVersion(), k.kind())));
    return List.copyOf(kinds.values());
  }

  /**
   * The admission rules of an operator this loader produced.
   *
   * @param operator the operator
   * @param clock the only source of time for templates
   * @return its admission
   * @throws IllegalArgumentException for operators not loaded here
   */
  public static io.orkestra.katalog.Admission admission(
      CompiledOperator operator, java.time.Clock clock) {
    if (!(operator instanceof CompiledKatalogOperator op)) {
      throw new IllegalArgumentException(
          "not an operator loaded from a Katalog: " + operator.getClass().getName());
    }
    return new CompiledAdmission(op.entry().admission(), op.spec(), clock);
  }

  /**
   * Reads and checks one Motif file (spec §2.14) on its own.
   *
   * @param file the {@code motif.yaml} (or any file holding one Motif document)
   * @return the motif's name, version and inputs
   * @throws io.orkestra.katalog.KatalogException with every problem found
   */
  public static Motif loadMotif(Path file) {
    Problems problems = new Problems();
    String display = SourceFiles.display(file);
    if (!Files.exists(file)) {
      problems.fileError(display, "motif file not found: " + display);
    }
    MotifModel model = problems.any() ? null : Motifs.read(file, problems);
    problems.throwIfAny();
    if (model == null) {
      problems.fileError(display, display + ": not a Motif");
      problems.throwIfAny();
    }
    List<Motif.Input> inputs = new ArrayList<>();
    for (MotifInput in : model.inputs()) {
      inputs.add(
          new Motif.Input(
              in.name(),
              Motif.InputType.valueOf(in.type().name()),
              in.required(),
              in.defaultValue() == null ? null : in.defaultValue().text()));
    }
    return new Motif(model.name(), model.version(), inputs);
  }

  /** Expands {@code include:} files of every Katalog of this load. */
  private final Includes includes = new Includes(problems);

  /** Expands motif imports; created on first use, it reads each motif file once per load. */
  private @Nullable Motifs motifs;

  private Motifs motifs() {
    if (motifs == null) {
      motifs = new Motifs(problems, options, includes);
    }
    return motifs;
  }

  private List<CompiledOperator> run(Path path) {
    List<Source> sources = locate(path);
    problems.throwIfAny();
    List<CompiledOperator> operators = new ArrayList<>();
    for (Source source : sources) {
      operators.addAll(operators(source));
    }
    problems.throwIfAny();
    return operators;
  }

  private List<Source> locate(Path path) {
    String display = SourceFiles.display(path);
    if (!Files.exists(path)) {
      problems.fileError(display, "katalog file not found: " + display);
      return List.of();
    }
    if (!Files.isDirectory(path)) {
      return List.of(parse(path));
    }
    for (String name : List.of("katalog.yaml", "komposer.yaml")) {
      Path candidate = path.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return List.of(parse(candidate));
      }
    }
    List<Source> katalogs = new ArrayList<>();
    for (Path file : yamlFiles(path)) {
      Source s = parse(file);
      if (!s.documents().isEmpty() && isKatalog(s.documents().get(0))) {
        katalogs.add(s);
      }
    }
    if (katalogs.isEmpty() && !problems.any()) {
      problems.fileError(
          display,
          "no Katalog found in directory "
              + display
              + " (looked for katalog.yaml, komposer.yaml and *.yaml/*.yml files with kind:"
              + " Katalog)");
    }
    return katalogs;
  }

  private List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      String display = SourceFiles.display(dir);
      problems.fileError(display, display + ": cannot list directory: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean isKatalog(YNode doc) {
    return isKind(doc, "Katalog");
  }

  private static boolean isKind(YNode doc, String kind) {
    return doc instanceof YMap
        && ((YMap) doc).get("kind") instanceof YScalar
        && kind.equals(((YScalar) ((YMap) doc).get("kind")).text());
  }

  private Source parse(Path file) {
    String text = SourceFiles.read(file, "katalog file", problems);
    if (text == null) {
      return new Source(file, List.of());
    }
    int before = problems.count();
    List<YNode> docs = YamlReader.readAll(SourceFiles.display(file), text, problems);
    if (docs.isEmpty() && problems.count() == before) {
      String display = SourceFiles.display(file);
      problems.error(new SourcePos(display, 1, 1), "empty file, expected a Katalog document");
    }
    return new Source(file, docs);
  }

  private List<CompiledOperator> operators(Source source) {
    List<YNode> docs = source.documents();
    if (docs.isEmpty()) {
      return List.of();
    }
    String display = SourceFiles.display(source.path());
    if (docs.size() > 1) {
      problems.error(
          docs.get(1).pos(), "a Katalog file must hold one YAML document, found " + docs.size());
    }
    YNode doc = docs.get(0);
    if (isKind(doc, "Komposer")) {
      doc = new Komposer(problems, options).compose(source.path(), (YMap) doc);
    }
    if (doc instanceof YMap) {
      // spec §3.1 step 7 expands motif imports, then include: files. Includes go first here so
      // that an included reconciler may declare motif imports too; the result is the same, since
      // included content is placed before inline content and motif content after it either way.
      doc = motifs().expand(includes.katalog((YMap) doc));
    }
    expanded.add(doc);
    KatalogModel model = new ModelBinder(problems, FunctionTable.builtins()).bind(display, doc);
    if (model == null) {
      return List.of();
    }
    List<CompiledOperator> out = new ArrayList<>();
    for (CrdEntry crd : model.crds()) {
      SourcePos first = crdNames.putIfAbsent(crd.name(), crd.pos());
      if (first != null) {
        problems.error(crd.pos(), "CRD entry '" + crd.name() + "' is already declared at " + first);
        continue;
      }
      if (!crd.enabled()) {
        continue;
      }
      OperatorSpec spec = spec(model, crd, source.path());
      if (spec != null) {
        Conversions.check(spec, crd.admission(), problems);
        out.add(new CompiledKatalogOperator(spec, crd, model.name(), model.notification()));
        Path crdFile = crd.crdFile() == null ? null : resolve(source.path(), crd.crdFile());
        if (crdFile != null) {
          resolved.put(crd.name(), new Resolved(spec, crdFile.toAbsolutePath().normalize()));
        }
      }
    }
    return out;
  }

  private @Nullable OperatorSpec spec(KatalogModel model, CrdEntry crd, Path katalogFile) {
    List<Path> crFiles = new ArrayList<>();
    for (Located<String> f : crd.crFiles()) {
      Path p = resolve(katalogFile, f);
      if (p != null && !Files.isRegularFile(p)) {
        problems.error(f.pos(), "crFiles entry not found: " + SourceFiles.display(p));
      } else if (p != null) {
        crFiles.add(p.toAbsolutePath().normalize());
      }
    }
    ApiTypes api = crd.apiTypes() == null ? new ApiTypes(null, null, null, null) : crd.apiTypes();
    String group = value(api.group());
    String version = value(api.version());
    String kind = value(api.kind());
    String plural = value(api.plural());
    Boolean namespaced = crd.namespaced() == null ? null : crd.namespaced().value();
    ObjectNode manifest = null;
    if (crd.crdFile() != null) {
      CrdInfo info = crdFile(katalogFile, crd.crdFile(), kind);
      if (info == null) {
        return null;
      }
      String file = SourceFiles.display(resolve(katalogFile, crd.crdFile()));
      // '&', not '&&': report every mismatch, not only the first
      boolean ok =
          agree(api.group(), info.group(), file)
              & agree(api.kind(), info.kind(), file)
              & agree(api.plural(), info.plural(), file);
      if (api.version() != null
          && !info.servedVersions().isEmpty()
          && !info.servedVersions().contains(version)) {
        problems.error(
            api.version().pos(),
            api.version().path()
                + " '"
                + version
                + "' is not a served version in "
                + file
                + " (served: "
                + String.join(", ", info.servedVersions())
                + ")");
        ok = false;
      }
      if (crd.namespaced() != null && crd.namespaced().value() != info.namespaced()) {
        problems.error(
            crd.namespaced().pos(),
            "namespaced: "
                + crd.namespaced().value()
                + " contradicts scope "
                + (info.namespaced() ? "Namespaced" : "Cluster")
                + " in "
                + file);
        ok = false;
      }
      if (!ok) {
        return null;
      }
      group = info.group();
      kind = info.kind();
      plural = info.plural();
      version = version != null ? version : info.defaultVersion();
      namespaced = info.namespaced();
      manifest = info.manifest();
    }
    if (group == null || version == null || kind == null || plural == null) {
      return null; // the binder reported the missing apiTypes fields
    }
    return new OperatorSpec(
        crd.name(),
        model.name(),
        group,
        version,
        kind,
        plural,
        namespaced == null || namespaced,
        crd.reconcile().workers(),
        manifest,
        crFiles,
        crd.reconcile().resync(),
        crd.engine().queue(),
        crd.engine().namespaces());
  }

  private @Nullable CrdInfo crdFile(Path katalogFile, Located<String> ref, @Nullable String kind) {
    if (ref.value().contains("://")) {
      problems.error(
          ref.pos(), "crdFile URLs are not supported yet; use a path relative to the Katalog file");
      return null;
    }
    Path path = resolve(katalogFile, ref);
    if (path == null) {
      return null;
    }
    if (!Files.isRegularFile(path)) {
      problems.error(ref.pos(), "crdFile not found: " + SourceFiles.display(path));
      return null;
    }
    int before = problems.count();
    List<YMap> crds =
        ManifestReader.documents(path, "crdFile", problems).stream()
            .filter(
                d ->
                    d.get("kind") instanceof YScalar
                        && CRD_KIND.equals(((YScalar) d.get("kind")).text()))
            .collect(Collectors.toList());
    if (crds.size() > 1 && kind != null) {
      crds =
          crds.stream()
              .filter(d -> kind.equals(d.toJson().path("spec").path("names").path("kind").asText()))
              .collect(Collectors.toList());
    }
    if (crds.isEmpty() && problems.count() > before) {
      return null; // the file's own problem (such as invalid YAML) is reported
    }
    if (crds.size() != 1) {
      problems.error(
          ref.pos(),
          crds.isEmpty()
              ? "crdFile " + SourceFiles.display(path) + " holds no " + CRD_KIND
              : "crdFile "
                  + SourceFiles.display(path)
                  + " holds "
                  + crds.size()
                  + " CRDs; set apiTypes.kind to pick one");
      return null;
    }
    return CrdInfo.from(crds.get(0), problems);
  }

  private boolean agree(@Nullable Located<String> declared, String fromFile, String file) {
    if (declared == null || declared.value().equals(fromFile)) {
      return true;
    }
    problems.error(
        declared.pos(),
        declared.path()
            + " '"
            + declared.value()
            + "' does not match '"
            + fromFile
            + "' in "
            + file);
    return false;
  }

  private @Nullable Path resolve(Path katalogFile, Located<String> ref) {
    try {
      Path p = Path.of(ref.value());
      // relative to the file that declares the value (an imported Katalog or the Komposer)
      Path declaring = ref.pos().file().isEmpty() ? katalogFile : Path.of(ref.pos().file());
      Path dir = declaring.getParent();
      return (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      problems.error(ref.pos(), "invalid path '" + ref.value() + "': " + e.getReason());
      return null;
    }
  }

  private static @Nullable String value(@Nullable Located<String> l) {
    return l == null ? null : l.value();
  }
}

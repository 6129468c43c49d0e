package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.LoadOptions;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.template.HelmTemplates;
import io.orkestra.katalog.internal.template.TemplateException;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import io.orkestra.katalog.internal.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code imports.helm} of a Komposer (spec §2.15, §3.1, checklist row 6): renders a Helm chart
 * with the template engine of this module and returns every rendered {@code kind: Katalog}
 * document, which the Komposer then imports like a file import.
 *
 * <p>An item is {@code {path: ./chart}} (a chart directory relative to the Komposer), {@code
 * {repo: ./charts, chart: app}} (a local directory of charts) or {@code {repo: https://…, chart:
 * app, version: 1.2.0}} (a Helm repository: its {@code index.yaml} is read, the version's {@code
 * .tgz} downloaded over HTTPS, plain HTTP only to a loopback host, and unpacked into {@code
 * $ORK_CACHE/helm/repo/<sha256>}, else {@code ~/.orkestra/helm/repo/<sha256>}; a cached chart is
 * used without network). Values: the chart's {@code values.yaml}, deep-merged with each of {@code
 * valueFiles} (relative to the Komposer) in order, then with the inline {@code values}.
 *
 * <p>Rendering follows {@code helm template} for what Katalog charts use: {@code .Values}, {@code
 * .Release} (name {@code orkestra-render}, namespace {@code default}, as Orkestra renders), {@code
 * .Chart} (the keys of {@code Chart.yaml}, capitalised), a minimal {@code .Capabilities}, {@code
 * .Template}; every file under {@code templates/} whose name ends in {@code .yaml}, {@code .yml}
 * or {@code .json} is rendered, files starting with {@code _} only provide defines. Katalog
 * templates inside a chart must be escaped for Helm, as with Orkestra (which runs real Helm): write
 * {@code {{ "{{ .metadata.name }}" }}} or {@code {{`{{ .metadata.name }}`}}}.
 *
 * <p>Positions of problems in imported Katalogs point into the rendered text, named {@code
 * <chart file> (rendered)}: the line and column are those of the rendered output, which match the
 * chart file only where no template action changed the line count before them.
 *
 * <p>Not supported: subcharts ({@code charts/}, {@code dependencies}), git chart sources, {@code
 * .Files}, {@code lookup}.
 */
final class HelmImports {

  static final Set<String> KEYS = Set.of("repo", "chart", "version", "path", "valueFiles", "values");

  /**
   * Time functions in charts ({@code now}) see the epoch: loading is reproducible and reads no
   * wall clock (templates read time only from an injected clock).
   */
  private static final Clock RENDER_CLOCK = Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);

  /** The release name Orkestra renders with. */
  static final String RELEASE = "orkestra-render";

  private static final long MAX_INDEX_BYTES = 16L * 1024 * 1024;
  private static final long MAX_CHART_BYTES = 32L * 1024 * 1024;

  /** One rendered Katalog document. */
  record Doc(String display, YMap root) {}

  private final Problems problems;
  private final LoadOptions options;
  private final Function<String, @Nullable String> env;

  HelmImports(Problems problems, LoadOptions options) {
    this.problems = problems;
    this.options = options;
    this.env = options.environment();
  }

  /**
   * Renders one {@code imports.helm} item.
   *
   * @param komposer the Komposer file (paths are relative to it)
   * @param item the item
   * @return the Katalog documents the chart rendered; empty after recording a problem
   */
  List<Doc> load(Path komposer, YNode item) {
    if (!(item instanceof YMap m)) {
      problems.error(
          item.pos(),
          item.path() + " must be a mapping with path (a local chart) or repo and chart, got "
              + item.describe());
      return List.of();
    }
    int before = problems.count();
    for (YEntry e : m.entries()) {
      if (!KEYS.contains(e.key())) {
        problems.error(
            e.keyPos(),
            "unknown key '" + e.key() + "' in " + m.path() + Suggestions.didYouMean(e.key(), KEYS));
      }
    }
    String repo = string(m, "repo");
    String chart = string(m, "chart");
    String version = string(m, "version");
    String path = string(m, "path");
    if (problems.count() > before) {
      return List.of();
    }
    Path dir;
    if (repo == null && path == null) {
      problems.error(
          m.pos(),
          "missing required field 'path' (a local chart directory) or 'repo' and 'chart' in "
              + m.path());
      return List.of();
    } else if (repo == null) {
      dir = local(komposer, m.get("path"), path);
    } else if (path != null) {
      problems.error(
          m.get("path").pos(),
          m.path() + " has both 'repo' and 'path': use path for a local chart directory, or repo"
              + " with chart");
      return List.of();
    } else if (!repo.contains("://")) {
      dir = local(komposer, m.get("repo"), chart == null ? repo : repo + "/" + chart);
    } else {
      if (repo.endsWith(".git") || repo.startsWith("git://") || repo.startsWith("git@")) {
        problems.error(
            m.get("repo").pos(),
            "git chart sources are not supported (" + repo + "); use a Helm repository URL or a"
                + " local chart path");
        return List.of();
      }
      if (chart == null) {
        problems.error(m.pos(), "missing required field 'chart' in " + m.path() + " (repo " + repo + ")");
        return List.of();
      }
      dir = download(m, repo, chart, version);
    }
    if (dir == null) {
      return List.of();
    }
    return render(komposer, m, dir);
  }

  private @Nullable String string(YMap m, String key) {
    YNode n = m.get(key);
    if (n == null || (n instanceof YScalar s && s.isNull())) {
      return null;
    }
    if (!(n instanceof YScalar s) || s.text().isBlank()) {
      problems.error(n.pos(), m.path() + "." + key + " must be a non-empty string, got " + n.describe());
      return null;
    }
    String text = s.text().strip();
    if (text.startsWith("$")) {
      String name = text.substring(1).replaceAll("^\\{(.*)}$", "$1");
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        problems.error(n.pos(), "environment variable " + name + " is not set (" + m.path() + "." + key + ")");
        return null;
      }
      return value.strip();
    }
    return text;
  }

  private @Nullable Path local(Path komposer, YNode at, String ref) {
    Path dir;
    try {
      Path p = Path.of(ref.startsWith("~/") ? System.getProperty("user.home") + ref.substring(1) : ref);
      Path parent = komposer.getParent();
      dir = (p.isAbsolute() || parent == null ? p : parent.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      problems.error(at.pos(), "invalid path '" + ref + "': " + e.getReason());
      return null;
    }
    if (!Files.isDirectory(dir)) {
      problems.error(at.pos(), "helm chart directory not found: " + SourceFiles.display(dir));
      return null;
    }
    return dir;
  }

  // ---------------------------------------------------------------- rendering

  private List<Doc> render(Path komposer, YMap item, Path dir) {
    Path chartFile = dir.resolve("Chart.yaml");
    String shownDir = SourceFiles.display(dir);
    if (!Files.isRegularFile(chartFile)) {
      problems.error(item.pos(), shownDir + " is not a Helm chart (no Chart.yaml)");
      return List.of();
    }
    YMap chartMeta = yamlMap(chartFile, "Chart.yaml of the helm chart");
    if (chartMeta == null) {
      return List.of();
    }
    String chartName =
        chartMeta.get("name") instanceof YScalar n && !n.isNull() ? n.text() : dir.getFileName().toString();
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    Path defaults = dir.resolve("values.yaml");
    if (Files.isRegularFile(defaults)) {
      YMap v = yamlMap(defaults, "values.yaml of the helm chart");
      if (v == null) {
        return List.of();
      }
      merge(values, v.toJson());
    }
    YNode files = item.get("valueFiles");
    if (files != null && !(files instanceof YScalar s && s.isNull())) {
      if (!(files instanceof YSeq seq)) {
        problems.error(files.pos(), item.path() + ".valueFiles must be a list, got " + files.describe());
        return List.of();
      }
      for (YNode f : seq.items()) {
        Path p = valueFile(komposer, f);
        if (p == null) {
          return List.of();
        }
        YMap v = yamlMap(p, "values file");
        if (v == null) {
          return List.of();
        }
        merge(values, v.toJson());
      }
    }
    YNode inline = item.get("values");
    if (inline != null && !(inline instanceof YScalar s && s.isNull())) {
      if (!(inline instanceof YMap v)) {
        problems.error(inline.pos(), item.path() + ".values must be a mapping, got " + inline.describe());
        return List.of();
      }
      merge(values, v.toJson());
    }
    List<HelmTemplates.Source> partials = new ArrayList<>();
    List<HelmTemplates.Source> templates = new ArrayList<>();
    if (!collect(dir, chartName, partials, templates)) {
      return List.of();
    }
    ObjectNode context = context(chartMeta, values);
    List<HelmTemplates.Rendered> rendered;
    try {
      rendered = HelmTemplates.render(partials, templates, context, RENDER_CLOCK);
    } catch (TemplateException e) {
      problems.error(e.pos(), "helm chart " + chartName + ": " + e.reason());
      return List.of();
    }
    List<Doc> docs = new ArrayList<>();
    int before = problems.count();
    for (HelmTemplates.Rendered r : rendered) {
      String display = r.source().display() + " (rendered)";
      for (YNode doc : YamlReader.readAll(display, r.text(), problems)) {
        if (doc instanceof YMap root
            && root.get("kind") instanceof YScalar k
            && "Katalog".equals(k.text())) {
          docs.add(new Doc(display, root));
        }
      }
    }
    if (docs.isEmpty() && problems.count() == before) {
      problems.error(
          item.pos(),
          "helm chart " + chartName + " (" + shownDir + ") rendered no kind: Katalog document ("
              + templates.size() + (templates.size() == 1 ? " template" : " templates") + ")");
    }
    return docs;
  }

  private @Nullable Path valueFile(Path komposer, YNode f) {
    if (!(f instanceof YScalar s) || s.isNull() || s.text().isBlank()) {
      problems.error(f.pos(), f.path() + " must be a path to a values file, got " + f.describe());
      return null;
    }
    String ref = s.text().strip();
    if (ref.startsWith("$")) {
      String name = ref.substring(1).replaceAll("^\\{(.*)}$", "$1");
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        problems.error(f.pos(), "environment variable " + name + " is not set (" + f.path() + ")");
        return null;
      }
      ref = value.strip();
    }
    if (ref.contains("://")) {
      problems.error(f.pos(), "remote values files are not supported (" + ref + "); use a local file");
      return null;
    }
    Path p;
    try {
      Path given = Path.of(ref);
      Path parent = komposer.getParent();
      p = (given.isAbsolute() || parent == null ? given : parent.resolve(given)).normalize();
    } catch (InvalidPathException e) {
      problems.error(f.pos(), "invalid path '" + ref + "': " + e.getReason());
      return null;
    }
    if (!Files.isRegularFile(p)) {
      problems.error(f.pos(), "values file not found: " + SourceFiles.display(p));
      return null;
    }
    return p;
  }

  /** A YAML file holding one mapping (or nothing: an empty mapping). */
  private @Nullable YMap yamlMap(Path file, String what) {
    String text = SourceFiles.read(file, what, problems);
    if (text == null) {
      return null;
    }
    String display = SourceFiles.display(file);
    int before = problems.count();
    List<YNode> docs = YamlReader.readAll(display, text, problems);
    if (problems.count() > before) {
      return null;
    }
    if (docs.isEmpty()) {
      return new YMap(new SourcePos(display, 1, 1), "", List.of());
    }
    if (!(docs.get(0) instanceof YMap m)) {
      problems.error(docs.get(0).pos(), what + " must be a YAML mapping, got " + docs.get(0).describe());
      return null;
    }
    return m;
  }

  /** Helm's deep merge: mappings key by key, anything else replaced. */
  static void merge(ObjectNode into, JsonNode top) {
    if (!(top instanceof ObjectNode t)) {
      return;
    }
    for (var e : t.properties()) {
      JsonNode prev = into.get(e.getKey());
      if (prev instanceof ObjectNode p && e.getValue() instanceof ObjectNode) {
        merge(p, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private boolean collect(
      Path dir, String chartName, List<HelmTemplates.Source> partials, List<HelmTemplates.Source> templates) {
    Path tdir = dir.resolve("templates");
    if (!Files.isDirectory(tdir)) {
      return true; // no templates: reported as "rendered no Katalog"
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(tdir)) {
      all = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> tdir.relativize(p).toString())).toList();
    } catch (IOException e) {
      problems.fileError(SourceFiles.display(tdir), "cannot list " + SourceFiles.display(tdir) + ": " + e.getMessage());
      return false;
    }
    for (Path p : all) {
      String file = p.getFileName().toString();
      String lower = file.toLowerCase(Locale.ROOT);
      boolean partial = file.startsWith("_");
      boolean manifest = lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
      if (!partial && !manifest) {
        continue; // NOTES.txt and friends produce no manifests
      }
      String text = SourceFiles.read(p, "chart template", problems);
      if (text == null) {
        return false;
      }
      String name = chartName + "/templates/" + tdir.relativize(p).toString().replace('\\', '/');
      HelmTemplates.Source src = new HelmTemplates.Source(SourceFiles.display(p), name, text);
      (partial ? partials : templates).add(src);
    }
    return true;
  }

  private static ObjectNode context(YMap chartMeta, ObjectNode values) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.set("Values", values);
    ObjectNode release = root.putObject("Release");
    release.put("Name", RELEASE);
    release.put("Namespace", "default");
    release.put("Service", "Helm");
    release.put("IsInstall", true);
    release.put("IsUpgrade", false);
    release.put("Revision", 1);
    ObjectNode chart = root.putObject("Chart");
    for (var e : chartMeta.toJson().properties()) {
      String k = e.getKey();
      if (!k.isEmpty()) {
        chart.set(Character.toUpperCase(k.charAt(0)) + k.substring(1), e.getValue());
      }
    }
    ObjectNode caps = root.putObject("Capabilities");
    ObjectNode kube = caps.putObject("KubeVersion");
    kube.put("Version", "v1.31.0");
    kube.put("GitVersion", "v1.31.0");
    kube.put("Major", "1");
    kube.put("Minor", "31");
    ArrayNode apis = caps.putArray("APIVersions");
    for (String v : List.of("v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1",
        "policy/v1", "autoscaling/v2", "apiextensions.k8s.io/v1")) {
      apis.add(v);
    }
    caps.putObject("HelmVersion").put("Version", "v3.16.0");
    return root;
  }

  // ---------------------------------------------------------------- Helm repositories

  private @Nullable Path download(YMap item, String repo, String chart, @Nullable String version) {
    YNode at = item.get("repo");
    String base = repo.endsWith("/") ? repo.substring(0, repo.length() - 1) : repo;
    URI baseUri;
    try {
      baseUri = URI.create(base + "/");
    } catch (IllegalArgumentException e) {
      problems.error(at.pos(), "invalid helm repository URL '" + repo + "'");
      return null;
    }
    if (!allowed(baseUri)) {
      problems.error(
          at.pos(), "helm repository " + repo + " must use https (plain http only for localhost)");
      return null;
    }
    Path cacheRoot = cacheRoot();
    if (version != null) {
      Path cached = cacheRoot.resolve(key(base, chart, version));
      if (Files.isRegularFile(cached.resolve("Chart.yaml"))) {
        return cached;
      }
    }
    URI indexUri = baseUri.resolve("index.yaml");
    byte[] index = get(at, indexUri, "helm repository index", MAX_INDEX_BYTES);
    if (index == null) {
      return null;
    }
    String indexDisplay = indexUri.toString();
    int before = problems.count();
    List<YNode> docs =
        YamlReader.readAll(indexDisplay, new String(index, StandardCharsets.UTF_8), problems);
    if (problems.count() > before) {
      return null;
    }
    if (docs.isEmpty() || !(docs.get(0) instanceof YMap idx) || !(idx.get("entries") instanceof YMap entries)) {
      problems.error(at.pos(), indexDisplay + " is not a Helm repository index (no entries)");
      return null;
    }
    if (!(entries.get(chart) instanceof YSeq versions) || versions.items().isEmpty()) {
      problems.error(
          item.get("chart").pos(),
          "chart '" + chart + "' is not in " + indexDisplay
              + Suggestions.didYouMean(chart, entries.keys()));
      return null;
    }
    YMap picked = null;
    String pickedVersion = null;
    List<String> available = new ArrayList<>();
    for (YNode v : versions.items()) {
      if (!(v instanceof YMap vm) || !(vm.get("version") instanceof YScalar vs)) {
        continue;
      }
      String ver = vs.text();
      available.add(ver);
      boolean match =
          version == null
              ? pickedVersion == null || compareVersions(ver, pickedVersion) > 0
              : strip(ver).equals(strip(version));
      if (match && (version == null || picked == null)) {
        picked = vm;
        pickedVersion = ver;
      }
    }
    if (picked == null) {
      problems.error(
          item.get("version").pos(),
          "version " + version + " of chart '" + chart + "' is not in " + indexDisplay
              + " (available: " + String.join(", ", available) + ")");
      return null;
    }
    Path dir = cacheRoot.resolve(key(base, chart, version == null ? pickedVersion : version));
    if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      return dir;
    }
    if (!(picked.get("urls") instanceof YSeq urls)
        || urls.items().isEmpty()
        || !(urls.items().get(0) instanceof YScalar u)) {
      problems.error(at.pos(), "chart '" + chart + "' " + pickedVersion + " has no urls in " + indexDisplay);
      return null;
    }
    URI tgz;
    try {
      tgz = baseUri.resolve(u.text().strip());
    } catch (IllegalArgumentException e) {
      problems.error(at.pos(), "invalid chart URL '" + u.text() + "' in " + indexDisplay);
      return null;
    }
    if (!allowed(tgz)) {
      problems.error(at.pos(), "chart URL " + tgz + " must use https (plain http only for localhost)");
      return null;
    }
    byte[] archive = get(at, tgz, "helm chart", MAX_CHART_BYTES);
    if (archive == null) {
      return null;
    }
    try {
      Files.createDirectories(dir.getParent());
      Path tmp = Files.createTempDirectory(dir.getParent(), "unpack-");
      try {
        Tar.extract(new GZIPInputStream(new java.io.ByteArrayInputStream(archive)), tmp);
        if (!Files.isRegularFile(tmp.resolve("Chart.yaml"))) {
          problems.error(at.pos(), "helm chart " + tgz + " holds no Chart.yaml");
          return null;
        }
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
          if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw raced;
          }
        }
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      problems.error(at.pos(), "cannot unpack helm chart " + tgz + ": " + message(e));
      return null;
    }
    return dir;
  }

  private static boolean allowed(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    return "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
  }

  private Path cacheRoot() {
    String cache = env.apply("ORK_CACHE");
    Path root =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".orkestra");
    return root.resolve("helm").resolve("repo");
  }

  private static String key(String repo, String chart, String version) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h = d.digest((repo + "\0" + chart + "\0" + version).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  private static String strip(String v) {
    return v.startsWith("v") ? v.substring(1) : v;
  }

  /** Compares dotted numeric versions (pre-release suffixes sort lower). */
  static int compareVersions(String a, String b) {
    String[] x = strip(a).split("[.+-]");
    String[] y = strip(b).split("[.+-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c;
      if (p.matches("\\d+") && q.matches("\\d+")) {
        c = Long.compare(Long.parseLong(p), Long.parseLong(q));
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Blocks the loading thread, at most {@link LoadOptions#resolveTimeout()}. */
  private byte @Nullable [] get(YNode at, URI uri, String what, long max) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(options.resolveTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.resolveTimeout()).GET().build();
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          problems.error(at.pos(), "cannot download " + what + " " + uri + ": HTTP " + response.statusCode());
          return null;
        }
        byte[] body = in.readNBytes((int) max + 1);
        if (body.length > max) {
          problems.error(at.pos(), what + " " + uri + " is larger than " + (max >> 20) + " MiB");
          return null;
        }
        return body;
      }
    } catch (IOException e) {
      problems.error(at.pos(), "cannot download " + what + " " + uri + ": " + message(e));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.error(at.pos(), "cannot download " + what + " " + uri + ": interrupted");
      return null;
    }
  }

  private static String message(Exception e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? "I/O failure" : e.getMessage();
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover temporary directory is harmless
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** A minimal reader of (ustar / GNU) tar streams: regular files and directories only. */
  static final class Tar {
    private Tar() {}

    /**
     * Extracts an archive whose entries sit under one top directory ({@code <chart>/...}), which
     * is stripped. Entries escaping the target directory are refused.
     *
     * @param in the uncompressed tar stream
     * @param target the directory to fill
     * @throws IOException on a malformed archive or a write failure
     */
    static void extract(InputStream in, Path target) throws IOException {
      String longName = null;
      while (true) {
        byte[] header = in.readNBytes(512);
        if (header.length < 512 || isZero(header)) {
          return;
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty() && "ustar".equals(field(header, 257, 5))) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(field(header, 124, 12).isBlank() ? "0" : field(header, 124, 12).strip(), 8);
        char type = (char) header[156];
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
          throw new IOException("truncated archive");
        }
        long pad = (512 - size % 512) % 512;
        in.readNBytes((int) pad);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if (type == 'x' || type == 'g') {
          continue; // pax headers: attributes we do not need
        }
        int slash = name.indexOf('/');
        String rel = slash < 0 ? "" : name.substring(slash + 1);
        if (rel.isEmpty()) {
          continue;
        }
        Path out = target.resolve(rel).normalize();
        if (!out.startsWith(target) || rel.startsWith("/")) {
          throw new IOException("archive entry escapes the chart directory: " + name);
        }
        if (type == '5') {
          Files.createDirectories(out);
        } else if (type == '0' || type == '\0') {
          Files.createDirectories(out.getParent());
          Files.write(out, data);
        }
      }
    }

    private static boolean isZero(byte[] b) {
      for (byte x : b) {
        if (x != 0) {
          return false;
        }
      }
      return true;
    }

    private static String field(byte[] h, int off, int len) {
      int end = off;
      while (end < off + len && h[end] != 0) {
        end++;
      }
      return new String(h, off, end - off, StandardCharsets.UTF_8);
    }
  }
}

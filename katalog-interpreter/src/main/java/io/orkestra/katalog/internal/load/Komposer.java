package io.orkestra.katalog.internal.load;

import io.orkestra.core.KatalogResolver;
import io.orkestra.katalog.LoadOptions;
import io.orkestra.katalog.internal.model.ModelBinder;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import io.orkestra.katalog.internal.yaml.YamlReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Composes a {@code kind: Komposer} document into one Katalog tree (spec §2.15, §3.1-3.2), working
 * on the positioned YAML trees so that every later diagnostic still points at the file, line and
 * column where the value was written (an imported Katalog or the Komposer itself).
 *
 * <p>Order: registry imports (resolved through the {@link KatalogResolver} of the {@link
 * LoadOptions}; {@code useKomposer: true} composes the artifact's Komposer recursively, a cycle is
 * an error naming the chain) → {@code imports.files}
 * (each a Katalog, relative to the Komposer; {@code $VAR} references read the environment) → {@code
 * imports.helm} (each chart rendered by {@link HelmImports}; every rendered {@code kind: Katalog}
 * document is imported like a file) → inline {@code spec.crds}. A CRD name defined by two imports is an error naming both files. An inline
 * entry with a new name is added; one with an imported name overrides it by {@link #merge}.
 *
 * <p>Top-level blocks ({@code security}, {@code notes}, ...) and the other {@code spec} keys are
 * accumulated from the imports in order, then the Komposer's own: mappings merge key by key (later
 * wins), lists are concatenated (duplicate scalars dropped), scalars are replaced.
 */
final class Komposer {

  private static final Set<String> IMPORT_KEYS = Set.of("registry", "files", "helm");
  private static final Set<String> HEADER = Set.of("apiVersion", "kind", "metadata", "spec");

  /** CRD-entry paths an override replaces as a whole when it declares them (spec §3.2). */
  private static final Set<String> REPLACED =
      Set.of(
          "dependsOn",
          "endpoints",
          "validation",
          "mutation",
          "conversion",
          "admission.validation",
          "admission.mutation",
          "admission.conversion",
          "operatorBox.onCreate",
          "operatorBox.onReconcile",
          "operatorBox.onDelete",
          "operatorBox.status",
          "operatorBox.reconcile.onCreate",
          "operatorBox.reconcile.onReconcile",
          "operatorBox.reconcile.onDelete",
          "operatorBox.reconcile.hooks",
          "operatorBox.reconcile.constructor",
          "operatorBox.reconciler.onCreate",
          "operatorBox.reconciler.onReconcile",
          "operatorBox.reconciler.onDelete",
          "operatorBox.reconciler.hooks",
          "operatorBox.reconciler.constructor",
          "operatorBox.emit.status");

  /** CRD-entry lists an override only adds to (spec §3.2). */
  private static final Set<String> ADDITIVE =
      Set.of(
          "restrictedNamespaces",
          "allowedNamespaces",
          "finalizers",
          "operatorBox.finalizers",
          "operatorBox.runtime.finalizers",
          "operatorBox.runtime.restrictedNamespaces",
          "operatorBox.runtime.allowedNamespaces");

  /** Legacy and grouped spellings of one block: declaring either in an override drops both. */
  private static final List<List<String>> ALIASES =
      List.of(
          List.of("onCreate", "reconcile.onCreate", "reconciler.onCreate"),
          List.of("onReconcile", "reconcile.onReconcile", "reconciler.onReconcile"),
          List.of("onDelete", "reconcile.onDelete", "reconciler.onDelete"),
          List.of("status", "emit.status"));

  private static final Set<String> REGISTRY_KEYS =
      Set.of("url", "oci", "useKomposer", "auth", "version", "katalog");

  private final Problems problems;
  private final LoadOptions options;
  private final Function<String, @Nullable String> env;
  /** Komposer files being composed, outermost first: a repeat is an import cycle. */
  private final List<Path> stack;

  Komposer(Problems problems, LoadOptions options) {
    this(problems, options, new ArrayList<>());
  }

  private Komposer(Problems problems, LoadOptions options, List<Path> stack) {
    this.problems = problems;
    this.options = options;
    this.env = options.environment();
    this.stack = stack;
  }

  /** A Katalog read for composition. */
  private record Imported(String file, YMap root) {}

  /**
   * Composes a Komposer.
   *
   * @param file the Komposer file (imports are relative to it)
   * @param root its document
   * @return the composed Katalog tree (its {@code kind} still reads Komposer)
   */
  YMap compose(Path file, YMap root) {
    Path self = file.toAbsolutePath().normalize();
    stack.add(self);
    try {
      return composeImports(file, root);
    } finally {
      stack.remove(stack.size() - 1);
    }
  }

  private YMap composeImports(Path file, YMap root) {
    List<Imported> imports = imports(file, root);
    Map<String, YEntry> crds = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    for (Imported imp : imports) {
      YMap spec = map(imp.root().get("spec"));
      YMap list = spec == null ? null : map(spec.get("crds"));
      if (list == null) {
        problems.error(imp.root().pos(), "imported Katalog " + imp.file() + " has no spec.crds");
        continue;
      }
      for (YEntry e : list.entries()) {
        String first = origin.putIfAbsent(e.key(), imp.file());
        if (first != null) {
          problems.error(
              e.keyPos(),
              "CRD '" + e.key() + "' is defined by both " + first + " and " + imp.file()
                  + " (names must be unique across all imports)");
        } else {
          crds.put(e.key(), e);
        }
      }
    }
    YMap ownSpec = map(root.get("spec"));
    YMap inline = ownSpec == null ? null : map(ownSpec.get("crds"));
    if (inline != null) {
      for (YEntry raw : inline.entries()) {
        YEntry e = raw.value() instanceof YMap m ? new YEntry(raw.key(), raw.keyPos(), workersShorthand(m)) : raw;
        YEntry base = crds.get(e.key());
        if (base != null && base.value() instanceof YMap b && e.value() instanceof YMap o) {
          crds.put(e.key(), new YEntry(e.key(), base.keyPos(), crdEntry(b, o)));
        } else {
          crds.put(e.key(), e);
        }
      }
    }
    return katalog(root, imports, crds);
  }

  private YMap katalog(YMap root, List<Imported> imports, Map<String, YEntry> crds) {
    List<YEntry> out = new ArrayList<>();
    for (String key : List.of("apiVersion", "kind", "metadata")) {
      if (root.entry(key) != null) {
        out.add(root.entry(key));
      }
    }
    // spec: crds plus the other spec keys, accumulated
    List<YMap> specs = new ArrayList<>();
    imports.forEach(i -> specs.add(map(i.root().get("spec"))));
    specs.add(map(root.get("spec")));
    Map<String, YEntry> specEntries = new LinkedHashMap<>();
    YEntry ownSpec = root.entry("spec");
    SourcePos specPos = ownSpec != null ? ownSpec.value().pos() : root.pos();
    for (YMap s : specs) {
      if (s == null) {
        continue;
      }
      for (YEntry e : s.entries()) {
        if (!e.key().equals("crds")) {
          accumulate(specEntries, e);
        }
      }
    }
    List<YEntry> specList = new ArrayList<>();
    specList.add(
        new YEntry(
            "crds",
            ownSpec != null && ownSpec.value() instanceof YMap m && m.entry("crds") != null
                ? m.entry("crds").keyPos()
                : specPos,
            new YMap(specPos, "spec.crds", new ArrayList<>(crds.values()))));
    specList.addAll(specEntries.values());
    out.add(
        new YEntry(
            "spec",
            ownSpec != null ? ownSpec.keyPos() : root.pos(),
            new YMap(specPos, "spec", specList)));
    Map<String, YEntry> blocks = new LinkedHashMap<>();
    for (Imported imp : imports) {
      for (YEntry e : imp.root().entries()) {
        if (!HEADER.contains(e.key()) && !e.key().equals("imports")) {
          accumulate(blocks, e);
        }
      }
    }
    for (YEntry e : root.entries()) {
      if (!HEADER.contains(e.key()) && !e.key().equals("imports")) {
        accumulate(blocks, e);
      }
    }
    out.addAll(blocks.values());
    return new YMap(root.pos(), root.path(), out);
  }

  private static void accumulate(Map<String, YEntry> into, YEntry e) {
    YEntry prev = into.get(e.key());
    into.put(e.key(), prev == null ? e : new YEntry(e.key(), e.keyPos(), layer(prev.value(), e.value())));
  }

  /** Top-level layering: maps key by key, lists concatenated, scalars replaced. */
  private static YNode layer(YNode base, YNode top) {
    if (base instanceof YMap b && top instanceof YMap t) {
      Map<String, YEntry> m = new LinkedHashMap<>();
      b.entries().forEach(e -> m.put(e.key(), e));
      for (YEntry e : t.entries()) {
        accumulate(m, e);
      }
      return new YMap(b.pos(), b.path(), new ArrayList<>(m.values()));
    }
    if (base instanceof YSeq b && top instanceof YSeq t) {
      return union(b, t);
    }
    return top;
  }

  private static YSeq union(YSeq base, YSeq extra) {
    List<YNode> items = new ArrayList<>(base.items());
    Set<String> seen = new HashSet<>();
    for (YNode n : base.items()) {
      if (n instanceof YScalar s) {
        seen.add(s.text());
      }
    }
    for (YNode n : extra.items()) {
      if (!(n instanceof YScalar s) || seen.add(s.text())) {
        items.add(n);
      }
    }
    return new YSeq(base.pos(), base.path(), items);
  }

  // ---------------------------------------------------------------- CRD entry override (§3.2)

  /**
   * The quick start's override shorthand {@code spec.crds.<name>.workers: 4}: moved to {@code
   * operatorBox.reconcile.workers} (or {@code reconciler} in a legacy-spelled override) unless the
   * override also sets that explicitly, which then wins.
   */
  private static YMap workersShorthand(YMap entry) {
    YEntry workers = entry.entry("workers");
    if (workers == null) {
      return entry;
    }
    List<YEntry> rest = new ArrayList<>();
    entry.entries().forEach(e -> {
      if (!e.key().equals("workers")) {
        rest.add(e);
      }
    });
    YMap trimmed = new YMap(entry.pos(), entry.path(), rest);
    YMap box = map(trimmed.get("operatorBox"));
    String boxPath = entry.path() + ".operatorBox";
    if (box == null) {
      box = new YMap(workers.keyPos(), boxPath, List.of());
    }
    String group = box.has("reconciler") && !box.has("reconcile") ? "reconciler" : "reconcile";
    YMap reconcile = map(box.get(group));
    if (reconcile == null) {
      reconcile = new YMap(workers.keyPos(), boxPath + "." + group, List.of());
    }
    if (reconcile.has("workers")) {
      return trimmed;
    }
    List<YEntry> r = new ArrayList<>();
    reconcile.entries().forEach(r::add);
    r.add(workers);
    YMap newReconcile = new YMap(reconcile.pos(), reconcile.path(), r);
    List<YEntry> b = new ArrayList<>();
    box.entries().forEach(e -> b.add(e.key().equals(group) ? new YEntry(group, e.keyPos(), newReconcile) : e));
    if (!box.has(group)) {
      b.add(new YEntry(group, workers.keyPos(), newReconcile));
    }
    YMap newBox = new YMap(box.pos(), box.path(), b);
    List<YEntry> out = new ArrayList<>();
    trimmed.entries().forEach(e -> out.add(e.key().equals("operatorBox") ? new YEntry("operatorBox", e.keyPos(), newBox) : e));
    if (!trimmed.has("operatorBox")) {
      out.add(new YEntry("operatorBox", workers.keyPos(), newBox));
    }
    return new YMap(trimmed.pos(), trimmed.path(), out);
  }

  /**
   * {@code mergeCRDEntry(base, override)}: field-wise deep override, with the whole-block,
   * additive and {@code enabled} rules of spec §3.2.
   */
  private YMap crdEntry(YMap base, YMap override) {
    YMap box = map(override.get("operatorBox"));
    YMap baseBox = map(base.get("operatorBox"));
    if (box != null && baseBox != null) {
      baseBox = withoutAliases(baseBox, box);
      base = replace(base, "operatorBox", baseBox);
    }
    return (YMap) merge(base, override, "");
  }

  private YNode merge(YNode base, YNode override, String path) {
    if (REPLACED.contains(path)) {
      return override;
    }
    if (path.equals("apiTypes")) {
      return override instanceof YMap o && o.has("kind") ? override : base;
    }
    if (path.equals("enabled")) {
      return override instanceof YScalar s && "false".equals(s.text()) ? override : base;
    }
    if (ADDITIVE.contains(path) && base instanceof YSeq b && override instanceof YSeq o) {
      return union(b, o);
    }
    if (base instanceof YMap b && override instanceof YMap o) {
      Map<String, YEntry> m = new LinkedHashMap<>();
      b.entries().forEach(e -> m.put(e.key(), e));
      for (YEntry e : o.entries()) {
        YEntry prev = m.get(e.key());
        String child = path.isEmpty() ? e.key() : path + "." + e.key();
        m.put(
            e.key(),
            prev == null ? e : new YEntry(e.key(), prev.keyPos(), merge(prev.value(), e.value(), child)));
      }
      return new YMap(b.pos(), b.path(), new ArrayList<>(m.values()));
    }
    if (override instanceof YScalar s && isZero(s)) {
      return base; // "override wins if non-zero / non-empty"
    }
    return override;
  }

  private static boolean isZero(YScalar s) {
    return s.isNull()
        || (s.value().isTextual() && s.text().isEmpty())
        || (s.value().isNumber() && s.value().asDouble() == 0);
  }

  /** Drops from the base operatorBox every spelling of a block the override declares. */
  private static YMap withoutAliases(YMap baseBox, YMap box) {
    for (List<String> spellings : ALIASES) {
      boolean declared = spellings.stream().anyMatch(p -> at(box, p) != null);
      if (declared) {
        for (String p : spellings) {
          baseBox = without(baseBox, p);
        }
      }
    }
    // legacy 'reconciler' and grouped 'reconcile' merge under the override's spelling
    if (box.has("reconcile") && baseBox.has("reconciler") && !baseBox.has("reconcile")) {
      baseBox = rename(baseBox, "reconciler", "reconcile");
    } else if (box.has("reconciler") && baseBox.has("reconcile") && !baseBox.has("reconciler")) {
      baseBox = rename(baseBox, "reconcile", "reconciler");
    }
    return baseBox;
  }

  private static @Nullable YNode at(YMap m, String dotted) {
    YNode n = m;
    for (String part : dotted.split("\\.")) {
      if (!(n instanceof YMap cur)) {
        return null;
      }
      n = cur.get(part);
    }
    return n;
  }

  private static YMap without(YMap m, String dotted) {
    int dot = dotted.indexOf('.');
    if (dot < 0) {
      if (!m.has(dotted)) {
        return m;
      }
      List<YEntry> kept = new ArrayList<>();
      m.entries().forEach(e -> { if (!e.key().equals(dotted)) kept.add(e); });
      return new YMap(m.pos(), m.path(), kept);
    }
    String head = dotted.substring(0, dot);
    if (!(m.get(head) instanceof YMap child)) {
      return m;
    }
    return replace(m, head, without(child, dotted.substring(dot + 1)));
  }

  private static YMap replace(YMap m, String key, YNode value) {
    List<YEntry> out = new ArrayList<>();
    m.entries().forEach(e -> out.add(e.key().equals(key) ? new YEntry(key, e.keyPos(), value) : e));
    return new YMap(m.pos(), m.path(), out);
  }

  private static YMap rename(YMap m, String from, String to) {
    List<YEntry> out = new ArrayList<>();
    m.entries().forEach(e -> out.add(e.key().equals(from) ? new YEntry(to, e.keyPos(), e.value()) : e));
    return new YMap(m.pos(), m.path(), out);
  }

  // ---------------------------------------------------------------- imports

  private List<Imported> imports(Path file, YMap root) {
    List<Imported> out = new ArrayList<>();
    YEntry entry = root.entry("imports");
    if (entry == null) {
      return out;
    }
    if (!(entry.value() instanceof YMap imports)) {
      if (!(entry.value() instanceof YScalar s && s.isNull())) {
        problems.error(entry.value().pos(), "imports must be a mapping with registry, files or helm");
      }
      return out;
    }
    for (YEntry e : imports.entries()) {
      if (!IMPORT_KEYS.contains(e.key())) {
        problems.error(
            e.keyPos(),
            "unknown key '" + e.key() + "' in imports (expected registry, files or helm)"
                + Suggestions.didYouMean(e.key(), IMPORT_KEYS));
      }
    }
    for (YNode item : items(imports, "registry")) {
      Imported imp = registry(item);
      if (imp != null) {
        out.add(imp);
      }
    }
    for (YNode item : items(imports, "files")) {
      Imported imp = file(file, item);
      if (imp != null) {
        out.add(imp);
      }
    }
    HelmImports helm = new HelmImports(problems, options);
    for (YNode item : items(imports, "helm")) {
      for (HelmImports.Doc doc : helm.load(file, item)) {
        Imported imp = katalogDoc(doc.display(), doc.root());
        if (imp != null) {
          out.add(imp);
        }
      }
    }
    return out;
  }

  private List<YNode> items(YMap imports, String key) {
    YNode n = imports.get(key);
    if (n == null || (n instanceof YScalar s && s.isNull())) {
      return List.of();
    }
    if (n instanceof YSeq seq) {
      return seq.items();
    }
    problems.error(n.pos(), "imports." + key + " must be a list, got " + n.describe());
    return List.of();
  }

  private @Nullable Imported file(Path komposer, YNode item) {
    if (item instanceof YMap m) {
      return remoteFile(m);
    }
    if (!(item instanceof YScalar s) || s.isNull() || s.text().isBlank()) {
      problems.error(item.pos(), item.path() + " must be a path to a Katalog file");
      return null;
    }
    String ref = s.text();
    if (ref.startsWith("$")) {
      String name = ref.substring(1).replaceAll("^\\{(.*)}$", "$1");
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        problems.error(item.pos(), "environment variable " + name + " is not set (" + item.path() + ")");
        return null;
      }
      ref = value;
    }
    if (ref.contains("://")) {
      return remote(item, ref, null);
    }
    Path path;
    try {
      Path p = Path.of(ref);
      Path dir = komposer.getParent();
      path = (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      problems.error(item.pos(), "invalid path '" + ref + "': " + e.getReason());
      return null;
    }
    String display = SourceFiles.display(path);
    if (!java.nio.file.Files.isRegularFile(path)) {
      problems.error(item.pos(), "imported file not found: " + display);
      return null;
    }
    return katalogAt(path, item, "Katalog");
  }

  // ---------------------------------------------------------------- URL file imports

  private static final Set<String> URL_KEYS = Set.of("url", "auth");
  private static final Set<String> AUTH_KEYS =
      Set.of("type", "fromEnv", "usernameFromEnv", "passwordFromEnv");
  private static final long MAX_REMOTE_BYTES = 4L * 1024 * 1024;

  /** {@code files: [{url: https://…, auth: {type, fromEnv, usernameFromEnv, passwordFromEnv}}]}. */
  private @Nullable Imported remoteFile(YMap m) {
    for (YEntry e : m.entries()) {
      if (!URL_KEYS.contains(e.key())) {
        problems.error(
            e.keyPos(),
            "unknown key '" + e.key() + "' in " + m.path() + Suggestions.didYouMean(e.key(), URL_KEYS));
      }
    }
    if (!(m.get("url") instanceof YScalar u) || u.isNull() || u.text().isBlank()) {
      problems.error(m.pos(), "missing required field 'url' in " + m.path());
      return null;
    }
    String url = u.text().strip();
    if (url.startsWith("$")) {
      String name = url.substring(1).replaceAll("^\\{(.*)}$", "$1");
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        problems.error(u.pos(), "environment variable " + name + " is not set (" + m.path() + ".url)");
        return null;
      }
      url = value.strip();
    }
    YNode auth = m.get("auth");
    if (auth != null && !(auth instanceof YMap)) {
      problems.error(auth.pos(), m.path() + ".auth must be a mapping, got " + auth.describe());
      return null;
    }
    return remote(u, url, (YMap) auth);
  }

  /**
   * Downloads a Katalog over HTTPS (plain HTTP only to a loopback host) with optional bearer,
   * GitHub-token or basic credentials read from the environment. Credentials never appear in
   * messages. Blocks the loading thread, at most {@link LoadOptions#resolveTimeout()}.
   */
  private @Nullable Imported remote(YNode at, String url, @Nullable YMap auth) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      problems.error(at.pos(), "invalid URL '" + url + "' in " + at.path());
      return null;
    }
    String shown = redact(uri);
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
      problems.error(
          at.pos(), "file import " + shown + " must use https (plain http only for localhost)");
      return null;
    }
    String authorization = null;
    if (auth != null) {
      authorization = authorization(auth, shown);
      if (authorization == null) {
        return null;
      }
    }
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(uri).timeout(options.resolveTimeout()).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    byte[] body;
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(options.resolveTimeout())
            // credentials are never forwarded to a redirect target
            .followRedirects(
                authorization == null
                    ? java.net.http.HttpClient.Redirect.NORMAL
                    : java.net.http.HttpClient.Redirect.NEVER)
            .build();
    try {
      java.net.http.HttpResponse<java.io.InputStream> response =
          http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          problems.error(
              at.pos(),
              "cannot fetch file import " + shown + ": HTTP " + response.statusCode()
                  + (response.statusCode() == 401 || response.statusCode() == 403
                      ? " (check the credentials of its auth block)"
                      : ""));
          return null;
        }
        body = in.readNBytes((int) MAX_REMOTE_BYTES + 1);
      }
    } catch (java.io.IOException e) {
      problems.error(at.pos(), "cannot fetch file import " + shown + ": " + describe(e));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.error(at.pos(), "cannot fetch file import " + shown + ": interrupted");
      return null;
    }
    if (body.length > MAX_REMOTE_BYTES) {
      problems.error(at.pos(), "file import " + shown + " is larger than 4 MiB");
      return null;
    }
    String text;
    try {
      text =
          java.nio.charset.StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(body))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      problems.error(at.pos(), "file import " + shown + " is not valid UTF-8 text");
      return null;
    }
    return katalogText(shown, text, at, "Katalog", null);
  }

  private @Nullable String authorization(YMap auth, String shown) {
    for (YEntry e : auth.entries()) {
      if (!AUTH_KEYS.contains(e.key())) {
        problems.error(
            e.keyPos(),
            "unknown key '" + e.key() + "' in " + auth.path() + Suggestions.didYouMean(e.key(), AUTH_KEYS));
      }
    }
    String type = auth.get("type") instanceof YScalar t ? t.text() : "bearer";
    switch (type) {
      case "bearer", "github" -> {
        String token = envValue(auth, "fromEnv");
        return token == null ? null : (type.equals("github") ? "token " : "Bearer ") + token;
      }
      case "basic" -> {
        String user = envValue(auth, "usernameFromEnv");
        String password = envValue(auth, "passwordFromEnv");
        if (user == null || password == null) {
          return null;
        }
        return "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      default -> {
        problems.error(
            auth.get("type").pos(),
            "unknown auth type '" + type + "' in " + auth.path() + " (expected basic, bearer or github)");
        return null;
      }
    }
  }

  private @Nullable String envValue(YMap auth, String key) {
    YNode n = auth.get(key);
    if (!(n instanceof YScalar s) || s.isNull() || s.text().isBlank()) {
      problems.error(auth.pos(), "missing required field '" + key + "' in " + auth.path());
      return null;
    }
    String name = s.text().strip().replaceAll("^\\$\\{?(.*?)}?$", "$1");
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      problems.error(s.pos(), "environment variable " + name + " is not set (" + auth.path() + "." + key + ")");
      return null;
    }
    return value;
  }

  private static String redact(java.net.URI uri) {
    String s = uri.toString();
    return uri.getRawUserInfo() == null ? s : s.replace(uri.getRawUserInfo() + "@", "");
  }

  private static String describe(Exception e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  // ---------------------------------------------------------------- registry imports

  /**
   * A registry import (spec §2.15): a reference string, or a mapping with {@code url} and
   * optional {@code version}, {@code oci}, {@code useKomposer}, {@code auth}. The reference is
   * resolved to a directory by the {@link io.orkestra.core.KatalogResolver} of the options; the
   * directory's {@code katalog.yaml} is imported, or with {@code useKomposer: true} its {@code
   * komposer.yaml}, composed recursively.
   */
  private @Nullable Imported registry(YNode item) {
    String ref;
    boolean useKomposer = false;
    if (item instanceof YScalar s && !s.isNull() && !s.text().isBlank()) {
      ref = s.text().strip();
    } else if (item instanceof YMap m) {
      for (YEntry e : m.entries()) {
        if (!REGISTRY_KEYS.contains(e.key())) {
          problems.error(
              e.keyPos(),
              "unknown key '" + e.key() + "' in " + item.path()
                  + Suggestions.didYouMean(e.key(), REGISTRY_KEYS));
        }
      }
      if (!(m.get("url") instanceof YScalar u) || u.isNull() || u.text().isBlank()) {
        problems.error(item.pos(), "missing required field 'url' in " + item.path());
        return null;
      }
      ref = u.text().strip();
      YNode uk = m.get("useKomposer");
      if (uk != null) {
        if (!(uk instanceof YScalar b) || !(b.value().isBoolean())) {
          problems.error(uk.pos(), item.path() + ".useKomposer must be true or false, got " + uk.describe());
          return null;
        }
        useKomposer = b.value().asBoolean();
      }
      if (m.get("oci") instanceof YScalar o && "false".equals(o.text())) {
        problems.error(
            o.pos(),
            "git registry imports (oci: false) are not supported; publish the pattern as an OCI"
                + " artifact and import it by reference (" + ref + ")");
        return null;
      }
      if (m.get("version") instanceof YScalar v && !v.isNull() && !v.text().isBlank()
          && !hasTagOrDigest(ref) && !ref.contains("://")) {
        ref = ref + ":" + v.text().strip();
      }
    } else {
      problems.error(item.pos(), item.path() + " must be a reference string or a mapping with url");
      return null;
    }
    if (ref.startsWith("http://") || ref.startsWith("https://") || ref.startsWith("git@")) {
      problems.error(
          item.pos(),
          "git registry imports are not supported; publish the pattern as an OCI artifact and"
              + " import it by reference (" + ref + ")");
      return null;
    }
    KatalogResolver resolver = options.resolver();
    if (resolver == null) {
      problems.error(
          item.pos(), "registry import " + ref + " needs a registry resolver (none configured)");
      return null;
    }
    Path dir;
    try {
      dir = resolver.resolve(ref, KatalogResolver.ArtifactType.PATTERN).block(options.resolveTimeout());
    } catch (RuntimeException e) {
      problems.error(item.pos(), "cannot resolve registry import " + ref + ": " + message(e));
      return null;
    }
    if (dir == null) {
      problems.error(item.pos(), "cannot resolve registry import " + ref + ": resolver returned nothing");
      return null;
    }
    String name = useKomposer ? "komposer.yaml" : "katalog.yaml";
    Path entry = dir.resolve(name);
    if (!java.nio.file.Files.isRegularFile(entry)) {
      problems.error(
          item.pos(),
          "registry import " + ref + " has no " + name
              + (useKomposer ? " (useKomposer: true needs a Komposer in the artifact)" : ""));
      return null;
    }
    return katalogAt(entry, item, useKomposer ? "Komposer" : "Katalog");
  }

  private static boolean hasTagOrDigest(String ref) {
    String r = ref.startsWith("oci://") ? ref.substring(6) : ref;
    int slash = r.lastIndexOf('/');
    return r.indexOf('@', slash + 1) >= 0 || r.indexOf(':', slash + 1) >= 0;
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof IllegalStateException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Reads the Katalog (or, recursively composed, the Komposer) that an import points at. */
  private @Nullable Imported katalogAt(Path path, YNode item, String expectedKind) {
    String display = SourceFiles.display(path);
    if (expectedKind.equals("Komposer")) {
      Path abs = path.toAbsolutePath().normalize();
      int at = stack.indexOf(abs);
      if (at >= 0) {
        StringBuilder chain = new StringBuilder();
        for (Path p : stack.subList(at, stack.size())) {
          chain.append(SourceFiles.display(p)).append(" -> ");
        }
        chain.append(display);
        problems.error(item.pos(), "Komposer import cycle: " + chain);
        return null;
      }
    }
    String text = SourceFiles.read(path, "imported file", problems);
    if (text == null) {
      return null;
    }
    return katalogText(display, text, item, expectedKind, path);
  }

  /** Parses and checks an imported document; {@code path} is null for URL imports. */
  private @Nullable Imported katalogText(
      String display, String text, YNode item, String expectedKind, @Nullable Path path) {
    int before = problems.count();
    List<YNode> docs = YamlReader.readAll(display, text, problems);
    if (docs.isEmpty()) {
      if (problems.count() == before) { // else the YAML error is the problem
        problems.error(item.pos(), "imported file " + display + " is empty, expected a Katalog");
      }
      return null;
    }
    if (docs.size() > 1) {
      problems.error(docs.get(1).pos(), "a Katalog file must hold one YAML document, found " + docs.size());
    }
    if (!(docs.get(0) instanceof YMap root)) {
      problems.error(docs.get(0).pos(), "a Katalog must be a YAML mapping, got " + docs.get(0).describe());
      return null;
    }
    YNode kind = root.get("kind");
    String k = kind instanceof YScalar ks ? ks.text() : null;
    if (!expectedKind.equals(k)) {
      problems.error(
          kind == null ? root.pos() : kind.pos(),
          "imported file " + display + " must be a " + expectedKind + ", got "
              + (k == null ? "no kind" : "kind " + k)
              + " (imported from " + item.pos() + ")");
      return null;
    }
    if (expectedKind.equals("Komposer") && path != null) {
      YMap composed = new Komposer(problems, options, stack).compose(path, root);
      return new Imported(display, composed);
    }
    return katalogDoc(display, root);
  }

  /** Checks the header of an imported {@code kind: Katalog} document. */
  private Imported katalogDoc(String display, YMap root) {
    YNode av = root.get("apiVersion");
    if (av instanceof YScalar a && !ModelBinder.API_VERSION.equals(a.text())) {
      problems.error(
          av.pos(), "unsupported apiVersion '" + a.text() + "' (expected " + ModelBinder.API_VERSION + ")");
    }
    if (root.entry("imports") != null) {
      problems.error(
          root.entry("imports").keyPos(),
          "a Katalog must not contain 'imports:' (only a Komposer imports other patterns)");
    }
    return new Imported(display, root);
  }

  private static @Nullable YMap map(@Nullable YNode n) {
    return n instanceof YMap m ? m : null;
  }
}

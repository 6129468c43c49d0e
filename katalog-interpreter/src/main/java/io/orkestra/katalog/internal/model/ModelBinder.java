package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.template.FunctionTable;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Katalog YAML document into a {@link KatalogModel}: checks keys against {@link
 * KatalogSchema}, reads the implemented fields with their types, compiles every template, and
 * normalises the legacy 0.7.17 {@code operatorBox} keys to the grouped shape:
 *
 * <pre>
 * operatorBox.reconciler.*            → operatorBox.reconcile.*
 * operatorBox.onCreate / onReconcile  → operatorBox.reconcile.onCreate / onReconcile
 * operatorBox.status                  → operatorBox.emit.status
 * </pre>
 *
 * Writing both spellings of the same thing is an error. Every problem goes to {@link Problems}; the
 * returned model holds whatever could be read and is only meaningful when no problem was recorded.
 */
public final class ModelBinder {

  /** The only document apiVersion (spec Appendix A). */
  public static final String API_VERSION = "orkestra.orkspace.io/v1";

  private static final Pattern RFC1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> CRD_KEYS_BOUND =
      Set.of(
          "enabled", "description", "apiTypes", "namespaced", "crdFile", "crFiles", "operatorBox",
          "admission", "validation", "mutation", "conversion", "webhooks");
  private static final Set<String> KINDS =
      Set.of("Katalog", "Komposer", "Motif", "E2E", "Simulate");

  private final Problems problems;
  private final SchemaChecker checker;
  private final FunctionTable builtins;
  private Reader read;
  private ResourceBinder resources;

  /**
   * Creates a binder for one load.
   *
   * @param problems where problems go
   * @param functions the functions templates may call
   */
  public ModelBinder(Problems problems, FunctionTable functions) {
    this.problems = problems;
    this.checker = new SchemaChecker(problems);
    this.builtins = functions;
    this.read = new Reader(problems, checker, functions);
    this.resources = new ResourceBinder(read);
  }

  /**
   * Binds the user notes ({@code notes: [{name, expression}]}, spec section 6): each expression is
   * compiled like any template (it may call the notes declared before it) and registered as a
   * zero-argument function whose dot is the custom resource. A note without a valid identifier
   * name, a duplicate, or one that shadows a built-in function is an error.
   */
  private void notes(YMap root) {
    FunctionTable table = builtins;
    YSeq list = read.list(root.get("notes"));
    if (list != null) {
      for (YNode item : list.items()) {
        YMap m = read.map(item);
        if (m == null) {
          continue;
        }
        for (YEntry e : m.entries()) {
          if (!Set.of("name", "expression", "description").contains(e.key())) {
            problems.error(
                e.keyPos(),
                "unknown key '" + e.key() + "' in " + m.path() + " (a note has name, expression"
                    + " and description)");
          }
        }
        YNode nameNode = read.require(m, "name");
        String name = read.string(nameNode);
        Template expression = read.template(read.require(m, "expression"));
        if (name == null || expression == null) {
          continue;
        }
        if (!IDENTIFIER.matcher(name).matches()) {
          problems.error(nameNode.pos(), "note name '" + name + "' is not an identifier");
        } else if (builtins.lookup(name).isPresent()) {
          problems.error(nameNode.pos(), "note '" + name + "' shadows the built-in function");
        } else if (table.lookup(name).isPresent()) {
          problems.error(nameNode.pos(), "note '" + name + "' is declared twice");
        } else {
          table =
              table.with(
                  new io.orkestra.katalog.internal.template.TemplateFunction(
                      name,
                      0,
                      0,
                      false,
                      (args, scope) -> expression.render(scope)));
          read = read.withFunctions(table);
        }
      }
    }
    resources = new ResourceBinder(read);
  }

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Binds one document.
   *
   * @param file display name of the file
   * @param document the document
   * @return the model, or {@code null} when the document is not a Katalog at all
   */
  public @Nullable KatalogModel bind(String file, YNode document) {
    if (!(document instanceof YMap)) {
      problems.error(
          document.pos(), "a Katalog must be a YAML mapping, got " + document.describe());
      return null;
    }
    YMap root = (YMap) document;
    checker.check(root, KatalogSchema.KATALOG);
    header(root);
    notes(root);
    YEntry imports = root.entry("imports");
    if (imports != null) {
      problems.error(
          imports.keyPos(),
          "a Katalog must not contain 'imports:' (only a Komposer imports other patterns)");
    }
    YMap metadata = read.map(read.require(root, "metadata"));
    String name = metadata == null ? null : read.string(read.require(metadata, "name"));
    if (metadata != null && name != null && name.isBlank()) {
      problems.error(metadata.pos(), "metadata.name must not be empty");
    }
    List<CrdEntry> crds = new ArrayList<>();
    YMap spec = read.map(read.require(root, "spec"));
    YMap crdMap = spec == null ? null : read.map(read.require(spec, "crds"));
    YMap security = root.get("security") instanceof YMap sec ? sec : null;
    if (crdMap != null) {
      for (YEntry e : crdMap.entries()) {
        CrdEntry entry = crdEntry(e, security);
        if (entry != null) {
          crds.add(entry);
        }
      }
    }
    NotificationBinder notifications = new NotificationBinder(read);
    NotificationBlock notification = notifications.bind(root.get("notification"));
    java.util.Set<String> crdNames = new java.util.LinkedHashSet<>();
    if (crdMap != null) {
      crdMap.entries().forEach(e -> crdNames.add(e.key()));
    }
    notifications.checkReferences(
        notification, read.teamRefs(), root.get("notification"), crdNames);
    return new KatalogModel(file, name == null ? "" : name, crds, root.pos(), notification);
  }

  private void header(YMap root) {
    YNode apiVersion = read.require(root, "apiVersion");
    String av = read.string(apiVersion);
    if (apiVersion != null && av != null && !av.equals(API_VERSION)) {
      problems.error(
          apiVersion.pos(), "unsupported apiVersion '" + av + "' (expected " + API_VERSION + ")");
    }
    YNode kind = read.require(root, "kind");
    String k = read.string(kind);
    if (kind == null || k == null || k.equals("Katalog")) {
      return;
    }
    if (k.equals("Komposer")) {
      return; // composed into a Katalog tree by the loader before binding
    } else if (KINDS.contains(k)) {
      problems.error(
          kind.pos(), "a " + k + " cannot be loaded as an operator (expected kind Katalog)");
    } else {
      problems.error(
          kind.pos(),
          "unknown kind '" + k + "' (expected Katalog)" + Suggestions.didYouMean(k, KINDS));
    }
  }

  private @Nullable CrdEntry crdEntry(YEntry e, @Nullable YMap security) {
    if (!RFC1123.matcher(e.key()).matches() || e.key().length() > 253) {
      problems.error(
          e.keyPos(),
          "CRD entry name '"
              + e.key()
              + "' must be a lowercase RFC 1123 name (letters, digits, '-')");
    }
    YMap m = read.map(e.value());
    if (m == null) {
      if (!(e.value() instanceof YMap)) {
        problems.error(e.keyPos(), "CRD entry '" + e.key() + "' is empty");
      }
      return null;
    }
    legacyTwins(m);
    conditions(m);
    Map<String, YNode> pending = new LinkedHashMap<>();
    read.keepPending(m, CRD_KEYS_BOUND, pending);
    Boolean enabled = read.bool(m.get("enabled"));
    String description = read.string(m.get("description"));
    Boolean ns = read.bool(m.get("namespaced"));
    Located<Boolean> namespaced =
        ns == null ? null : new Located<>(ns, m.get("namespaced").pos(), m.childPath("namespaced"));
    Located<String> crdFile = read.located(m.get("crdFile"));
    List<Located<String>> crFiles = new ArrayList<>();
    YSeq crs = read.list(m.get("crFiles"));
    if (crs != null) {
      for (YNode item : crs.items()) {
        Located<String> f = read.located(item);
        if (f != null) {
          crFiles.add(f);
        }
      }
    }
    ApiTypes apiTypes = apiTypes(m, crdFile == null);
    if (apiTypes == null && crdFile == null && !m.has("apiTypes")) {
      problems.error(
          e.keyPos(), "CRD entry '" + e.key() + "' needs apiTypes or crdFile to know its kind");
    }
    YMap box = read.map(m.get("operatorBox"));
    Reconcile reconcile = Reconcile.defaults();
    List<StatusField> status = List.of();
    EngineBlocks engine =
        new EngineBinder(problems, read)
            .bind(
                m,
                // both spellings at once is reported by reconcile(): read the canonical one here
                box == null
                    ? null
                    : read.map(box.has("reconcile") ? box.get("reconcile") : box.get("reconciler")),
                box == null ? null : read.map(box.get("runtime")),
                security);
    if (box != null) {
      reconcile = reconcile(box, pending);
      status = status(box, pending);
      read.keepPending(
          box,
          Set.of("reconcile", "reconciler", "onCreate", "onReconcile", "emit", "status"),
          pending);
    }
    return new CrdEntry(
        e.key(),
        e.keyPos(),
        enabled == null || enabled,
        description,
        apiTypes,
        namespaced,
        crdFile,
        crFiles,
        reconcile,
        status,
        engine,
        pending,
        new AdmissionBinder(read).bind(m));
  }

  private @Nullable ApiTypes apiTypes(YMap entry, boolean required) {
    YMap m = read.map(entry.get("apiTypes"));
    if (m == null) {
      return null;
    }
    List<Located<String>> parts = new ArrayList<>();
    for (String key : List.of("group", "version", "kind", "plural")) {
      YNode v = m.get(key);
      if (v == null && required) {
        read.require(m, key); // reports it; an empty group ("" or null) is the core API group
      }
      parts.add(v == null ? null : readAllowEmpty(v));
    }
    return new ApiTypes(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
  }

  private @Nullable Located<String> readAllowEmpty(YNode v) {
    if (v instanceof YScalar && ((YScalar) v).isNull()) {
      return new Located<>("", v.pos(), v.path());
    }
    return read.located(v);
  }

  /** {@code reconcile} (or legacy {@code reconciler}) plus the legacy top-level hook blocks. */
  private Reconcile reconcile(YMap box, Map<String, YNode> pending) {
    YMap r = read.map(oneOf(box, "reconcile", "reconciler"));
    Integer workers = null;
    Duration resync = null;
    if (r != null) {
      workers = read.integer(r.get("workers"), 0, 50, "an integer from 1 to 50 (0 = default 3)");
      resync = duration(r.get("resync"));
      read.keepPending(
          r, Set.of("workers", "resync", "onCreate", "onReconcile", "queue", "requeue"), pending);
    }
    HookTemplates onCreate = hooks(box, r, "onCreate", pending);
    HookTemplates onReconcile = hooks(box, r, "onReconcile", pending);
    int w = workers == null || workers == 0 ? Reconcile.DEFAULT_WORKERS : workers;
    return new Reconcile(w, resync, onCreate, onReconcile);
  }

  private HookTemplates hooks(
      YMap box, @Nullable YMap reconcile, String key, Map<String, YNode> pending) {
    YNode canonical = reconcile == null ? null : reconcile.get(key);
    YNode legacy = box.get(key);
    if (canonical != null && legacy != null) {
      problems.error(
          box.entry(key).keyPos(),
          "both legacy "
              + box.childPath(key)
              + " and "
              + reconcile.childPath(key)
              + " are set; keep only "
              + reconcile.childPath(key));
    }
    YMap block = read.map(canonical != null ? canonical : legacy);
    return block == null ? HookTemplates.empty() : resources.hooks(block, pending);
  }

  private List<StatusField> status(YMap box, Map<String, YNode> pending) {
    YMap emit = read.map(box.get("emit"));
    YNode canonical = emit == null ? null : emit.get("status");
    YNode legacy = box.get("status");
    if (canonical != null && legacy != null) {
      problems.error(
          box.entry("status").keyPos(),
          "both legacy "
              + box.childPath("status")
              + " and "
              + emit.childPath("status")
              + " are set; keep only "
              + emit.childPath("status"));
    }
    read.keepPending(emit, Set.of("status"), pending);
    YMap status = read.map(canonical != null ? canonical : legacy);
    if (status == null) {
      return List.of();
    }
    read.keepPending(status, Set.of("fields"), pending);
    List<StatusField> fields = new ArrayList<>();
    YSeq list = read.list(status.get("fields"));
    if (list != null) {
      for (YNode item : list.items()) {
        StatusField f = statusField(item, pending);
        if (f != null) {
          fields.add(f);
        }
      }
    }
    return fields;
  }

  private @Nullable StatusField statusField(YNode item, Map<String, YNode> pending) {
    YMap m = read.map(item);
    if (m == null) {
      return null;
    }
    read.keepPending(m, Set.of("path", "value", "type", "when", "or", "clearOnFalse"), pending);
    Conditions conditions = new ConditionBinder(read).bind(m);
    Boolean clearOnFalse = read.bool(m.get("clearOnFalse"));
    YNode pathNode = read.require(m, "path");
    String path = read.string(pathNode);
    List<String> segments = null;
    if (path != null) {
      segments = Arrays.asList(path.split("\\.", -1));
      if (path.contains("{{") || segments.stream().anyMatch(String::isBlank)) {
        problems.error(
            pathNode.pos(),
            m.childPath("path") + " must be a plain dotted path under status, got '" + path + "'");
        segments = null;
      }
    }
    Template value = read.template(read.require(m, "value"));
    StatusType type = StatusType.STRING;
    YNode typeNode = m.get("type");
    String t = read.string(typeNode);
    if (typeNode != null && t != null) {
      StatusType parsed = StatusType.parse(t).orElse(null);
      if (parsed == null) {
        problems.error(
            typeNode.pos(),
            "unknown status field type '"
                + t
                + "' (use string, int, float, bool or auto)"
                + Suggestions.didYouMean(t, StatusType.spellings()));
      } else {
        type = parsed;
      }
    }
    if (path == null || segments == null || value == null) {
      return null;
    }
    return new StatusField(
        path, segments, value, type, m.pos(), conditions, Boolean.TRUE.equals(clearOnFalse));
  }

  private @Nullable Duration duration(@Nullable YNode node) {
    if (node == null || (node instanceof YScalar && ((YScalar) node).isNull())) {
      return null;
    }
    String text = read.string(node);
    if (text == null) {
      return null;
    }
    try {
      Duration d = GoDuration.parse(text);
      if (d.isNegative()) {
        problems.error(node.pos(), node.path() + " must not be negative, got '" + text + "'");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problems.error(
          node.pos(), node.path() + " must be a duration such as 30s or 5m: " + e.getMessage());
      return null;
    }
  }

  /** Values that are free-form data, not Katalog blocks: no conditions are looked for inside. */
  private static final Set<String> FREE_FORM =
      Set.of(
          "labels",
          "annotations",
          "data",
          "stringData",
          "spec",
          "args",
          "selector",
          "matchLabels",
          "labelSelector",
          "fieldSelector",
          "headers",
          "metadata",
          "env",
          "dependsOn",
          "auth",
          "tokens",
          "target",
          "config",
          "modes",
          "providers",
          "rollback",
          "default",
          "override");

  /**
   * Checks every {@code when}/{@code or} list of a CRD entry (gates, requeue, queue behaviours,
   * autoscale, external calls, admission and serve rules, resources of every kind) and the
   * admission validation rules, which are conditions themselves, so that an unknown operator is
   * refused wherever it is written (spec §2.6). The lists the binder reads for rendering are
   * checked again; {@link io.orkestra.katalog.internal.support.Problems} keeps one report of each.
   */
  private void conditions(YMap entry) {
    ConditionBinder binder = new ConditionBinder(read);
    walkConditions(entry, binder);
    for (String path : List.of("validation", "admission.validation")) {
      YEntry validation = entryAt(entry, path);
      if (validation != null
          && validation.value() instanceof YMap v
          && v.get("rules") instanceof YSeq rules) {
        binder.entries(rules);
      }
    }
  }

  private void walkConditions(YNode node, ConditionBinder binder) {
    if (node instanceof YMap m) {
      if (m.get("when") instanceof YSeq || m.get("or") instanceof YSeq) {
        binder.bind(m);
      }
      for (YEntry e : m.entries()) {
        if (!FREE_FORM.contains(e.key()) && !e.key().equals("when") && !e.key().equals("or")) {
          walkConditions(e.value(), binder);
        }
      }
    } else if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        walkConditions(item, binder);
      }
    }
  }

  /**
   * Legacy 0.7.17 CRD-entry keys (spec §0.1) and their grouped spelling, both relative to the CRD
   * entry; the legacy key is accepted alone, but writing both is an error naming the one to keep.
   * (Hook blocks, {@code reconciler} and {@code status} are checked where they are read.)
   */
  private static final List<List<String>> LEGACY_TWINS =
      List.of(
          List.of("validation", "admission.validation"),
          List.of("mutation", "admission.mutation"),
          List.of("conversion", "admission.conversion"),
          List.of("webhooks", "admission.webhooks"),
          List.of("deletionProtection", "operatorBox.runtime.deletionProtection"),
          List.of("normalize", "operatorBox.reconcile.normalize"),
          List.of("operatorBox.cross", "operatorBox.observe.cross"),
          List.of("operatorBox.autoscale", "operatorBox.runtime.autoscale"),
          List.of("operatorBox.providers", "operatorBox.reconcile.providers"));

  private void legacyTwins(YMap entry) {
    for (List<String> twin : LEGACY_TWINS) {
      YEntry legacy = entryAt(entry, twin.get(0));
      if (legacy != null && entryAt(entry, twin.get(1)) != null) {
        String canonical = entry.childPath(twin.get(1));
        problems.error(
            legacy.keyPos(),
            "both legacy "
                + entry.childPath(twin.get(0))
                + " and "
                + canonical
                + " are set; keep only "
                + canonical);
      }
    }
  }

  private static @Nullable YEntry entryAt(YMap map, String dotted) {
    String[] parts = dotted.split("\\.");
    YMap cur = map;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(cur.get(parts[i]) instanceof YMap next)) {
        return null;
      }
      cur = next;
    }
    return cur.entry(parts[parts.length - 1]);
  }

  /** The canonical key's value, else the legacy one; both written is an error. */
  private @Nullable YNode oneOf(YMap map, String canonical, String legacy) {
    YEntry c = map.entry(canonical);
    YEntry l = map.entry(legacy);
    if (c != null && l != null) {
      problems.error(
          l.keyPos(),
          "both "
              + map.childPath(canonical)
              + " and legacy "
              + map.childPath(legacy)
              + " are set; keep only "
              + map.childPath(canonical));
    }
    return c != null ? c.value() : l != null ? l.value() : null;
  }
}

package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.orkestra.core.KatalogResolver;
import io.orkestra.katalog.LoadOptions;
import io.orkestra.katalog.internal.model.MotifBinder;
import io.orkestra.katalog.internal.model.MotifInput;
import io.orkestra.katalog.internal.model.MotifModel;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import io.orkestra.katalog.internal.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Expands Motif imports of a Katalog tree at load, before binding (spec §2.14, §3.3), so that the
 * binder sees motif content exactly like inline content.
 *
 * <p>Levels: {@code spec.imports} contributes a motif's {@code notes} (appended to the top-level
 * {@code notes} list) and {@code profiles} (merged class by class; a name defined twice is an
 * error). {@code spec.crds.<name>.imports} and {@code operatorBox.reconcile.imports} contribute
 * {@code resources} (flat kinds appended to {@code onReconcile}, {@code resources.onCreate} to
 * {@code onCreate}, in the spelling the entry already uses), {@code status.fields}/{@code
 * conditions} (appended) and {@code admission} (merged, rule lists appended). Every {@code imports}
 * key is removed from the result.
 *
 * <p>An import is {@code {motif, version, with, oci, auth}}. {@code motif} is a file or a directory
 * holding {@code motif.yaml}, relative to the file that declares the import; a reference that is
 * not a local path and looks like a registry reference ({@code oci://…}, {@code name:tag}, {@code
 * host/repo…}) is resolved by the {@link KatalogResolver} of the options as {@link
 * KatalogResolver.ArtifactType#MOTIF} ({@code version} appended as the tag when the reference has
 * none); {@code oci: true} sends any reference to the resolver. ({@code auth} is accepted and left
 * to the resolver's own credentials.) For a local motif that declares {@code metadata.version}, a
 * {@code version:} on the import must match it. A motif file imported several times is read and
 * checked once; a motif with any problem is not expanded, so its problems are reported once, in the
 * motif file.
 *
 * <p>Substitution works on the motif's tree, not its text: in every string value, {@code {{
 * .inputs.X }}}, {@code {{ inputs.X }}} and {@code {{ index .inputs "X" }}} are replaced by the
 * bound value; a value that is only such a reference to an {@code int}/{@code number}/{@code bool}
 * input becomes a typed YAML scalar; in any other action that mentions an input (a pipeline, an
 * {@code if}), the reference becomes a literal of the bound value and the action stays a template,
 * evaluated at reconcile time with {@code .spec}, {@code .metadata} and the rest (so a bound value
 * that is itself a template is only evaluated in the whole-action form). Positions: every node of a
 * motif keeps its position and path in the motif file, so problems the binder finds later in motif
 * content point into the motif file; inside a substituted value, offsets can no longer be mapped
 * and every position is the start of the value as written in the motif.
 *
 * <p>Block-level {@code when}/{@code or} of a motif's {@code resources} are moved onto each of its
 * resources (a resource's own {@code when} is added to; a resource with its own {@code or} cannot
 * take the block's {@code or}). Conditions are all kept for reconcile time (the spec's static
 * pre-evaluation at expansion is not needed: the result is the same).
 */
final class Motifs {

  private static final Set<String> IMPORT_KEYS = Set.of("motif", "version", "with", "oci", "auth");
  private static final Set<String> LEGACY_ADMISSION =
      Set.of("validation", "mutation", "conversion", "webhooks");
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

  private final Problems problems;
  private final LoadOptions options;
  private final Includes includes;
  private final Map<Path, Optional<MotifModel>> cache = new HashMap<>();

  /** Display names of motif files that came from the registry resolver. */
  private final Set<String> registryFiles = new HashSet<>();

  Motifs(Problems problems, LoadOptions options, Includes includes) {
    this.problems = problems;
    this.options = options;
    this.includes = includes;
  }

  /** A motif with the values its import binds to each input. */
  private record Bound(MotifModel motif, Map<String, JsonNode> values) {}

  /**
   * Reads and checks one motif file.
   *
   * @param file the file
   * @param problems where problems go
   * @return the motif, or {@code null} when it could not be read as one
   */
  static @Nullable MotifModel read(Path file, Problems problems) {
    String display = SourceFiles.display(file);
    String text = SourceFiles.read(file, "motif file", problems);
    if (text == null) {
      return null;
    }
    int before = problems.count();
    List<YNode> docs = YamlReader.readAll(display, text, problems);
    if (docs.isEmpty()) {
      if (problems.count() == before) {
        problems.fileError(display, display + ": empty file, expected a Motif document");
      }
      return null;
    }
    if (docs.size() > 1) {
      problems.error(
          docs.get(1).pos(), "a Motif file must hold one YAML document, found " + docs.size());
    }
    return new MotifBinder(problems).bind(display, docs.get(0));
  }

  /**
   * Expands every motif import of a Katalog tree.
   *
   * @param root the Katalog (or composed Komposer) document
   * @return the tree without {@code imports} keys, motif content merged in
   */
  YMap expand(YMap root) {
    return crdImports(specImports(root));
  }

  // ---------------------------------------------------------------- spec.imports

  private YMap specImports(YMap root) {
    YMap spec = Trees.map(root.get("spec"));
    YEntry imports = spec == null ? null : spec.entry("imports");
    if (imports == null) {
      return root;
    }
    YMap out = root;
    for (Bound b : imports(imports.value())) {
      YMap m = b.motif().root();
      YNode notes = m.get("notes");
      if (notes != null) {
        out = addNotes(out, substitute(notes, b), b.motif());
      }
      YNode profiles = m.get("profiles");
      if (profiles instanceof YMap) {
        out = addProfiles(out, (YMap) includes.block(substitute(profiles, b)), b.motif());
      }
    }
    YMap newSpec = Trees.remove(Trees.map(out.get("spec")), "imports");
    return Trees.set(out, "spec", root.pos(), newSpec);
  }

  private YMap addNotes(YMap root, YNode notes, MotifModel motif) {
    List<YNode> items = new ArrayList<>();
    if (notes instanceof YSeq) {
      items.addAll(((YSeq) notes).items());
    } else if (notes instanceof YMap) {
      // map form {name: {expression}} or {name: expression}: as list items of the list form
      for (YEntry e : ((YMap) notes).entries()) {
        YScalar name =
            YScalar.synthetic(e.keyPos(), notes.path() + "." + e.key(), text(e.key()), e.key());
        YMap item =
            e.value() instanceof YMap
                ? (YMap) e.value()
                : new YMap(
                    e.value().pos(),
                    notes.path() + "." + e.key(),
                    List.of(new YEntry("expression", e.value().pos(), e.value())));
        List<YEntry> entries = new ArrayList<>();
        entries.add(new YEntry("name", e.keyPos(), name));
        item.entries().forEach(entries::add);
        items.add(new YMap(item.pos(), item.path(), entries));
      }
    } else if (!(notes instanceof YScalar && ((YScalar) notes).isNull())) {
      problems.error(
          notes.pos(),
          "notes of motif '" + motif.name() + "' must be a list, got " + notes.describe());
      return root;
    }
    YNode existing = root.get("notes");
    if (existing != null && !(existing instanceof YSeq) && !isNull(existing)) {
      return root; // the binder reports the wrong type
    }
    YSeq add = new YSeq(notes.pos(), "notes", items);
    YSeq merged = existing instanceof YSeq ? Trees.concat((YSeq) existing, add) : add;
    return Trees.set(root, "notes", notes.pos(), merged);
  }

  private YMap addProfiles(YMap root, YMap profiles, MotifModel motif) {
    YNode existingNode = root.get("profiles");
    if (existingNode != null && !(existingNode instanceof YMap) && !isNull(existingNode)) {
      return root;
    }
    YMap existing =
        existingNode instanceof YMap
            ? (YMap) includes.block(existingNode)
            : Trees.empty(profiles.pos(), "profiles");
    for (YEntry cls : profiles.entries()) {
      YEntry have = existing.entry(cls.key());
      if (have == null) {
        existing = Trees.set(existing, cls.key(), cls.keyPos(), cls.value());
      } else if (have.value() instanceof YMap && cls.value() instanceof YMap) {
        YMap into = (YMap) have.value();
        for (YEntry p : ((YMap) cls.value()).entries()) {
          YEntry dup = into.entry(p.key());
          if (dup != null) {
            problems.error(
                p.keyPos(),
                "profile '"
                    + p.key()
                    + "' in profiles."
                    + cls.key()
                    + " of motif '"
                    + motif.name()
                    + "' is already defined at "
                    + dup.keyPos());
          } else {
            into = Trees.set(into, p.key(), p.keyPos(), p.value());
          }
        }
        existing = Trees.set(existing, cls.key(), cls.keyPos(), into);
      } else if (have.value() instanceof YSeq && cls.value() instanceof YSeq) {
        existing =
            Trees.set(
                existing,
                cls.key(),
                cls.keyPos(),
                Trees.concat((YSeq) have.value(), (YSeq) cls.value()));
      }
    }
    return Trees.set(root, "profiles", profiles.pos(), existing);
  }

  // ---------------------------------------------------------------- CRD-level imports

  private YMap crdImports(YMap root) {
    YMap spec = Trees.map(root.get("spec"));
    YMap crds = spec == null ? null : Trees.map(spec.get("crds"));
    if (crds == null) {
      return root;
    }
    List<YEntry> out = new ArrayList<>();
    boolean changed = false;
    for (YEntry e : crds.entries()) {
      YMap entry = Trees.map(e.value());
      YMap expanded = entry == null ? null : crdEntry(entry);
      if (expanded == null || expanded == entry) {
        out.add(e);
      } else {
        out.add(new YEntry(e.key(), e.keyPos(), expanded));
        changed = true;
      }
    }
    if (!changed) {
      return root;
    }
    YMap newSpec = Trees.set(spec, "crds", crds.pos(), new YMap(crds.pos(), crds.path(), out));
    return Trees.set(root, "spec", spec.pos(), newSpec);
  }

  private YMap crdEntry(YMap entry) {
    YEntry own = entry.entry("imports");
    YMap box = Trees.map(entry.get("operatorBox"));
    String rKey = reconcileKey(box);
    YMap rec = box == null ? null : Trees.map(box.get(rKey));
    YEntry recImports = rec == null ? null : rec.entry("imports");
    if (own == null && recImports == null) {
      return entry;
    }
    if (recImports != null) {
      entry =
          Trees.set(
              entry,
              "operatorBox",
              box.pos(),
              Trees.set(box, rKey, rec.pos(), Trees.remove(rec, "imports")));
    }
    entry = Trees.remove(entry, "imports");
    List<Bound> bound = new ArrayList<>();
    if (own != null) {
      bound.addAll(imports(own.value()));
    }
    if (recImports != null) {
      bound.addAll(imports(recImports.value()));
    }
    for (Bound b : bound) {
      entry = contribute(entry, b);
    }
    return entry;
  }

  private static String reconcileKey(@Nullable YMap box) {
    return box != null && !box.has("reconcile") && box.has("reconciler")
        ? "reconciler"
        : "reconcile";
  }

  private YMap contribute(YMap entry, Bound b) {
    YMap m = b.motif().root();
    YMap resources = Trees.map(m.get("resources"));
    if (resources != null) {
      YMap r = (YMap) substitute(resources, b);
      YMap flat = pushDown(Trees.remove(r, "onCreate"), b.motif());
      if (flat.size() > 0) {
        entry = addHooks(entry, "onReconcile", flat);
      }
      YMap onCreate = Trees.map(r.get("onCreate"));
      if (onCreate != null) {
        entry = addHooks(entry, "onCreate", pushDown(onCreate, b.motif()));
      }
    }
    YMap status = Trees.map(m.get("status"));
    if (status != null) {
      entry = addStatus(entry, (YMap) includes.block(substitute(status, b)));
    }
    YMap admission = Trees.map(m.get("admission"));
    if (admission != null) {
      entry = addAdmission(entry, (YMap) substitute(admission, b));
    }
    return entry;
  }

  /** Moves block-level {@code when}/{@code or} of a motif's hook block onto its resources. */
  private YMap pushDown(YMap block, MotifModel motif) {
    YNode when = block.get("when");
    YNode or = block.get("or");
    if (when == null && or == null) {
      return block;
    }
    for (YNode cond : new YNode[] {when, or}) {
      if (cond != null && !(cond instanceof YSeq)) {
        problems.error(
            cond.pos(), cond.path() + " must be a list of conditions, got " + cond.describe());
        return Trees.remove(Trees.remove(block, "when"), "or");
      }
    }
    YMap out = Trees.remove(Trees.remove(block, "when"), "or");
    for (YEntry e : out.entries()) {
      if (e.key().equals("external") || !(e.value() instanceof YSeq)) {
        continue;
      }
      List<YNode> items = new ArrayList<>();
      for (YNode item : ((YSeq) e.value()).items()) {
        if (!(item instanceof YMap)) {
          items.add(item);
          continue;
        }
        YMap r = (YMap) item;
        if (when != null) {
          YNode own = r.get("when");
          r =
              Trees.set(
                  r,
                  "when",
                  when.pos(),
                  own instanceof YSeq ? Trees.concat((YSeq) when, (YSeq) own) : when);
        }
        if (or != null) {
          if (r.has("or")) {
            problems.error(
                r.entry("or").keyPos(),
                "motif '"
                    + motif.name()
                    + "': "
                    + r.path()
                    + " has its own 'or:' and cannot also take "
                    + or.path()
                    + "; move the block's conditions onto each resource");
          } else {
            r = Trees.set(r, "or", or.pos(), or);
          }
        }
        items.add(r);
      }
      out = Trees.set(out, e.key(), e.keyPos(), new YSeq(e.value().pos(), e.value().path(), items));
    }
    return out;
  }

  /** Appends a hook block to {@code onReconcile}/{@code onCreate}, where the entry declares it. */
  private YMap addHooks(YMap entry, String key, YMap block) {
    YNode boxNode = entry.get("operatorBox");
    if (boxNode != null && !(boxNode instanceof YMap) && !isNull(boxNode)) {
      return entry; // the binder reports the wrong type
    }
    YMap box =
        boxNode instanceof YMap
            ? (YMap) boxNode
            : Trees.empty(block.pos(), entry.childPath("operatorBox"));
    String rKey = reconcileKey(box);
    YNode recNode = box.get(rKey);
    if (recNode != null && !(recNode instanceof YMap) && !isNull(recNode)) {
      return entry;
    }
    YMap rec = Trees.map(recNode);
    if (box.get(key) instanceof YMap && (rec == null || !rec.has(key))) {
      box = Trees.set(box, key, block.pos(), appendHooks((YMap) box.get(key), block));
    } else {
      if (rec == null) {
        rec = Trees.empty(block.pos(), box.childPath(rKey));
      }
      YNode target = rec.get(key);
      if (target != null && !(target instanceof YMap) && !isNull(target)) {
        return entry;
      }
      YMap t =
          target instanceof YMap ? (YMap) target : Trees.empty(block.pos(), rec.childPath(key));
      rec = Trees.set(rec, key, block.pos(), appendHooks(t, block));
      box = Trees.set(box, rKey, block.pos(), rec);
    }
    return Trees.set(entry, "operatorBox", block.pos(), box);
  }

  private static YMap appendHooks(YMap target, YMap add) {
    for (YEntry e : add.entries()) {
      YNode have = target.get(e.key());
      if (have == null || isNull(have)) {
        target = Trees.set(target, e.key(), e.keyPos(), e.value());
      } else if (have instanceof YSeq && e.value() instanceof YSeq) {
        target =
            Trees.set(target, e.key(), e.keyPos(), Trees.concat((YSeq) have, (YSeq) e.value()));
      }
    }
    return target;
  }

  private YMap addStatus(YMap entry, YMap status) {
    YNode boxNode = entry.get("operatorBox");
    if (boxNode != null && !(boxNode instanceof YMap) && !isNull(boxNode)) {
      return entry;
    }
    YMap box =
        boxNode instanceof YMap
            ? (YMap) boxNode
            : Trees.empty(status.pos(), entry.childPath("operatorBox"));
    YMap emit = Trees.map(box.get("emit"));
    boolean legacy = box.get("status") instanceof YMap && (emit == null || !emit.has("status"));
    YMap target;
    if (legacy) {
      target = (YMap) box.get("status");
    } else {
      if (box.get("emit") != null && emit == null && !isNull(box.get("emit"))) {
        return entry;
      }
      YNode st = emit == null ? null : emit.get("status");
      if (st != null && !(st instanceof YMap) && !isNull(st)) {
        return entry;
      }
      target =
          st instanceof YMap
              ? (YMap) st
              : Trees.empty(status.pos(), box.childPath("emit") + ".status");
    }
    for (String key : List.of("fields", "conditions")) {
      YEntry add = status.entry(key);
      if (add == null || !(add.value() instanceof YSeq)) {
        continue;
      }
      YNode have = target.get(key);
      if (have instanceof YSeq) {
        target =
            Trees.set(target, key, add.keyPos(), Trees.concat((YSeq) have, (YSeq) add.value()));
      } else if (have == null || isNull(have)) {
        target = Trees.set(target, key, add.keyPos(), add.value());
      }
    }
    if (legacy) {
      box = Trees.set(box, "status", status.pos(), target);
    } else {
      YMap e = emit == null ? Trees.empty(status.pos(), box.childPath("emit")) : emit;
      box = Trees.set(box, "emit", status.pos(), Trees.set(e, "status", status.pos(), target));
    }
    return Trees.set(entry, "operatorBox", status.pos(), box);
  }

  private YMap addAdmission(YMap entry, YMap admission) {
    for (YEntry e : admission.entries()) {
      YNode value = e.value() instanceof YMap ? includes.block(e.value()) : e.value();
      YMap adm = Trees.map(entry.get("admission"));
      boolean legacy =
          LEGACY_ADMISSION.contains(e.key())
              && entry.has(e.key())
              && (adm == null || !adm.has(e.key()));
      if (legacy) {
        entry =
            Trees.set(entry, e.key(), e.keyPos(), Trees.merge(entry.get(e.key()), value, false));
        continue;
      }
      if (entry.get("admission") != null && adm == null && !isNull(entry.get("admission"))) {
        return entry;
      }
      YMap a = adm == null ? Trees.empty(admission.pos(), entry.childPath("admission")) : adm;
      YNode have = a.get(e.key());
      a =
          Trees.set(
              a,
              e.key(),
              e.keyPos(),
              have == null || isNull(have) ? value : Trees.merge(have, value, false));
      entry = Trees.set(entry, "admission", admission.pos(), a);
    }
    return entry;
  }

  // ---------------------------------------------------------------- import entries

  private List<Bound> imports(YNode list) {
    if (isNull(list)) {
      return List.of();
    }
    if (!(list instanceof YSeq)) {
      problems.error(
          list.pos(), list.path() + " must be a list of motif imports, got " + list.describe());
      return List.of();
    }
    List<Bound> out = new ArrayList<>();
    for (YNode item : ((YSeq) list).items()) {
      Bound b = importEntry(item);
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }

  private @Nullable Bound importEntry(YNode item) {
    if (!(item instanceof YMap)) {
      problems.error(
          item.pos(),
          item.path()
              + " must be a mapping with motif (and with, version), got "
              + item.describe());
      return null;
    }
    YMap m = (YMap) item;
    for (YEntry e : m.entries()) {
      if (!IMPORT_KEYS.contains(e.key())) {
        problems.error(
            e.keyPos(),
            "unknown key '"
                + e.key()
                + "' in "
                + m.path()
                + Suggestions.didYouMean(e.key(), IMPORT_KEYS));
      }
    }
    YNode ref = m.get("motif");
    if (!(ref instanceof YScalar) || isNull(ref) || ((YScalar) ref).text().isBlank()) {
      problems.error(
          ref == null ? m.pos() : ref.pos(), "missing required key 'motif' in " + m.path());
      return null;
    }
    YNode version = m.get("version");
    String v =
        version instanceof YScalar && !isNull(version) ? ((YScalar) version).text().strip() : null;
    YNode withNode = m.get("with");
    if (withNode != null && !(withNode instanceof YMap) && !isNull(withNode)) {
      problems.error(
          withNode.pos(),
          m.childPath("with") + " must be a mapping of input values, got " + withNode.describe());
      return null;
    }
    boolean oci = m.get("oci") instanceof YScalar && "true".equals(((YScalar) m.get("oci")).text());
    MotifModel motif = locate((YScalar) ref, v, oci);
    if (motif == null || !motif.valid()) {
      return null;
    }
    if (v != null
        && !v.isEmpty()
        && isLocal(motif)
        && !motif.version().equals("latest")
        && !v.equals(motif.version())) {
      problems.error(
          version.pos(),
          "motif '"
              + motif.name()
              + "' in "
              + motif.file()
              + " is version "
              + motif.version()
              + ", the import asks for "
              + v);
      return null;
    }
    return bind(motif, Trees.map(withNode), m);
  }

  /** A local motif's declared version must match a pinned {@code version:}; registry tags do. */
  private boolean isLocal(MotifModel motif) {
    return !registryFiles.contains(motif.file());
  }

  private @Nullable Bound bind(MotifModel motif, @Nullable YMap with, YMap item) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    boolean ok = true;
    if (with != null) {
      List<String> names = motif.inputs().stream().map(MotifInput::name).toList();
      for (YEntry e : with.entries()) {
        MotifInput in = motif.input(e.key()).orElse(null);
        if (in == null) {
          problems.error(
              e.keyPos(),
              "motif '"
                  + motif.name()
                  + "' has no input '"
                  + e.key()
                  + "'"
                  + Suggestions.didYouMean(e.key(), names));
          ok = false;
          continue;
        }
        if (!(e.value() instanceof YScalar)) {
          problems.error(
              e.value().pos(),
              "input '"
                  + e.key()
                  + "' of motif '"
                  + motif.name()
                  + "' must be a scalar, got "
                  + e.value().describe());
          ok = false;
          continue;
        }
        YScalar s = (YScalar) e.value();
        if (s.isNull()) {
          continue;
        }
        JsonNode value = MotifBinder.coerce(in.type(), s);
        if (value == null) {
          problems.error(
              s.pos(),
              "input '"
                  + e.key()
                  + "' of motif '"
                  + motif.name()
                  + "' must be "
                  + MotifBinder.article(in.type())
                  + ", got "
                  + s.describe());
          ok = false;
          continue;
        }
        values.put(e.key(), value);
      }
    }
    for (MotifInput in : motif.inputs()) {
      if (values.containsKey(in.name())) {
        continue;
      }
      if (in.required()) {
        problems.error(
            item.pos(),
            "motif '" + motif.name() + "' requires input '" + in.name() + "' (set it under with:)");
        ok = false;
      } else {
        JsonNode def =
            in.defaultValue() == null ? null : MotifBinder.coerce(in.type(), in.defaultValue());
        values.put(in.name(), def == null ? text("") : def);
      }
    }
    return ok ? new Bound(motif, values) : null;
  }

  // ---------------------------------------------------------------- locating motifs

  private @Nullable MotifModel locate(YScalar ref, @Nullable String version, boolean oci) {
    String r = ref.text().strip();
    if (!oci && !r.startsWith("oci://")) {
      Path local = null;
      try {
        Path p = Path.of(r);
        String declaring = ref.pos().file();
        Path dir = declaring.isEmpty() ? null : Path.of(declaring).getParent();
        local = (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize();
      } catch (InvalidPathException e) {
        if (!looksLikeRegistry(r)) {
          problems.error(ref.pos(), "invalid motif path '" + r + "': " + e.getReason());
          return null;
        }
      }
      if (local != null && (Files.exists(local) || !looksLikeRegistry(r))) {
        if (Files.isDirectory(local)) {
          Path f = local.resolve("motif.yaml");
          if (!Files.isRegularFile(f)) {
            problems.error(
                ref.pos(), "motif directory " + SourceFiles.display(local) + " has no motif.yaml");
            return null;
          }
          local = f;
        } else if (!Files.isRegularFile(local)) {
          problems.error(ref.pos(), "motif file not found: " + SourceFiles.display(local));
          return null;
        }
        return cached(local);
      }
    }
    return registry(ref, r, version);
  }

  private @Nullable MotifModel registry(YScalar refNode, String ref, @Nullable String version) {
    if (version != null && !version.isEmpty() && !hasTagOrDigest(ref)) {
      ref = ref + ":" + version;
    }
    KatalogResolver resolver = options.resolver();
    if (resolver == null) {
      problems.error(
          refNode.pos(), "motif import " + ref + " needs a registry resolver (none configured)");
      return null;
    }
    Path dir;
    try {
      dir =
          resolver.resolve(ref, KatalogResolver.ArtifactType.MOTIF).block(options.resolveTimeout());
    } catch (RuntimeException e) {
      problems.error(refNode.pos(), "cannot resolve motif import " + ref + ": " + message(e));
      return null;
    }
    if (dir == null) {
      problems.error(
          refNode.pos(), "cannot resolve motif import " + ref + ": resolver returned nothing");
      return null;
    }
    Path file = dir.resolve("motif.yaml");
    if (!Files.isRegularFile(file)) {
      problems.error(refNode.pos(), "motif import " + ref + " has no motif.yaml");
      return null;
    }
    registryFiles.add(SourceFiles.display(file));
    return cached(file);
  }

  private @Nullable MotifModel cached(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Optional<MotifModel> hit = cache.get(key);
    if (hit == null) {
      hit = Optional.ofNullable(read(file, problems));
      cache.put(key, hit);
    }
    return hit.orElse(null);
  }

  /** {@code oci://…}, {@code name:tag}, {@code name@digest} or {@code host.name/repo…}. */
  private static boolean looksLikeRegistry(String ref) {
    if (ref.startsWith("oci://")) {
      return true;
    }
    if (ref.startsWith(".")
        || ref.startsWith("/")
        || ref.endsWith(".yaml")
        || ref.endsWith(".yml")) {
      return false;
    }
    if (hasTagOrDigest(ref)) {
      return true;
    }
    int slash = ref.indexOf('/');
    String first = slash < 0 ? "" : ref.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost");
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

  // ---------------------------------------------------------------- substitution (§3.3)

  private YNode substitute(YNode n, Bound b) {
    if (n instanceof YMap) {
      YMap m = (YMap) n;
      List<YEntry> out = new ArrayList<>();
      for (YEntry e : m.entries()) {
        out.add(new YEntry(e.key(), e.keyPos(), substitute(e.value(), b)));
      }
      return new YMap(m.pos(), m.path(), out);
    }
    if (n instanceof YSeq) {
      YSeq s = (YSeq) n;
      List<YNode> out = new ArrayList<>();
      s.items().forEach(i -> out.add(substitute(i, b)));
      return new YSeq(s.pos(), s.path(), out);
    }
    YScalar s = (YScalar) n;
    if (!s.value().isTextual() || !s.text().contains("{{")) {
      return s;
    }
    String text = s.text();
    Matcher whole = MotifBinder.INPUT_ACTION.matcher(text.strip());
    if (whole.matches()) {
      JsonNode v = b.values().get(name(whole));
      if (v != null && !v.isTextual()) {
        return YScalar.derived(s, v, v.asText()); // pass 1b: typed inputs become typed scalars
      }
    }
    Matcher m = MotifBinder.INPUT_ACTION.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      JsonNode v = b.values().get(name(m));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v.asText()));
    }
    m.appendTail(sb);
    String after = inlineRemaining(sb.toString(), b);
    return after.equals(text) ? s : YScalar.derived(s, text(after), after);
  }

  /**
   * Pass 2: in an action that still mentions {@code inputs} (a pipeline, a condition, a function
   * argument), each input reference is replaced by a template literal of its bound value, so the
   * action keeps its structure and runs at reconcile time with the other data.
   */
  private static String inlineRemaining(String text, Bound b) {
    Matcher m = ACTION.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String body = m.group(1);
      Matcher ref = MotifBinder.INPUT_MENTION.matcher(body);
      StringBuilder nb = new StringBuilder();
      while (ref.find()) {
        JsonNode v = b.values().get(name(ref));
        ref.appendReplacement(nb, Matcher.quoteReplacement(v == null ? ref.group() : literal(v)));
      }
      ref.appendTail(nb);
      m.appendReplacement(sb, Matcher.quoteReplacement("{{" + nb + "}}"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** A template literal: numbers and booleans as written, text as a Go string. */
  private static String literal(JsonNode v) {
    if (!v.isTextual()) {
      return v.asText();
    }
    String s = v.asText();
    if (s.indexOf('`') < 0) {
      return "`" + s + "`";
    }
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> q.append(c);
      }
    }
    return q.append('"').toString();
  }

  private static String name(Matcher m) {
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static JsonNode text(String s) {
    return JsonNodeFactory.instance.textNode(s);
  }

  private static boolean isNull(YNode n) {
    return n instanceof YScalar && ((YScalar) n).isNull();
  }
}

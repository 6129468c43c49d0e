package io.orkestra.katalog.internal.load;

import io.orkestra.katalog.internal.support.Problems;
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
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Expands {@code include:} (spec §3.4) in the blocks that support it: top-level {@code profiles},
 * {@code gateway.api.auth}, {@code gateway.webhooks}, {@code gateway.clusters}, and in each CRD
 * entry {@code validation}, {@code mutation}, {@code admission.validation}, {@code
 * admission.mutation}, {@code serve}, {@code operatorBox.observe}, {@code operatorBox.reconcile}
 * (legacy {@code reconciler}), {@code operatorBox.emit.status} (legacy {@code operatorBox.status}).
 *
 * <p>{@code include} is a path or a list of paths, relative to the file that declares it. An
 * included file holds the block's content, either directly or under a single key naming the block
 * (such as {@code reconciler:} for a reconcile include, {@code status:}, {@code observe:}); it may
 * include further files. Included content comes first and the inline block is merged over it:
 * mappings key by key (inline wins), lists appended after the included items. A profile name that
 * both an included file and the inline block define in the same class is an error. The {@code
 * include} key is removed. A file that includes itself, directly or through others, is refused with
 * the chain of files; a missing file is an error at the {@code include} value.
 *
 * <p>Positions: included values keep the positions of the included file.
 */
final class Includes {

  private static final List<String> TOP_LEVEL =
      List.of("profiles", "gateway.api.auth", "gateway.webhooks", "gateway.clusters");
  private static final List<String> CRD_LEVEL =
      List.of(
          "validation",
          "mutation",
          "admission.validation",
          "admission.mutation",
          "serve",
          "operatorBox.observe",
          "operatorBox.reconcile",
          "operatorBox.reconciler",
          "operatorBox.emit.status",
          "operatorBox.status");

  private final Problems problems;

  Includes(Problems problems) {
    this.problems = problems;
  }

  /** A file on the include chain: absolute path for comparison, display name for messages. */
  private record Link(Path abs, String display) {}

  /**
   * Expands every supported {@code include:} of a Katalog tree.
   *
   * @param root the Katalog document
   * @return the tree with includes merged in
   */
  YMap katalog(YMap root) {
    for (String path : TOP_LEVEL) {
      root = at(root, path.split("\\."), 0);
    }
    YMap spec = Trees.map(root.get("spec"));
    YMap crds = spec == null ? null : Trees.map(spec.get("crds"));
    if (crds == null) {
      return root;
    }
    List<YEntry> out = new ArrayList<>();
    for (YEntry e : crds.entries()) {
      YNode v = e.value();
      if (v instanceof YMap) {
        YMap entry = (YMap) v;
        for (String path : CRD_LEVEL) {
          entry = at(entry, path.split("\\."), 0);
        }
        v = entry;
      }
      out.add(new YEntry(e.key(), e.keyPos(), v));
    }
    YMap newSpec = Trees.set(spec, "crds", crds.pos(), new YMap(crds.pos(), crds.path(), out));
    return Trees.set(root, "spec", spec.pos(), newSpec);
  }

  private YMap at(YMap m, String[] parts, int i) {
    YEntry e = m.entry(parts[i]);
    if (e == null || !(e.value() instanceof YMap)) {
      return m;
    }
    YNode child = i == parts.length - 1 ? block(e.value()) : at((YMap) e.value(), parts, i + 1);
    return child == e.value() ? m : Trees.set(m, parts[i], e.keyPos(), child);
  }

  /**
   * Expands the {@code include} of one block, if it has one.
   *
   * @param node the block as written
   * @return the block with its includes merged in, or {@code node} itself without {@code include}
   */
  YNode block(YNode node) {
    if (!(node instanceof YMap) || !((YMap) node).has("include")) {
      return node;
    }
    List<Link> chain = new ArrayList<>();
    String declaring = node.pos().file();
    if (!declaring.isEmpty()) {
      try {
        chain.add(new Link(Path.of(declaring).toAbsolutePath().normalize(), declaring));
      } catch (InvalidPathException e) {
        // a display name that is no path: no cycle can run through it
      }
    }
    return block((YMap) node, chain, lastKey(node.path()));
  }

  private YNode block(YMap m, List<Link> chain, String block) {
    YEntry inc = m.entry("include");
    if (inc == null) {
      return m;
    }
    YMap inline = Trees.remove(m, "include");
    List<YScalar> refs = new ArrayList<>();
    if (inc.value() instanceof YScalar && !((YScalar) inc.value()).isNull()) {
      refs.add((YScalar) inc.value());
    } else if (inc.value() instanceof YSeq) {
      for (YNode item : ((YSeq) inc.value()).items()) {
        if (item instanceof YScalar && !((YScalar) item).isNull()) {
          refs.add((YScalar) item);
        } else {
          problems.error(item.pos(), item.path() + " must be a file path, got " + item.describe());
        }
      }
    } else {
      problems.error(
          inc.value().pos(),
          m.childPath("include")
              + " must be a file path or a list of paths, got "
              + inc.value().describe());
    }
    YNode included = null;
    for (YScalar ref : refs) {
      YNode content = load(ref, block, chain);
      if (content != null) {
        included = included == null ? content : Trees.merge(included, content, true);
      }
    }
    if (included == null) {
      return inline;
    }
    if (!(included instanceof YMap)) {
      if (inline.size() == 0) {
        return included;
      }
      problems.error(
          inc.keyPos(),
          "included content for "
              + m.path()
              + " is "
              + included.describe()
              + " and cannot be merged with the inline keys");
      return inline;
    }
    if (block.equals("profiles")) {
      duplicateProfiles((YMap) included, inline);
    }
    YMap merged = (YMap) Trees.merge(included, inline, true);
    List<YEntry> entries = new ArrayList<>();
    merged.entries().forEach(entries::add);
    return new YMap(inline.pos(), inline.path(), entries);
  }

  private void duplicateProfiles(YMap included, YMap inline) {
    for (YEntry cls : inline.entries()) {
      if (included.get(cls.key()) instanceof YMap && cls.value() instanceof YMap) {
        YMap have = (YMap) included.get(cls.key());
        for (YEntry p : ((YMap) cls.value()).entries()) {
          YEntry dup = have.entry(p.key());
          if (dup != null) {
            problems.error(
                p.keyPos(),
                "profile '"
                    + p.key()
                    + "' in profiles."
                    + cls.key()
                    + " is already defined in an included file at "
                    + dup.keyPos());
          }
        }
      }
    }
  }

  private @Nullable YNode load(YScalar ref, String block, List<Link> chain) {
    Path path;
    try {
      Path p = Path.of(ref.text().strip());
      String declaring = ref.pos().file();
      Path dir = declaring.isEmpty() ? null : Path.of(declaring).getParent();
      path = (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      problems.error(ref.pos(), "invalid include path '" + ref.text() + "': " + e.getReason());
      return null;
    }
    String display = SourceFiles.display(path);
    Path abs = path.toAbsolutePath().normalize();
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).abs().equals(abs)) {
        StringBuilder msg = new StringBuilder("include cycle: ");
        for (Link l : chain.subList(i, chain.size())) {
          msg.append(l.display()).append(" -> ");
        }
        problems.error(ref.pos(), msg.append(display).toString());
        return null;
      }
    }
    if (!Files.isRegularFile(path)) {
      problems.error(
          ref.pos(),
          (Files.isDirectory(path)
                  ? "include is a directory, expected a file: "
                  : "include file not found: ")
              + display);
      return null;
    }
    String text = SourceFiles.read(path, "include file", problems);
    if (text == null) {
      return null;
    }
    int before = problems.count();
    List<YNode> docs = YamlReader.readAll(display, text, problems);
    if (docs.isEmpty()) {
      if (problems.count() == before) {
        problems.error(ref.pos(), "include file " + display + " is empty");
      }
      return null;
    }
    YNode doc = docs.get(0);
    if (doc instanceof YMap) {
      YMap d = (YMap) doc;
      for (String key : wrappers(block)) {
        if (d.has(key)) {
          doc = d.get(key);
          break;
        }
      }
    }
    if (!(doc instanceof YMap)) {
      return doc;
    }
    chain.add(new Link(abs, display));
    try {
      return block((YMap) doc, chain, block);
    } finally {
      chain.remove(chain.size() - 1);
    }
  }

  private static List<String> wrappers(String block) {
    if (block.equals("reconcile") || block.equals("reconciler")) {
      return List.of("reconciler", "reconcile");
    }
    return List.of(block);
  }

  private static String lastKey(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}

package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.IndexEntry;
import io.orkestra.oci.MirrorEndpoint;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciResolver;
import io.orkestra.oci.PatternIndex;
import io.orkestra.oci.PushResult;
import io.orkestra.oci.RegistryMirrors;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ork registry mirror SRC DEST}: copies artifacts into a private registry for air-gapped
 * clusters, unchanged (same manifests, same digests), laid out as {@code DEST/<upstream
 * repository>:<tag>} so that a mirror setting {@code UPSTREAM_HOST=DEST} finds them.
 *
 * <p>SRC is a Komposer file (every {@code imports.registry} entry and registry motif import), a
 * namespace index ({@code HOST/NAMESPACE/index:latest}: the index itself and every tag of every
 * entry) or one reference. The registry motif imports of copied patterns are copied too.
 * Blobs the destination has are not copied again. Progress shows on a terminal only; a summary
 * line is printed at the end. Exit code 2 when an artifact could not be copied.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = {"Copy patterns and motifs into another registry, unchanged, as DEST/<repository>:<tag>.",
        "SRC: a Komposer file (its registry and motif imports), HOST/NAMESPACE/index:latest (every entry and tag)"
            + " or a reference; motif imports of copied patterns follow.",
        "DEST: host[:port][/prefix] (http://… for a plain-HTTP registry). Then pull through it with",
        "ORK_REGISTRY_MIRRORS=<upstream host>=DEST (or --mirror), adding --mirror-only for air-gapped use."})
public final class RegistryMirrorCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
  @Mixin RegistryCommand.Connection connection;

  @Parameters(index = "0", paramLabel = "SRC", description = "Komposer file, HOST/NAMESPACE/index:latest, or a reference.")
  String source;

  @Parameters(index = "1", paramLabel = "DEST", description = "host[:port][/prefix] of the private registry.")
  String dest;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MirrorEndpoint target;
    try {
      target = MirrorEndpoint.parse(dest);
    } catch (IllegalArgumentException e) {
      throw new OrkestraException("DEST: " + e.getMessage());
    }
    List<Item> roots = new ArrayList<>();
    boolean namespace = false;
    Path file = Path.of(source);
    if (Files.isRegularFile(file)) {
      try {
        for (RegistryLockCommand.Import imp : RegistryLockCommand.imports(file)) {
          roots.add(new Item(parse(imp.reference(), imp.where(), ArtifactKind.PATTERN), ArtifactKind.PATTERN));
        }
        for (String motif : motifImports(file)) {
          roots.add(new Item(parse(motif, file + ": motif import", ArtifactKind.MOTIF), ArtifactKind.MOTIF));
        }
      } catch (KatalogException e) {
        e.diagnostics().stream().map(Diagnostic::toString).forEach(err::println);
        err.flush();
        return 2;
      }
      if (roots.isEmpty()) {
        out.println(file + " has no registry imports; nothing to mirror");
        return 0;
      }
    } else {
      OciReference r = parse(source, "SRC", connection.kind());
      namespace = r.repository().equals(PatternIndex.REPOSITORY) || r.repository().endsWith("/" + PatternIndex.REPOSITORY);
      roots.add(new Item(r, connection.kind()));
    }
    Set<String> registries = new LinkedHashSet<>();
    roots.forEach(r -> registries.add(r.ref().registry()));
    registries.add(target.host());
    OciOptions options = connection.options(registries);
    if (target.plainHttp()) {
      // the destination asked for http://; the resolver's per-host plain-HTTP switch is the mirror table
      options = options.withMirrors(new RegistryMirrors(Map.of(target.host(), List.of(target)), false));
    }
    boolean index = namespace;
    List<String> errors = new ArrayList<>();
    int[] totals = new int[3]; // artifacts, blobs copied, blobs present
    RegistryCommand.withRegistry(options, reg -> {
      List<Item> all = new ArrayList<>();
      if (index) {
        OciReference idx = roots.get(0).ref();
        String ns = idx.repository().equals(PatternIndex.REPOSITORY) ? ""
            : idx.repository().substring(0, idx.repository().length() - PatternIndex.REPOSITORY.length() - 1);
        PatternIndex found = reg.readIndex(idx.registry(), ns).block(TIMEOUT);
        if (found == null) {
          throw new OrkestraException("no index at " + idx + " (push a pattern with the index enabled first)");
        }
        for (IndexEntry e : found.entries()) {
          String repo = ns.isEmpty() ? e.name() : ns + "/" + e.name();
          for (String tag : reg.listTags(idx.registry(), repo).collectList().block(TIMEOUT)) {
            all.add(new Item(new OciReference(idx.registry(), repo, tag, null), null));
          }
        }
        all.add(new Item(new OciReference(idx.registry(), PatternIndex.repositoryOf(ns), PatternIndex.TAG, null), null));
      } else {
        all.addAll(roots);
      }
      try (ProgressLine progress = ProgressLine.forTerminal("mirroring", err)) {
        Set<OciReference> seen = new java.util.HashSet<>();
        while (!all.isEmpty()) {
          Item item = all.remove(0);
          OciReference from = item.ref();
          if (!seen.add(from)) {
            continue;
          }
          OciReference to = target.locate(from);
          try {
            PushResult r = reg.copy(from, to, progress).block(TIMEOUT);
            totals[0]++;
            totals[1] += r.blobsUploaded();
            totals[2] += r.blobsSkipped();
            out.println((r.manifestWritten() ? "copied " : "unchanged ") + from + " -> " + to + "@" + r.digest()
                + " (" + r.blobsUploaded() + " blobs copied, " + r.blobsSkipped() + " already present)");
            out.flush();
            if (item.kind() == ArtifactKind.PATTERN) {
              // follow the pattern's registry motif imports (read from the cached copy)
              Path dir = reg.pull(from, null).block(TIMEOUT).directory();
              for (String name : List.of("katalog.yaml", "komposer.yaml")) {
                if (Files.isRegularFile(dir.resolve(name))) {
                  for (String motif : motifImports(dir.resolve(name))) {
                    all.add(new Item(parse(motif, from + ": motif import", ArtifactKind.MOTIF), ArtifactKind.MOTIF));
                  }
                }
              }
            }
          } catch (RuntimeException e) {
            errors.add("error: cannot mirror " + from + " to " + to + ": " + e.getMessage());
          }
        }
      }
      return null;
    });
    errors.forEach(err::println);
    out.println("mirrored " + totals[0] + " artifact" + (totals[0] == 1 ? "" : "s") + " to " + target + ": "
        + totals[1] + " blobs copied, " + totals[2] + " already present" + (errors.isEmpty() ? "" : ", " + errors.size()
        + " failed"));
    out.flush();
    err.flush();
    return errors.isEmpty() ? 0 : 2;
  }

  /** One artifact to copy; {@code kind} is set when its motif imports are to be followed. */
  private record Item(OciReference ref, @Nullable ArtifactKind kind) {}

  /**
   * The registry motif references a Katalog or Komposer imports ({@code spec.imports}, {@code
   * spec.crds.*.imports} and {@code spec.crds.*.operatorBox.reconcile.imports}); local files
   * ({@code ./…}, {@code /…}) are left out.
   */
  static List<String> motifImports(Path file) {
    List<String> out = new ArrayList<>();
    for (JsonNode doc : KatalogInterpreter.readManifests(file)) {
      JsonNode spec = doc.path("spec");
      List<JsonNode> lists = new ArrayList<>();
      lists.add(spec.path("imports"));
      spec.path("crds").forEach(crd -> {
        lists.add(crd.path("imports"));
        lists.add(crd.path("operatorBox").path("reconcile").path("imports"));
      });
      for (JsonNode list : lists) {
        for (JsonNode imp : list) {
          String ref = imp.path("motif").asText("").strip();
          if (!ref.isEmpty() && !ref.startsWith(".") && !ref.startsWith("/")) {
            out.add(ref);
          }
        }
      }
    }
    return out;
  }

  /** Komposer rules ({@code url@v14} is a tag), so a reference pasted from a Komposer works too. */
  private OciReference parse(String text, String where, ArtifactKind kind) {
    try {
      return OciResolver.parseReference(text, kind, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new OrkestraException(where + ": " + e.getMessage());
    }
  }
}

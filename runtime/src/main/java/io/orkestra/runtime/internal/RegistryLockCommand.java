package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciRegistry;
import io.orkestra.oci.OciResolver;
import io.orkestra.oci.PulledArtifact;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ork registry lock [-f KOMPOSER] [--update]}: pins every registry import of a Komposer in
 * the {@code orkestra.lock} next to it.
 *
 * <p>Each {@code imports.registry} entry (a reference string, or {@code {url, version}}) is
 * resolved against the registry (the cache does not stand in: the point is to ask the registry
 * what the tag means now) and its manifest digest is recorded. An entry that the lock already
 * pins to another digest is an error unless {@code --update} moves it. Imports with {@code
 * useKomposer: true} are followed: the imports of the artifact's {@code komposer.yaml} are locked
 * too. Entries of the lock that no import uses any more are kept.
 */
@Command(name = "lock", mixinStandardHelpOptions = true,
    description = {"Resolve every registry import of a Komposer and pin its digest in orkestra.lock next to it.",
        "A tag that now points at another digest than the lock says is an error unless --update."})
public final class RegistryLockCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
  @Mixin RegistryCommand.Connection connection;

  @Option(names = {"-f", "--file"}, paramLabel = "KOMPOSER", defaultValue = "komposer.yaml",
      description = "The Komposer (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(names = "--update", description = "Move lock entries to the digests the registry serves now.")
  boolean update;

  /** One registry import: the reference to resolve and where it was written. */
  record Import(String reference, String where, boolean useKomposer) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      throw new OrkestraException("Komposer not found: " + file);
    }
    Path lock = file.toAbsolutePath().getParent().resolve("orkestra.lock");
    List<Import> first;
    try {
      first = imports(file);
    } catch (KatalogException e) {
      e.diagnostics().stream().map(Diagnostic::toString).forEach(err::println);
      err.flush();
      return 2;
    }
    if (first.isEmpty()) {
      out.println(file + " has no registry imports; nothing to lock");
      return 0;
    }
    Set<String> registries = new LinkedHashSet<>();
    for (Import i : first) {
      registries.add(parse(i).registry());
    }
    OciOptions options = connection.options(registries).withLockFile(lock).withUpdateLock(update).withRefresh(true)
        .withDefaultKind(ArtifactKind.PATTERN);
    List<String> errors = new ArrayList<>();
    int locked = RegistryCommand.withRegistry(options, reg -> lockAll(reg, lock, first, out, errors));
    errors.forEach(err::println);
    out.println("orkestra.lock: " + locked + " registry import" + (locked == 1 ? "" : "s") + " pinned in " + lock);
    out.flush();
    err.flush();
    return errors.isEmpty() ? 0 : 2;
  }

  private int lockAll(OciRegistry reg, Path lock, List<Import> first, PrintWriter out, List<String> errors) {
    List<Import> queue = new ArrayList<>(first);
    Set<String> seen = new HashSet<>();
    int locked = 0;
    while (!queue.isEmpty()) {
      Import imp = queue.remove(0);
      OciReference ref;
      try {
        ref = parse(imp);
      } catch (OrkestraException e) {
        errors.add(imp.where() + ": " + e.getMessage());
        continue;
      }
      if (!seen.add(ref + (imp.useKomposer() ? " +komposer" : ""))) {
        continue;
      }
      // the CLI's main thread: blocking on the lock file and on the registry is fine here
      Optional<String> before = OciResolver.lockedDigest(lock, ref);
      PulledArtifact a;
      try {
        a = reg.pull(ref, null).block(TIMEOUT);
      } catch (RuntimeException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        errors.add(imp.where() + ": " + msg + (msg.contains("digest mismatch") ? "; run ork registry lock --update to"
            + " accept it" : ""));
        continue;
      }
      locked++;
      String state = before.isEmpty() ? "new" : before.get().equals(a.digest()) ? "unchanged" : "moved from " + before.get();
      out.println("locked " + ref + " " + a.digest() + " (" + state + ")");
      if (imp.useKomposer()) {
        Path komposer = a.directory().resolve("komposer.yaml");
        if (!Files.isRegularFile(komposer)) {
          errors.add(imp.where() + ": " + ref + " has no komposer.yaml (useKomposer: true)");
          continue;
        }
        try {
          queue.addAll(imports(komposer));
        } catch (KatalogException e) {
          e.diagnostics().forEach(d -> errors.add(d.toString()));
        }
      }
    }
    return locked;
  }

  private OciReference parse(Import imp) {
    try {
      // the Komposer's rules, not the CLI's: url@v7 is a tag here
      return OciResolver.parseReference(imp.reference(), ArtifactKind.PATTERN, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new OrkestraException(e.getMessage());
    }
  }

  /**
   * The registry imports of a Komposer file, as the Komposer loader reads them: a string, or a
   * mapping with {@code url} and optional {@code version} (ignored when the url has a tag or
   * digest) and {@code useKomposer}. Git forms are refused as the loader refuses them.
   *
   * @throws KatalogException when the file is not YAML
   */
  static List<Import> imports(Path komposer) {
    List<ObjectNode> docs = KatalogInterpreter.readManifests(komposer);
    List<Import> out = new ArrayList<>();
    if (docs.isEmpty()) {
      return out;
    }
    JsonNode registry = docs.get(0).path("imports").path("registry");
    int i = 0;
    for (JsonNode item : registry) {
      String where = komposer + ": imports.registry[" + i++ + "]";
      String ref;
      boolean useKomposer = false;
      if (item.isTextual()) {
        ref = item.asText().strip();
      } else if (item.isObject() && item.path("url").isTextual()) {
        ref = item.get("url").asText().strip();
        useKomposer = item.path("useKomposer").asBoolean(false);
        if (item.path("oci").isBoolean() && !item.path("oci").asBoolean()) {
          throw new KatalogException(List.of(new Diagnostic(komposer.toString(), 0, 0,
              where + ": git registry imports (oci: false) cannot be locked; publish the pattern as an OCI artifact")));
        }
        String version = item.path("version").asText("").strip();
        if (!version.isEmpty() && !hasTagOrDigest(ref)) {
          ref = ref + ":" + version;
        }
      } else {
        throw new KatalogException(List.of(new Diagnostic(komposer.toString(), 0, 0,
            where + " must be a reference string or a mapping with url")));
      }
      if (ref.startsWith("http://") || ref.startsWith("https://") || ref.startsWith("git@")) {
        throw new KatalogException(List.of(new Diagnostic(komposer.toString(), 0, 0,
            where + ": git registry imports cannot be locked (" + ref + ")")));
      }
      out.add(new Import(ref, where, useKomposer));
    }
    return out;
  }

  private static boolean hasTagOrDigest(String ref) {
    String r = ref.startsWith("oci://") ? ref.substring(6) : ref;
    int slash = r.lastIndexOf('/');
    return r.indexOf('@', slash + 1) >= 0 || r.indexOf(':', slash + 1) >= 0;
  }
}

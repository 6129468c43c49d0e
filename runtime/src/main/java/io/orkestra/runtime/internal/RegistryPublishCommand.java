package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.PatternIndex;
import io.orkestra.oci.PushResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ork registry publish DIR}: pushes every motif ({@code DIR/motifs/<name>/motif.yaml}) and
 * pattern ({@code DIR/patterns/<name>/katalog.yaml}) of a registry tree, in one process (what
 * {@code registry/publish} runs).
 *
 * <p>Repositories, below {@code REGISTRY/NAMESPACE}: a pattern goes to {@code <name>} (what
 * Komposers import, e.g. {@code …/orkestra-registry/postgres@v14}) and to {@code
 * patterns/katalogs/<name>} (where short pattern names resolve); a motif goes to {@code
 * patterns/motifs/<name>} (where short motif names resolve). Tags: {@code vX.Y.Z} from {@code
 * metadata.version}, {@code vX.Y}, {@code vX}, and for a pattern with {@code
 * metadata.projects.registry.engineMajor: N} also {@code vN}. All tags of one repository hold the
 * same manifest; the {@code vX.Y.Z} push updates the namespace index.
 *
 * <p>Everything is validated before anything is pushed (exit 2 when any directory is invalid).
 * Re-publishing unchanged content uploads no blob and writes no manifest: the push compares the
 * manifest with what the tag holds (the creation time aside), and blobs the registry has are not
 * sent.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {"Push every motif and pattern of a registry tree (DIR/motifs/*, DIR/patterns/*) with version,"
        + " minor, major and engine-major tags, and update the namespace indexes."})
public final class RegistryPublishCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Registry source tree (e.g. registry).")
  Path dir;

  @Option(names = "--registry", paramLabel = "HOST[:PORT]", defaultValue = "ghcr.io",
      description = "Registry to push to (default: ${DEFAULT-VALUE}).")
  String registry;

  @Option(names = "--namespace", paramLabel = "PATH", defaultValue = "orkspace/orkestra-registry",
      description = "Repository prefix (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--plain-http", description = "Use plain HTTP (always used for 127.0.0.1 and localhost).")
  boolean plainHttp;

  @Option(names = "--dry-run", description = "Validate and print what would be pushed; push nothing.")
  boolean dryRun;

  /** One artifact to publish: its directory, kind, version and the repositories and tags it goes to. */
  record Artifact(Path dir, ArtifactKind kind, String version, List<String> repositories, List<String> tags) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Artifact> artifacts = plan(dir, namespace);
    if (artifacts.isEmpty()) {
      throw new OrkestraException(dir + " has no motifs/*/motif.yaml nor patterns/*/katalog.yaml");
    }
    OciOptions options = OciOptions.defaults().withPlainHttp(plainHttp);
    return RegistryCommand.withRegistry(options, reg -> {
      List<String> problems = new ArrayList<>();
      for (Artifact a : artifacts) {
        problems.addAll(PushChecks.validate(a.dir(), a.kind(), reg));
      }
      if (!problems.isEmpty()) {
        problems.forEach(err::println);
        err.println("error: the registry tree is not valid; nothing was pushed");
        err.flush();
        return 2;
      }
      if (dryRun) {
        for (Artifact a : artifacts) {
          for (String repo : a.repositories()) {
            out.println("would push " + a.dir() + " -> " + registry + "/" + repo + ":" + String.join(",", a.tags()));
          }
        }
        out.println("publish: dry run, " + artifacts.size() + " artifacts valid, nothing pushed");
        out.flush();
        return 0;
      }
      // one creation time for the run: every tag and both repositories of an artifact get one manifest
      String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      int uploaded = 0;
      int present = 0;
      int written = 0;
      for (Artifact a : artifacts) {
        PushChecks.Metadata meta = PushChecks.metadata(PushChecks.primaryFile(a.dir(), a.kind()));
        Map<String, String> annotations = new LinkedHashMap<>(PushChecks.annotations(meta));
        annotations.put("io.orkestra.pattern.version", a.tags().get(0));
        annotations.put("org.opencontainers.image.version", a.tags().get(0));
        annotations.put("org.opencontainers.image.created", created);
        for (String repo : a.repositories()) {
          for (String tag : a.tags()) {
            OciReference ref = new OciReference(registry, repo, tag, null);
            PushResult result = reg.push(ref, a.dir(), a.kind(), annotations).block(TIMEOUT);
            RegistryCommand.printPush(out, result);
            uploaded += result.blobsUploaded();
            present += result.blobsSkipped();
            written += result.manifestWritten() ? 1 : 0;
          }
          OciReference versioned = new OciReference(registry, repo, a.tags().get(0), null);
          try {
            PatternIndex index = reg.updateIndex(versioned).block(TIMEOUT);
            out.println("indexed in " + registry + "/" + PatternIndex.repositoryOf(index.namespace()) + ":"
                + PatternIndex.TAG + " (" + index.entries().size() + " entries)");
          } catch (RuntimeException e) {
            err.println("warning: " + versioned + " pushed, but its namespace index was not updated: " + e.getMessage());
          }
        }
      }
      out.println("publish: " + artifacts.size() + " artifacts to " + registry + "/" + namespace + ", "
          + written + " manifests written, " + uploaded + " blobs uploaded, " + present + " already present");
      out.flush();
      err.flush();
      return 0;
    });
  }

  /**
   * What a registry tree publishes, motifs first (a pattern may import them), each sorted by name.
   *
   * @param root the tree
   * @param namespace repository prefix
   * @return the artifacts
   */
  static List<Artifact> plan(Path root, String namespace) {
    List<Artifact> out = new ArrayList<>();
    for (Path d : dirs(root.resolve("motifs"), "motif.yaml")) {
      String name = d.getFileName().toString();
      String version = version(d.resolve("motif.yaml"));
      out.add(new Artifact(d, ArtifactKind.MOTIF, version,
          List.of(namespace + "/patterns/motifs/" + name), tags(version, null)));
    }
    for (Path d : dirs(root.resolve("patterns"), "katalog.yaml")) {
      String name = d.getFileName().toString();
      Path katalog = d.resolve("katalog.yaml");
      String version = version(katalog);
      out.add(new Artifact(d, ArtifactKind.PATTERN, version,
          List.of(namespace + "/" + name, namespace + "/patterns/katalogs/" + name),
          tags(version, RegistryCatalogueCommand.engineMajor(katalog))));
    }
    return out;
  }

  /**
   * {@code vX.Y.Z}, {@code vX.Y}, {@code vX} and, when given and different, {@code v<engineMajor>}.
   *
   * @param version {@code X.Y.Z} (a leading {@code v} is allowed)
   * @param engineMajor the engine's major version, or null
   * @return the tags, the full version first
   */
  static List<String> tags(String version, @Nullable String engineMajor) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    String[] parts = v.split("\\.");
    if (parts.length != 3 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
      throw new OrkestraException("metadata.version must be X.Y.Z to be published, got '" + version + "'");
    }
    List<String> tags = new ArrayList<>(List.of("v" + v, "v" + parts[0] + "." + parts[1], "v" + parts[0]));
    if (engineMajor != null && !tags.contains("v" + engineMajor)) {
      tags.add("v" + engineMajor);
    }
    return tags;
  }

  private static String version(Path primary) {
    String v = PushChecks.metadata(primary).version();
    if (v == null || v.isBlank()) {
      throw new OrkestraException(primary + ": metadata.version is required to publish");
    }
    return v.strip();
  }

  private static List<Path> dirs(Path parent, String file) {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(d -> Files.isRegularFile(d.resolve(file))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

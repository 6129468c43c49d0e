package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.Motif;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ork registry catalogue DIR}: the Markdown catalogue of a registry source tree ({@code
 * DIR/patterns/<name>/katalog.yaml}, {@code DIR/motifs/<name>/motif.yaml}), built from each
 * artifact's {@code metadata} (name, version, description, tags), its CRDs or inputs, and the
 * references {@code registry/publish} pushes it under. The output is deterministic (sorted by name,
 * no timestamp), so a committed page can be checked against a fresh one.
 */
@Command(
    name = "catalogue",
    mixinStandardHelpOptions = true,
    description = "Write the Markdown catalogue of a registry tree (DIR/patterns/*, DIR/motifs/*) from their metadata.")
public final class RegistryCatalogueCommand implements Callable<Integer> {

  /** Where {@code registry/publish} pushes by default. */
  static final String DEFAULT_NAMESPACE = "ghcr.io/orkspace/orkestra-registry";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Registry source tree (e.g. registry).")
  Path dir;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  @Nullable Path output;

  @Override
  public Integer call() {
    String page = render(dir);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(page);
      out.flush();
      return 0;
    }
    Path target = output;
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(target, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OrkestraException("cannot write " + target + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println("wrote " + target);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * The catalogue page of a registry tree.
   *
   * @param root the tree ({@code patterns/} and {@code motifs/} below it)
   * @return Markdown
   */
  static String render(Path root) {
    List<Path> patterns = children(root.resolve("patterns"), "katalog.yaml");
    List<Path> motifs = children(root.resolve("motifs"), "motif.yaml");
    if (patterns.isEmpty() && motifs.isEmpty()) {
      throw new OrkestraException(root + " has no patterns/*/katalog.yaml nor motifs/*/motif.yaml");
    }
    StringBuilder md = new StringBuilder();
    md.append("# Registry catalogue\n\n");
    md.append("<!-- Generated from the metadata of registry/patterns and registry/motifs by\n");
    md.append("     `registry/publish --catalogue` (`ork registry catalogue registry -o docs/catalogue.md`).\n");
    md.append("     Do not edit by hand: RegistryContentTest fails when this page is out of date. -->\n\n");
    md.append("Patterns and motifs published by `registry/publish` under `").append(DEFAULT_NAMESPACE)
        .append("`. Every artifact is tagged `vX.Y.Z`, `vX.Y` and `vX`; data-service patterns also carry")
        .append(" the major version of their engine (`postgres@v14`). See the README section \"Registry\".\n\n");
    md.append("## Patterns\n\n");
    md.append("| pattern | version | import | CRDs | description | tags |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Path katalog : patterns) {
      String name = katalog.getParent().getFileName().toString();
      PushChecks.Metadata meta = PushChecks.metadata(katalog);
      List<CompiledOperator> ops = KatalogInterpreter.load(katalog);
      String crds = ops.stream()
          .map(o -> "`" + o.spec().name() + "` (" + o.spec().kind() + ", " + o.spec().group() + ")")
          .collect(Collectors.joining("<br>"));
      String engine = engineMajor(katalog);
      String tag = engine != null ? "v" + engine : "v" + major(meta.version());
      md.append("| [").append(name).append("](../registry/patterns/").append(name).append("/README.md) | ")
          .append(nullToEmpty(meta.version())).append(" | `").append(DEFAULT_NAMESPACE).append('/').append(name)
          .append('@').append(tag).append("` | ").append(crds).append(" | ").append(cell(meta.description()))
          .append(" | ").append(String.join(", ", meta.tags())).append(" |\n");
    }
    md.append("\n## Motifs\n\n");
    md.append("| motif | version | import | inputs | description |\n");
    md.append("|---|---|---|---|---|\n");
    for (Path file : motifs) {
      String name = file.getParent().getFileName().toString();
      Motif motif = KatalogInterpreter.loadMotif(file);
      PushChecks.Metadata meta = PushChecks.metadata(file);
      String inputs = motif.inputs().stream()
          .map(i -> "`" + i.name() + "`" + (i.required() ? " (required)" : ""))
          .collect(Collectors.joining(", "));
      md.append("| [").append(name).append("](../registry/motifs/").append(name).append("/README.md) | ")
          .append(nullToEmpty(meta.version())).append(" | `").append(DEFAULT_NAMESPACE).append("/patterns/motifs/")
          .append(name).append(":v").append(major(meta.version())).append("` | ").append(inputs).append(" | ")
          .append(cell(meta.description())).append(" |\n");
    }
    return md.toString();
  }

  /** {@code metadata.projects.registry.engineMajor} of a pattern, or null. */
  static @Nullable String engineMajor(Path katalog) {
    List<ObjectNode> docs = KatalogInterpreter.readManifests(katalog);
    if (docs.isEmpty()) {
      return null;
    }
    JsonNode v = docs.get(0).path("metadata").path("projects").path("registry").path("engineMajor");
    return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
  }

  private static List<Path> children(Path parent, String file) {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(parent)) {
      List<Path> out = new ArrayList<>(dirs.map(d -> d.resolve(file)).filter(Files::isRegularFile).toList());
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String major(@Nullable String version) {
    String v = nullToEmpty(version).strip();
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    int dot = v.indexOf('.');
    return dot < 0 ? v : v.substring(0, dot);
  }

  private static String cell(String text) {
    return text.strip().replace("|", "\\|").replace("\n", " ");
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}

package io.orkestra.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.oci.OciOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ork generate crd|schema}: files derived from a Katalog or from the loader's schema.
 *
 * <ul>
 *   <li>{@code ork generate crd [-f FILE] [-o DIR]}: one {@code apiextensions.k8s.io/v1} CRD per
 *       CRD entry, from its {@code apiTypes} (open schema, status subresource), or the entry's
 *       {@code crdFile} manifest as is. Printed as YAML documents, or written to {@code
 *       DIR/<plural>.<group>.yaml}.
 *   <li>{@code ork generate schema [-o DIR] [--kind KIND]}: the JSON Schemas of Katalog, Komposer
 *       and Motif documents ({@code DIR/<kind>.schema.json}), or one of them on stdout.
 * </ul>
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate CRDs from a Katalog, or JSON Schemas of the document kinds.",
    subcommands = {GenerateCommand.Crd.class, GenerateCommand.Schema.class})
public final class GenerateCommand implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand (crd or schema)");
  }

  /** {@code ork generate crd}. */
  @Command(
      name = "crd",
      mixinStandardHelpOptions = true,
      description = "Print (or write to -o DIR) the CRD of every CRD entry of a Katalog.")
  public static final class Crd implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR",
        description = "Katalog or Komposer file, or pattern directory (default: katalog.yaml,"
            + " else komposer.yaml).")
    private Path file;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
        description = "Write <plural>.<group>.yaml files into DIR instead of printing.")
    private Path outputDir;

    /** Used by picocli. */
    public Crd() {}

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path entry = file == null ? ValidateCommand.defaultFile() : file;
      List<CompiledOperator> operators;
      try (RegistryImports imports = RegistryImports.forEntry(entry, OciOptions.defaults()
          .withMirrors(RegistryConfig.mirrors(System.getenv(), List.of(), false)))) {
        operators = KatalogInterpreter.load(entry, imports.loadOptions());
      } catch (KatalogException e) {
        for (Diagnostic d : e.diagnostics()) {
          err.println(d);
        }
        err.flush();
        return 2;
      }
      List<String> docs = new ArrayList<>();
      for (CompiledOperator op : operators) {
        OperatorSpec s = op.spec();
        if (s.group().isEmpty() && s.crd().isEmpty()) {
          err.println("skipped " + s.name() + ": " + s.kind() + " is a built-in kind (no CRD)");
          continue;
        }
        ObjectNode crd = s.crd().map(ObjectNode::deepCopy).orElseGet(() -> crdOf(s));
        String yaml = KatalogInterpreter.toYaml(crd);
        if (outputDir == null) {
          docs.add(yaml);
        } else {
          Path target = outputDir.resolve(s.plural() + "." + s.group() + ".yaml");
          write(target, yaml);
          out.println("wrote " + display(target));
        }
      }
      if (outputDir == null) {
        out.print(String.join("---\n", docs));
      }
      out.flush();
      err.flush();
      return 0;
    }
  }

  /** {@code ork generate schema}. */
  @Command(
      name = "schema",
      mixinStandardHelpOptions = true,
      description = "Write the JSON Schemas (draft 2020-12) of Katalog, Komposer and Motif"
          + " documents to -o DIR, or print one.")
  public static final class Schema implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
        description = "Write <kind>.schema.json files into DIR instead of printing.")
    private Path outputDir;

    @Option(names = {"-k", "--kind"}, paramLabel = "KIND",
        description = "Katalog, Komposer or Motif (default: all with -o, Katalog without).")
    private String kind;

    /** Used by picocli. */
    public Schema() {}

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (kind != null && !KatalogInterpreter.schemaKinds().contains(kind)) {
        throw new OrkestraException(
            "unknown kind '" + kind + "' (use one of "
                + String.join(", ", KatalogInterpreter.schemaKinds()) + ")");
      }
      if (outputDir == null) {
        out.print(schemaJson(kind == null ? "Katalog" : kind));
      } else {
        for (String k : kind == null ? KatalogInterpreter.schemaKinds() : List.of(kind)) {
          Path target = outputDir.resolve(schemaFileName(k));
          write(target, schemaJson(k));
          out.println("wrote " + display(target));
        }
      }
      out.flush();
      return 0;
    }
  }

  /**
   * The file name of a kind's schema.
   *
   * @param kind Katalog, Komposer or Motif
   * @return e.g. {@code katalog.schema.json}
   */
  public static String schemaFileName(String kind) {
    return kind.toLowerCase(Locale.ROOT) + ".schema.json";
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A kind's schema as the committed files hold it: two-space indentation, {@code "key": value},
   * a final newline.
   *
   * @param kind Katalog, Komposer or Motif
   * @return the JSON text
   */
  public static String schemaJson(String kind) {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    try {
      return JSON.writer(pp).writeValueAsString(KatalogInterpreter.jsonSchema(kind)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An {@code apiextensions.k8s.io/v1} CRD for an operator spec: named {@code <plural>.<group>},
   * one served and stored version, an open schema ({@code x-kubernetes-preserve-unknown-fields})
   * and the status subresource.
   *
   * @param s the operator spec
   * @return a new manifest
   */
  public static ObjectNode crdOf(OperatorSpec s) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode crd = f.objectNode();
    crd.put("apiVersion", "apiextensions.k8s.io/v1");
    crd.put("kind", "CustomResourceDefinition");
    crd.putObject("metadata").put("name", s.plural() + "." + s.group());
    ObjectNode spec = crd.putObject("spec");
    spec.put("group", s.group());
    spec.put("scope", s.namespaced() ? "Namespaced" : "Cluster");
    ObjectNode names = spec.putObject("names");
    names.put("kind", s.kind());
    names.put("listKind", s.kind() + "List");
    names.put("plural", s.plural());
    names.put("singular", s.kind().toLowerCase(Locale.ROOT));
    ArrayNode versions = spec.putArray("versions");
    ObjectNode v = versions.addObject();
    v.put("name", s.version());
    v.put("served", true);
    v.put("storage", true);
    v.putObject("subresources").putObject("status");
    ObjectNode schema = v.putObject("schema").putObject("openAPIV3Schema");
    schema.put("type", "object");
    schema.put("x-kubernetes-preserve-unknown-fields", true);
    return crd;
  }

  private static void write(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(target, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OrkestraException("cannot write " + display(target) + ": " + e, e);
    }
  }

  static String display(Path p) {
    return p.toString().replace('\\', '/');
  }
}

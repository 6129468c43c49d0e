package io.orkestra.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ork template [-f FILE] [-o yaml|json]}: prints the fully expanded runtime Katalog, after
 * Komposer composition, once it has loaded with full validation. An invalid input prints every
 * diagnostic as {@code file:line:column: message} on stderr and exits 2. Without {@code -f}:
 * {@code komposer.yaml}, else {@code katalog.yaml} in the current directory.
 */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = "Print the fully expanded Katalog (after Komposer composition).")
public final class TemplateCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin private ImportOptions importOptions = new ImportOptions();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR",
      description = "Katalog or Komposer file, or pattern directory (default: komposer.yaml, else"
          + " katalog.yaml).")
  private Path file;

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "yaml|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  private String output;

  @Override
  public Integer call() {
    if (!output.equals("yaml") && !output.equals("json")) {
      throw new OrkestraException("unknown output format '" + output + "' (use yaml or json)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode katalog;
    try {
      Path entry = file == null ? ValidateCommand.defaultFile() : file;
      try (RegistryImports imports = RegistryImports.forEntry(entry, importOptions.oci())) {
        katalog = KatalogInterpreter.expand(entry, imports.loadOptions());
      }
    } catch (KatalogException e) {
      for (Diagnostic d : e.diagnostics()) {
        err.println(d);
      }
      err.flush();
      return 2;
    }
    if (output.equals("json")) {
      try {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(katalog));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.print(KatalogInterpreter.toYaml(katalog));
    }
    out.flush();
    return 0;
  }
}

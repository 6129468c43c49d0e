package io.orkestra.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.KatalogInterpreter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ork render -f KATALOG --cr CR.yaml [-o yaml|json]}: prints, for each custom resource of
 * the file, the children and the status the interpreter computes, with no cluster (like {@code
 * helm template}). Each child is one document; after a resource's children comes the resource
 * itself with only its identity and the declared {@code status} fields ({@code Ready} and {@code
 * observedGeneration} are added by the runtime when it writes the status). {@code -o json} prints
 * the same documents as a {@code v1 List}. A Katalog that does not load, a resource no CRD entry
 * handles, or a template or condition error exits 2 with {@code file:line:column}.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Print the desired children and status of custom resources, with no cluster.")
public final class RenderCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin private ImportOptions importOptions = new ImportOptions();

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "KATALOG",
      description = "Katalog file or pattern directory.")
  private Path katalog;

  @Option(names = "--cr", required = true, paramLabel = "CR.yaml",
      description = "File of custom resources (several documents allowed).")
  private Path crFile;

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "yaml|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  private String output;

  @Override
  public Integer call() {
    if (!output.equals("yaml") && !output.equals("json")) {
      throw new OrkestraException("unknown output format '" + output + "' (use yaml or json)");
    }
    List<CompiledOperator> operators;
    try (RegistryImports imports = RegistryImports.forEntry(katalog, importOptions.oci())) {
      operators = KatalogInterpreter.load(katalog, imports.loadOptions());
    }
    List<ObjectNode> documents = new ArrayList<>();
    for (ObjectNode cr : KatalogInterpreter.readManifests(crFile)) {
      CompiledOperator op = operatorFor(operators, cr);
      DesiredState state = op.interpret(cr, ObservedState.empty(), Clock.systemUTC());
      for (ChildResource child : state.children()) {
        documents.add(child.manifest());
      }
      ObjectNode owner = JsonNodeFactory.instance.objectNode();
      owner.put("apiVersion", cr.path("apiVersion").asText());
      owner.put("kind", cr.path("kind").asText());
      ObjectNode metadata = owner.putObject("metadata");
      metadata.put("name", cr.path("metadata").path("name").asText());
      if (cr.path("metadata").hasNonNull("namespace")) {
        metadata.put("namespace", cr.path("metadata").path("namespace").asText());
      }
      owner.set("status", state.status());
      documents.add(owner);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("json")) {
      ObjectNode list = JsonNodeFactory.instance.objectNode();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      ArrayNode items = list.putArray("items");
      documents.forEach(items::add);
      try {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      for (ObjectNode doc : documents) {
        out.print("---\n");
        out.print(KatalogInterpreter.toYaml(doc));
      }
    }
    out.flush();
    return 0;
  }

  private static CompiledOperator operatorFor(List<CompiledOperator> operators, ObjectNode cr) {
    String apiVersion = cr.path("apiVersion").asText();
    String kind = cr.path("kind").asText();
    for (CompiledOperator op : operators) {
      String expected = op.spec().group() + "/" + op.spec().version();
      if (op.spec().kind().equals(kind) && expected.equals(apiVersion)) {
        return op;
      }
    }
    throw new OrkestraException(
        "no CRD entry of the Katalog handles " + apiVersion + " " + kind + " ("
            + cr.path("metadata").path("name").asText("?") + ")");
  }
}

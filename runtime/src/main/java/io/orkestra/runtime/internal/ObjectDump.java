package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orkestra.core.ChildKind;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.KatalogInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ork run --until-idle --dump FILE}: once idle, writes what the API server holds for the
 * loaded operators (their custom resources and every object of their built-in child kinds, in all
 * namespaces) as YAML documents, so a run on the in-process API server can be inspected after it
 * stopped. Blocking (API calls, file write): called from the CLI's main thread.
 */
final class ObjectDump {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ObjectDump() {}

  /**
   * Writes the dump.
   *
   * @param client the runtime's client
   * @param operators the loaded operators
   * @param file where to write
   * @return how many objects were written
   */
  static int write(KubernetesClient client, List<CompiledOperator> operators, Path file) {
    Set<ChildKind> kinds = new LinkedHashSet<>();
    for (CompiledOperator op : operators) {
      OperatorSpec spec = op.spec();
      kinds.add(new ChildKind(spec.group().isEmpty() ? spec.version() : spec.group() + "/" + spec.version(), spec.kind()));
    }
    for (CompiledOperator op : operators) {
      kinds.addAll(KatalogInterpreter.childApiKinds(op));
    }
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (ChildKind kind : kinds) {
      List<GenericKubernetesResource> items = client.genericKubernetesResources(kind.apiVersion(), kind.kind())
          .inAnyNamespace().list().getItems();
      items.sort(Comparator.comparing((GenericKubernetesResource r) -> String.valueOf(r.getMetadata().getNamespace()))
          .thenComparing(r -> r.getMetadata().getName()));
      for (GenericKubernetesResource item : items) {
        try {
          JsonNode node = JSON.readTree(client.getKubernetesSerialization().asJson(item));
          out.append("---\n").append(KatalogInterpreter.toYaml(node));
          count++;
        } catch (IOException e) {
          throw new OrkestraException("--dump: cannot convert " + kind.kind() + " " + item.getMetadata().getName()
              + ": " + e.getMessage(), e);
        }
      }
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OrkestraException("--dump: cannot write " + file + ": " + e.getMessage(), e);
    }
    return count;
  }
}

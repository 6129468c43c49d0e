package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.yaml.YMap;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime needs from a CustomResourceDefinition manifest ({@code
 * apiextensions.k8s.io/v1}).
 *
 * @param manifest the whole CRD
 * @param group {@code spec.group}
 * @param kind {@code spec.names.kind}
 * @param plural {@code spec.names.plural}
 * @param namespaced {@code spec.scope} is {@code Namespaced}
 * @param defaultVersion the storage version, else the first served, else the first version
 * @param servedVersions the versions with {@code served: true}
 */
record CrdInfo(
    ObjectNode manifest,
    String group,
    String kind,
    String plural,
    boolean namespaced,
    String defaultVersion,
    List<String> servedVersions) {

  /** Reads a CRD document; records a problem at the document and returns null if incomplete. */
  static @Nullable CrdInfo from(YMap doc, Problems problems) {
    ObjectNode crd = doc.toJson();
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    String kind = spec.path("names").path("kind").asText("");
    String plural = spec.path("names").path("plural").asText("");
    String scope = spec.path("scope").asText("Namespaced");
    List<String> served = new ArrayList<>();
    String storage = null;
    String first = null;
    for (JsonNode v : spec.path("versions")) {
      String name = v.path("name").asText("");
      if (name.isEmpty()) {
        continue;
      }
      first = first == null ? name : first;
      if (v.path("served").asBoolean(false)) {
        served.add(name);
      }
      if (v.path("storage").asBoolean(false)) {
        storage = name;
      }
    }
    List<String> missing = new ArrayList<>();
    if (group.isEmpty()) {
      missing.add("spec.group");
    }
    if (kind.isEmpty()) {
      missing.add("spec.names.kind");
    }
    if (plural.isEmpty()) {
      missing.add("spec.names.plural");
    }
    if (first == null) {
      missing.add("spec.versions[].name");
    }
    if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      problems.error(
          doc.pos(),
          "CustomResourceDefinition spec.scope must be Namespaced or Cluster, got '" + scope + "'");
      return null;
    }
    if (!missing.isEmpty()) {
      problems.error(doc.pos(), "CustomResourceDefinition lacks " + String.join(", ", missing));
      return null;
    }
    String def = storage != null ? storage : !served.isEmpty() ? served.get(0) : first;
    return new CrdInfo(
        crd, group, kind, plural, scope.equals("Namespaced"), def, List.copyOf(served));
  }
}

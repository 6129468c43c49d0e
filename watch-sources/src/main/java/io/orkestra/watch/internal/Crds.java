package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OperatorSpec;
import java.util.Locale;

/** CustomResourceDefinition manifests: generated from an operator spec, and read back. */
public final class Crds {

  /** apiVersion of the CRDs we write. */
  public static final String API_VERSION = "apiextensions.k8s.io/v1";

  /** Kind of a CRD. */
  public static final String KIND = "CustomResourceDefinition";

  private Crds() {}

  /**
   * An {@code apiextensions.k8s.io/v1} CRD for a spec: named {@code <plural>.<group>}, one version
   * that is served and stored, an open schema ({@code x-kubernetes-preserve-unknown-fields: true})
   * and the status subresource.
   *
   * @param spec the operator spec
   * @return a new manifest
   */
  public static ObjectNode generate(OperatorSpec spec) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode crd = json.objectNode();
    crd.put("apiVersion", API_VERSION);
    crd.put("kind", KIND);
    ObjectNode meta = crd.putObject("metadata");
    meta.put("name", spec.plural() + "." + spec.group());
    ObjectNode crdSpec = crd.putObject("spec");
    crdSpec.put("group", spec.group());
    crdSpec.put("scope", spec.namespaced() ? "Namespaced" : "Cluster");
    ObjectNode names = crdSpec.putObject("names");
    names.put("kind", spec.kind());
    names.put("listKind", spec.kind() + "List");
    names.put("plural", spec.plural());
    names.put("singular", spec.kind().toLowerCase(Locale.ROOT));
    ArrayNode versions = crdSpec.putArray("versions");
    ObjectNode version = versions.addObject();
    version.put("name", spec.version());
    version.put("served", true);
    version.put("storage", true);
    ObjectNode schema = version.putObject("schema").putObject("openAPIV3Schema");
    schema.put("type", "object");
    schema.put("x-kubernetes-preserve-unknown-fields", true);
    version.putObject("subresources").putObject("status");
    return crd;
  }

  /**
   * Whether a manifest is a CRD.
   *
   * @param manifest the manifest
   * @return {@code true} for {@code apiextensions.k8s.io/*} CustomResourceDefinition
   */
  public static boolean isCrd(JsonNode manifest) {
    return KIND.equals(manifest.path("kind").asText())
        && manifest.path("apiVersion").asText().startsWith("apiextensions.k8s.io/");
  }

  /**
   * Teaches {@code types} the plural and scope of the kind a CRD defines; does nothing when the CRD
   * names no group, kind or plural.
   *
   * @param crd the CRD manifest
   * @param types where to register
   */
  public static void register(JsonNode crd, ResourceTypes types) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    String kind = spec.path("names").path("kind").asText("");
    String plural = spec.path("names").path("plural").asText("");
    if (group.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
      return;
    }
    types.register(group, kind, plural, !"Cluster".equals(spec.path("scope").asText("Namespaced")));
  }
}

package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildKind;
import io.orkestra.core.ObservedState;
import io.orkestra.core.ResourceKey;
import io.orkestra.katalog.internal.model.ResourceKind;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code .children} root of templates (spec §2.7 layer 3, §6): the observed children of the
 * custom resource keyed by lowercase kind, as Orkestra does ({@code .children.deployment}, {@code
 * .children.statefulset}, {@code .children.persistentvolumeclaim}, ...), so that status fields and
 * conditions read live state such as {@code {{ .children.deployment.status.readyReplicas }}}.
 * Children of kinds without a built-in key ({@code custom} declarations) are also reachable as
 * {@code .children.custom}.
 *
 * <p>When several children share a kind, the key holds the first by namespace and name. Every
 * child has a {@code status} map (empty when the object has none yet). A kind the operator manages
 * but that has no child yet holds a placeholder {@code {_placeholder: true, status: {}}}, so
 * {@code .children.deployment.status.readyReplicas} is a missing field (which {@code default}
 * handles) rather than an error about {@code .children.deployment}.
 */
final class ChildrenView {

  private static final Set<String> BUILT_IN =
      java.util.Arrays.stream(ResourceKind.values())
          .map(ResourceKind::kind)
          .filter(k -> !k.isEmpty())
          .collect(Collectors.toUnmodifiableSet());

  private ChildrenView() {}

  static ObjectNode of(ObservedState observed, List<ChildKind> managedKinds) {
    ObjectNode children = Manifests.JSON.objectNode();
    List<Map.Entry<ResourceKey, ObjectNode>> sorted =
        observed.children().entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<ResourceKey, ObjectNode> e) -> e.getKey().kind())
                    .thenComparing(e -> e.getKey().namespace())
                    .thenComparing(e -> e.getKey().name()))
            .toList();
    for (Map.Entry<ResourceKey, ObjectNode> e : sorted) {
      String kind = e.getKey().kind();
      String key = kind.toLowerCase(Locale.ROOT);
      if (!children.has(key)) {
        children.set(key, withStatus(e.getValue()));
      }
      if (!BUILT_IN.contains(kind) && !children.has("custom")) {
        children.set("custom", children.get(key));
      }
    }
    for (ChildKind kind : managedKinds) {
      String key = kind.kind().toLowerCase(Locale.ROOT);
      if (!key.isEmpty() && !children.has(key)) {
        ObjectNode placeholder = Manifests.JSON.objectNode();
        placeholder.put("_placeholder", true);
        placeholder.putObject("status");
        children.set(key, placeholder);
      }
    }
    return children;
  }

  private static ObjectNode withStatus(ObjectNode child) {
    JsonNode status = child.get("status");
    if (status != null && status.isObject()) {
      return child;
    }
    ObjectNode copy = child.deepCopy();
    copy.putObject("status");
    return copy;
  }
}

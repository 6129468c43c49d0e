package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ForEach;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Expands a {@code forEach} declaration (spec §2.5) into one render context per element of the
 * list, or entry of the map, found at {@code forEach.field} in the custom resource. A list element
 * is {@code .item} (and {@code .<as>}); a map entry's key is {@code .item} (and {@code .<as>}) and
 * its value {@code .value}. An absent or null field expands to nothing; any other value fails the
 * reconcile with the position of {@code field}.
 */
final class ForEachExpansion {

  private ForEachExpansion() {}

  static List<RenderContext> expand(
      ForEach forEach, JsonNode cr, ObjectNode root, RenderContext ctx) {
    JsonNode node = cr;
    for (String segment : forEach.segments()) {
      node = node.path(segment);
    }
    List<RenderContext> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        out.add(ctx.withRoot(with(root, forEach, element, null)));
      }
      return out;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(
            ctx.withRoot(with(root, forEach, Manifests.JSON.textNode(e.getKey()), e.getValue())));
      }
      return out;
    }
    throw ctx.fail(
        forEach.pos(),
        "forEach field "
            + forEach.field()
            + " must be a list or a map, got "
            + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + " '"
            + node.asText()
            + "'");
  }

  private static ObjectNode with(
      ObjectNode root,
      ForEach forEach,
      JsonNode item,
      @org.jspecify.annotations.Nullable JsonNode value) {
    ObjectNode r = root.objectNode();
    r.setAll(root);
    r.set("item", item);
    if (forEach.as() != null) {
      r.set(forEach.as(), item);
    }
    if (value != null) {
      r.set("value", value);
    }
    return r;
  }
}

package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.StatusField;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code emit.status.fields} into one {@code status} object: each path is relative to
 * {@code status} with dot nesting; fields are evaluated in order and a later field wins on the same
 * path (the state-machine idiom of spec §2.7). A field whose {@code when}/{@code or} conditions
 * fail is skipped, or written as {@code ""} with {@code clearOnFalse: true}.
 */
final class StatusRenderer {
  private StatusRenderer() {}

  static ObjectNode render(List<StatusField> fields, RenderContext ctx) {
    ObjectNode status = Manifests.JSON.objectNode();
    for (StatusField f : fields) {
      boolean pass = ConditionEvaluator.test(f.conditions(), ctx);
      if (!pass && !f.clearOnFalse()) {
        continue;
      }
      String text = pass ? ctx.eval(f.value()) : "";
      if (!pass) {
        set(status, f.segments(), Manifests.JSON.textNode(""));
        continue;
      }
      JsonNode value =
          StatusCasts.cast(text, f.type())
              .orElseThrow(
                  () ->
                      ctx.fail(
                          f.value().position(),
                          "status field '"
                              + f.path()
                              + "' has type "
                              + f.type().name().toLowerCase(Locale.ROOT)
                              + " but its value rendered to '"
                              + text
                              + "'"));
      set(status, f.segments(), value);
    }
    return status;
  }

  private static void set(ObjectNode status, List<String> segments, JsonNode value) {
    ObjectNode parent = status;
    for (int i = 0; i < segments.size() - 1; i++) {
      JsonNode child = parent.get(segments.get(i));
      parent = child instanceof ObjectNode ? (ObjectNode) child : parent.putObject(segments.get(i));
    }
    parent.set(segments.get(segments.size() - 1), value);
  }
}

package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.StatusField;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code emit.status.fields} into one {@code status} object: each path is relative to
 * {@code status} with dot nesting; fields are evaluated in order and a later field wins on the same
 * path (the state-machine idiom of spec §2.7).
 */
final class StatusRenderer {
  private StatusRenderer() {}

  static ObjectNode render(List<StatusField> fields, RenderContext ctx) {
    ObjectNode status = Manifests.JSON.objectNode();
    for (StatusField f : fields) {
      String text = ctx.eval(f.value());
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
      ObjectNode parent = status;
      List<String> segments = f.segments();
      for (int i = 0; i < segments.size() - 1; i++) {
        JsonNode child = parent.get(segments.get(i));
        parent =
            child instanceof ObjectNode ? (ObjectNode) child : parent.putObject(segments.get(i));
      }
      parent.set(segments.get(segments.size() - 1), value);
    }
    return status;
  }
}

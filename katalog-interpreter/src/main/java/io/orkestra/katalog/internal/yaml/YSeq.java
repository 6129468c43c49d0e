package io.orkestra.katalog.internal.yaml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.orkestra.katalog.internal.support.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * A YAML sequence.
 *
 * @param pos where the sequence starts
 * @param path path from the document root
 * @param items the items in order
 */
public record YSeq(SourcePos pos, String path, List<YNode> items) implements YNode {

  /** Null checks and an immutable copy. */
  public YSeq {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(path, "path");
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }

  @Override
  public ArrayNode toJson() {
    ArrayNode node = JsonNodeFactory.instance.arrayNode();
    for (YNode item : items) {
      node.add(item.toJson());
    }
    return node;
  }
}

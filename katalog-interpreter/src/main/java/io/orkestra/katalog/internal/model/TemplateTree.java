package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A YAML value of a resource template kept as a tree whose scalars are templates: the shorthand
 * fields of the kinds rendered by {@code ShorthandRenderer} and verbatim passthrough blocks
 * ({@code custom.spec}, {@code networkPolicies[].ingress}, ...). A scalar written without {@code
 * {{}} keeps its YAML type ({@code 3} stays a number, {@code true} a boolean).
 */
public sealed interface TemplateTree {

  /**
   * YAML path, such as {@code ...statefulSets[0].replicas}.
   *
   * @return the path
   */
  String path();

  /**
   * Where the value is declared.
   *
   * @return the position
   */
  SourcePos pos();

  /**
   * A scalar.
   *
   * @param template the text as a template (a literal template for plain text)
   * @param literal the YAML value when the text has no {@code {{}}, else {@code null}
   */
  record Leaf(Template template, @Nullable JsonNode literal) implements TemplateTree {
    /** Null check. */
    public Leaf {
      Objects.requireNonNull(template, "template");
    }

    @Override
    public String path() {
      return template.name();
    }

    @Override
    public SourcePos pos() {
      return template.position();
    }
  }

  /**
   * A mapping, keys in source order.
   *
   * @param path YAML path
   * @param pos position
   * @param entries the values by key
   */
  record Branch(String path, SourcePos pos, Map<String, TemplateTree> entries)
      implements TemplateTree {
    /** Null checks and an ordered copy. */
    public Branch {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(pos, "pos");
      entries = Ordered.copy(entries);
    }

    /**
     * One entry.
     *
     * @param key the key
     * @return its value, or {@code null} when absent
     */
    public @Nullable TemplateTree get(String key) {
      return entries.get(key);
    }
  }

  /**
   * A sequence.
   *
   * @param path YAML path
   * @param pos position
   * @param items the items in order
   */
  record Items(String path, SourcePos pos, List<TemplateTree> items) implements TemplateTree {
    /** Null checks and an immutable copy. */
    public Items {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(pos, "pos");
      items = List.copyOf(items);
    }
  }
}

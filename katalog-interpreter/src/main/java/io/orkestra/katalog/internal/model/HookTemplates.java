package io.orkestra.katalog.internal.model;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The resource templates of one lifecycle block ({@code onCreate} or {@code onReconcile}).
 *
 * @param resources the templates in apply order: by {@link ResourceKind} order, then as declared
 * @param conditions block-level {@code when}/{@code or}: when they fail, no resource of the block
 *     is desired
 */
public record HookTemplates(List<ResourceTemplate> resources, Conditions conditions) {

  /** Sorts into apply order (stable) and copies. */
  public HookTemplates {
    resources =
        resources.stream()
            .sorted(Comparator.comparingInt(r -> r.kind().ordinal()))
            .collect(Collectors.toUnmodifiableList());
    java.util.Objects.requireNonNull(conditions, "conditions");
  }

  /**
   * A block without block-level conditions.
   *
   * @param resources the templates
   */
  public HookTemplates(List<ResourceTemplate> resources) {
    this(resources, Conditions.NONE);
  }

  /**
   * No templates.
   *
   * @return the empty block
   */
  public static HookTemplates empty() {
    return new HookTemplates(List.of());
  }
}

package io.orkestra.katalog.internal.model;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The resource templates of one lifecycle block ({@code onCreate} or {@code onReconcile}).
 *
 * @param resources the templates in apply order: by {@link ResourceKind} order, then as declared
 */
public record HookTemplates(List<ResourceTemplate> resources) {

  /** Sorts into apply order (stable) and copies. */
  public HookTemplates {
    resources =
        resources.stream()
            .sorted(Comparator.comparingInt(r -> r.kind().ordinal()))
            .collect(Collectors.toUnmodifiableList());
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

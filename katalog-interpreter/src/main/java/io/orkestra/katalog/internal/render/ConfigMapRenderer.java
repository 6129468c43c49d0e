package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ResourceTemplate;

/** {@code configMaps[]} → v1 ConfigMap with rendered {@code data}. */
final class ConfigMapRenderer {
  private ConfigMapRenderer() {}

  static Manifests.Skeleton render(ResourceTemplate.ConfigMap t, RenderContext ctx) {
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx);
    ObjectNode data = s.manifest().putObject("data");
    Manifests.renderInto(t.data(), data, ctx);
    return s;
  }
}

package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ResourceTemplate;
import io.orkestra.katalog.internal.template.Template;
import org.jspecify.annotations.Nullable;

/**
 * {@code services[]} → v1 Service with one port ({@code port}, {@code targetPort} defaulting to
 * {@code port}, optional {@code protocol} and {@code type}).
 *
 * <p>Selector: the declared {@code selector} if any; otherwise {@code app: <name of the first
 * deployment declared in the CRD entry>} ({@code onCreate} before {@code onReconcile}), which is
 * the pod label {@link DeploymentRenderer} sets; with no deployment, {@code app: <cr name>}.
 */
final class ServiceRenderer {
  private ServiceRenderer() {}

  static Manifests.Skeleton render(
      ResourceTemplate.Service t, @Nullable Template firstDeploymentName, RenderContext ctx) {
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx);
    ObjectNode spec = s.manifest().putObject("spec");
    String type = ctx.evalOrNull(t.type());
    if (type != null && !type.isBlank()) {
      spec.put("type", type.trim());
    }
    ObjectNode selector = spec.putObject("selector");
    if (!t.selector().isEmpty()) {
      Manifests.renderInto(t.selector(), selector, ctx);
    } else if (firstDeploymentName != null) {
      selector.put("app", ctx.evalNonEmpty(firstDeploymentName));
    } else {
      selector.put("app", ctx.crName());
    }
    ObjectNode port = spec.putArray("ports").addObject();
    port.put("port", ctx.evalInt(t.port(), 1, 65535));
    Manifests.putIntOrString(
        port, "targetPort", t.targetPort() != null ? t.targetPort() : t.port(), ctx);
    String protocol = ctx.evalOrNull(t.protocol());
    if (protocol != null && !protocol.isBlank()) {
      port.put("protocol", protocol.trim());
    }
    return s;
  }
}

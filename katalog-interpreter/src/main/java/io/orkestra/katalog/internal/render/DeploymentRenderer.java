package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.EnvVar;
import io.orkestra.katalog.internal.model.ResourceTemplate;

/**
 * {@code deployments[]} → apps/v1 Deployment: selector and pod labels {@code app: <name>}, one
 * container named after the deployment with {@code image}, {@code ports[0].containerPort} from
 * {@code port} (1..65535), {@code env}; {@code spec.replicas} from {@code replicas} (0..1000000)
 * when declared.
 */
final class DeploymentRenderer {
  private DeploymentRenderer() {}

  static Manifests.Skeleton render(ResourceTemplate.Deployment t, RenderContext ctx) {
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx);
    ObjectNode spec = s.manifest().putObject("spec");
    if (t.replicas() != null) {
      spec.put("replicas", ctx.evalInt(t.replicas(), 0, 1_000_000));
    }
    spec.putObject("selector").putObject("matchLabels").put("app", s.name());
    ObjectNode pod = spec.putObject("template");
    pod.putObject("metadata").putObject("labels").put("app", s.name());
    ObjectNode container = pod.putObject("spec").putArray("containers").addObject();
    container.put("name", s.name());
    container.put("image", ctx.evalNonEmpty(t.image()));
    if (t.port() != null) {
      ObjectNode port = container.putArray("ports").addObject();
      port.put("containerPort", ctx.evalInt(t.port(), 1, 65535));
      String protocol = ctx.evalOrNull(t.protocol());
      if (protocol != null && !protocol.isBlank()) {
        port.put("protocol", protocol.trim());
      }
    }
    if (!t.env().isEmpty()) {
      ArrayNode env = container.putArray("env");
      for (EnvVar v : t.env()) {
        ObjectNode e = env.addObject();
        e.put("name", v.name());
        if (v.valueFrom() != null) {
          e.set("valueFrom", v.valueFrom().deepCopy());
        } else {
          e.put("value", v.value() == null ? "" : ctx.eval(v.value()));
        }
      }
    }
    return s;
  }
}

package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ResourceTemplate;

/**
 * {@code deployments[]} → apps/v1 Deployment: selector and pod labels {@code app: <name>}, one
 * container named after the deployment with {@code image}, {@code ports[0].containerPort} from
 * {@code port} (1..65535), {@code env}, and the rest of the pod shorthand ({@code resources},
 * {@code probes}, {@code command}, {@code args}, {@code envFrom}, {@code volumes}, ...: {@link
 * ShorthandRenderer#podSpec}); {@code spec.replicas} from {@code replicas} (0..1000000) when
 * declared and not rendering empty.
 */
final class DeploymentRenderer {
  private DeploymentRenderer() {}

  static Manifests.Skeleton render(ResourceTemplate.Deployment t, RenderContext ctx) {
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx);
    ObjectNode spec = s.manifest().putObject("spec");
    // replicas rendering empty leave the field to the API server (or to an autoscaler)
    if (t.replicas() != null && !ctx.eval(t.replicas()).isBlank()) {
      spec.put("replicas", ctx.evalInt(t.replicas(), 0, 1_000_000));
    }
    spec.putObject("selector").putObject("matchLabels").put("app", s.name());
    ObjectNode pod = spec.putObject("template");
    pod.putObject("metadata").putObject("labels").put("app", s.name());
    pod.set("spec", ShorthandRenderer.podSpec(s.name(), new Fields(t.pod(), ctx), null));
    return s;
  }
}

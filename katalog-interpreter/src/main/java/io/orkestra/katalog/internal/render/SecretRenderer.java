package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.ResourceTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code secrets[]} → v1 Secret. Values are written in plain text in the Katalog and base64-encoded
 * here into {@code data}; {@code stringData} entries are encoded into {@code data} too (winning on
 * the same key, as the API server does), so the desired manifest matches what the API server
 * returns and drift comparison stays stable. {@code type} defaults to {@code Opaque}.
 */
final class SecretRenderer {
  private SecretRenderer() {}

  static Manifests.Skeleton render(ResourceTemplate.Secret t, RenderContext ctx) {
    Manifests.Skeleton s = Manifests.skeleton(t.kind(), t.meta(), ctx);
    String type = ctx.evalOrNull(t.type());
    s.manifest().put("type", type == null || type.isBlank() ? "Opaque" : type.trim());
    ObjectNode data = s.manifest().putObject("data");
    Base64.Encoder b64 = Base64.getEncoder();
    t.data().forEach((k, v) -> data.put(k, b64.encodeToString(utf8(ctx.eval(v)))));
    t.stringData().forEach((k, v) -> data.put(k, b64.encodeToString(utf8(ctx.eval(v)))));
    return s;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

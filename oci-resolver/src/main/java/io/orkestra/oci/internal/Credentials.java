package io.orkestra.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Credentials per registry host: explicit ones first, then the docker {@code config.json}
 * {@code auths} (base64 {@code user:password} in {@code auth}, or {@code username}/{@code password}).
 * Values are kept as {@code user:password}; {@link #toString()} never shows them.
 */
public final class Credentials {

  private final Map<String, String> byHost;

  private Credentials(Map<String, String> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  /**
   * Loads credentials. Blocking (reads a file): call on {@code boundedElastic}.
   *
   * @param explicit {@code host → user:password}
   * @param dockerConfig the docker config, or null
   * @return the credentials
   */
  public static Credentials load(Map<String, String> explicit, @Nullable Path dockerConfig) {
    Map<String, String> all = new HashMap<>();
    if (dockerConfig != null && Files.isRegularFile(dockerConfig)) {
      try {
        JsonNode auths = new ObjectMapper().readTree(dockerConfig.toFile()).path("auths");
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String value = null;
          String auth = e.getValue().path("auth").asText("");
          if (!auth.isEmpty()) {
            value = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
          } else if (e.getValue().hasNonNull("username")) {
            value = e.getValue().path("username").asText() + ":" + e.getValue().path("password").asText("");
          }
          if (value != null && value.contains(":")) {
            all.put(hostOf(e.getKey()), value);
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        throw new io.orkestra.core.OrkestraException(
            "cannot read docker config " + dockerConfig + ": " + e.getClass().getSimpleName());
      }
    }
    all.putAll(explicit);
    return new Credentials(all);
  }

  /** Keys may be {@code https://host/v1/} style URLs; keep the host[:port]. */
  private static String hostOf(String key) {
    String k = key.replaceFirst("^https?://", "");
    int slash = k.indexOf('/');
    return slash >= 0 ? k.substring(0, slash) : k;
  }

  /**
   * The {@code user:password} for a registry.
   *
   * @param registry host and optional port
   * @return the pair, when known
   */
  public Optional<String> forRegistry(String registry) {
    return Optional.ofNullable(byHost.get(registry));
  }

  /**
   * A Basic {@code Authorization} header value.
   *
   * @param registry host and optional port
   * @return the header, when credentials are known
   */
  public Optional<String> basicHeader(String registry) {
    return forRegistry(registry)
        .map(p -> "Basic " + Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "Credentials" + byHost.keySet();
  }
}

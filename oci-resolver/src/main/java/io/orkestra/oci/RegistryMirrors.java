package io.orkestra.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where references of an upstream registry host are pulled from instead: an ordered list of
 * {@link MirrorEndpoint}s per host, tried first, with the upstream host as the fallback unless
 * {@code mirrorOnly}. Only pulls (Komposer imports, {@code ork registry pull}) go through mirrors;
 * pushes, listings and inspection talk to the registry named in the reference.
 *
 * <p>Mirrors never change what is verified or recorded: the lock file keys and digests are those
 * of the upstream reference, and a mirror serving another digest than the lock pins is an error.
 *
 * @param mirrors upstream host (e.g. {@code ghcr.io}) → its mirrors, tried in order
 * @param mirrorOnly never contact an upstream host that has mirrors (air-gapped use); hosts
 *     without mirrors are still contacted directly
 */
public record RegistryMirrors(Map<String, List<MirrorEndpoint>> mirrors, boolean mirrorOnly) {

  /** Environment variable read by the CLI: {@code host=endpoint[,host=endpoint…]}. */
  public static final String ENVIRONMENT_VARIABLE = "ORK_REGISTRY_MIRRORS";

  /** Checks arguments and copies the map (keys lowercased, lists immutable). */
  public RegistryMirrors {
    Objects.requireNonNull(mirrors, "mirrors");
    Map<String, List<MirrorEndpoint>> copy = new LinkedHashMap<>();
    mirrors.forEach((host, list) -> {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.contains("/")) {
        throw new IllegalArgumentException("mirrored registry must be a host[:port], got '" + host + "'");
      }
      if (!list.isEmpty()) {
        copy.put(host.strip().toLowerCase(Locale.ROOT), List.copyOf(list));
      }
    });
    mirrors = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * No mirrors: every reference is pulled from its own host.
   *
   * @return the empty configuration
   */
  public static RegistryMirrors none() {
    return new RegistryMirrors(Map.of(), false);
  }

  /**
   * Parses the {@code ORK_REGISTRY_MIRRORS} / {@code --mirror} syntax: comma-separated {@code
   * host=endpoint} pairs, e.g. {@code ghcr.io=http://127.0.0.1:5000,docker.io=https://mirror.local};
   * a host given twice gets both endpoints, in order. Blank text means no mirrors.
   *
   * @param text the value
   * @return the mirrors (not mirror-only)
   * @throws IllegalArgumentException naming the bad pair
   */
  public static RegistryMirrors parse(String text) {
    Objects.requireNonNull(text, "text");
    Map<String, List<MirrorEndpoint>> out = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("registry mirror '" + pair.strip() + "' must be HOST=ENDPOINT, e.g."
            + " ghcr.io=http://127.0.0.1:5000");
      }
      String host = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (host.contains("/") || host.contains("://")) {
        throw new IllegalArgumentException("registry mirror '" + pair.strip() + "': the mirrored registry must be a"
            + " host[:port], got '" + host + "'");
      }
      out.computeIfAbsent(host, h -> new ArrayList<>()).add(MirrorEndpoint.parse(pair.substring(eq + 1)));
    }
    return new RegistryMirrors(out, false);
  }

  /**
   * This configuration overridden by {@code higher}: for each host {@code higher} names, its
   * endpoints replace ours; {@code mirrorOnly} is set when either is.
   *
   * @param higher the configuration that wins (e.g. the environment over the config file)
   * @return the merged configuration
   */
  public RegistryMirrors overriddenBy(RegistryMirrors higher) {
    Objects.requireNonNull(higher, "higher");
    Map<String, List<MirrorEndpoint>> merged = new LinkedHashMap<>(mirrors);
    merged.putAll(higher.mirrors());
    return new RegistryMirrors(merged, mirrorOnly || higher.mirrorOnly());
  }

  /**
   * Copy with another mirror-only setting.
   *
   * @param value whether upstream hosts with mirrors may be contacted
   * @return the copy
   */
  public RegistryMirrors withMirrorOnly(boolean value) {
    return new RegistryMirrors(mirrors, value);
  }

  /**
   * The mirrors of a registry host, in the order they are tried.
   *
   * @param registry host and optional port of a reference
   * @return the endpoints, empty when the host is not mirrored
   */
  public List<MirrorEndpoint> endpoints(String registry) {
    return mirrors.getOrDefault(registry.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * Whether {@code host} is a mirror configured with {@code http://}.
   *
   * @param host host and optional port
   * @return true when a configured endpoint on that host asks for plain HTTP
   */
  public boolean plainHttp(String host) {
    for (List<MirrorEndpoint> list : mirrors.values()) {
      for (MirrorEndpoint e : list) {
        if (e.plainHttp() && e.host().equalsIgnoreCase(host)) {
          return true;
        }
      }
    }
    return false;
  }
}

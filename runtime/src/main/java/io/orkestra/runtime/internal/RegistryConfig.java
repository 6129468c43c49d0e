package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.oci.MirrorEndpoint;
import io.orkestra.oci.RegistryMirrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's registry mirror settings, from three sources, each overriding the one before it per
 * mirrored host:
 *
 * <ol>
 *   <li>the user config file: {@code -Dork.config=FILE}, else {@code $ORK_CONFIG}, else {@code
 *       ~/.orkestra/config.yaml} (a missing default file means no settings):
 *       <pre>
 * registry:
 *   mirrors:
 *     ghcr.io: [http://127.0.0.1:5000]   # a list, tried in order, or one string
 *   mirrorOnly: false
 *       </pre>
 *   <li>{@code ORK_REGISTRY_MIRRORS=ghcr.io=http://127.0.0.1:5000[,host=endpoint…]};
 *   <li>{@code --mirror HOST=ENDPOINT} flags (same syntax, repeatable).
 * </ol>
 *
 * <p>Mirror-only is on when the config file or {@code --mirror-only} says so. Blocking file I/O:
 * call from the CLI's main thread.
 */
public final class RegistryConfig {

  /** System property naming the config file (wins over {@code ORK_CONFIG}). */
  public static final String CONFIG_PROPERTY = "ork.config";

  /** Environment variable naming the config file. */
  public static final String CONFIG_ENV = "ORK_CONFIG";

  private RegistryConfig() {}

  /**
   * The config file in effect: {@code -Dork.config}, else {@code $ORK_CONFIG}, else {@code
   * ~/.orkestra/config.yaml}.
   *
   * @param env the environment
   * @return the path
   */
  static Path configFile(Map<String, String> env) {
    String prop = System.getProperty(CONFIG_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String fromEnv = env.get(CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".orkestra", "config.yaml");
  }

  private static boolean explicit(Map<String, String> env) {
    String prop = System.getProperty(CONFIG_PROPERTY);
    String fromEnv = env.get(CONFIG_ENV);
    return (prop != null && !prop.isBlank()) || (fromEnv != null && !fromEnv.isBlank());
  }

  /**
   * The mirrors in effect: config file, then the environment, then {@code flags}.
   *
   * @param env the environment (usually {@code System.getenv()})
   * @param flags {@code --mirror} values
   * @param mirrorOnly the {@code --mirror-only} flag
   * @return the mirrors
   * @throws OrkestraException naming the file or variable for a bad setting
   */
  public static RegistryMirrors mirrors(Map<String, String> env, List<String> flags, boolean mirrorOnly) {
    RegistryMirrors fromFile = fromFile(configFile(env), explicit(env));
    RegistryMirrors fromEnv;
    try {
      fromEnv = RegistryMirrors.parse(env.getOrDefault(RegistryMirrors.ENVIRONMENT_VARIABLE, ""));
    } catch (IllegalArgumentException e) {
      throw new OrkestraException(RegistryMirrors.ENVIRONMENT_VARIABLE + ": " + e.getMessage());
    }
    RegistryMirrors fromFlags;
    try {
      fromFlags = RegistryMirrors.parse(String.join(",", flags));
    } catch (IllegalArgumentException e) {
      throw new OrkestraException("--mirror: " + e.getMessage());
    }
    RegistryMirrors all = fromFile.overriddenBy(fromEnv).overriddenBy(fromFlags);
    return mirrorOnly ? all.withMirrorOnly(true) : all;
  }

  /**
   * The {@code registry} section of a config file.
   *
   * @param file the file
   * @param required whether a missing file is an error (it was named explicitly)
   * @return its mirrors, none when the file is missing and not required
   */
  static RegistryMirrors fromFile(Path file, boolean required) {
    if (!Files.exists(file)) {
      if (required) {
        throw new OrkestraException("config file not found: " + file + " (named by -D" + CONFIG_PROPERTY + " or $"
            + CONFIG_ENV + ")");
      }
      return RegistryMirrors.none();
    }
    List<ObjectNode> docs;
    try {
      docs = KatalogInterpreter.readManifests(file);
    } catch (KatalogException e) {
      throw new OrkestraException(e.getMessage());
    }
    if (docs.isEmpty()) {
      return RegistryMirrors.none();
    }
    JsonNode registry = docs.get(0).path("registry");
    if (registry.isMissingNode() || registry.isNull()) {
      return RegistryMirrors.none();
    }
    if (!registry.isObject()) {
      throw bad(file, "registry", "must be a mapping");
    }
    JsonNode mirrors = registry.path("mirrors");
    Map<String, List<MirrorEndpoint>> out = new LinkedHashMap<>();
    if (!mirrors.isMissingNode() && !mirrors.isNull()) {
      if (!mirrors.isObject()) {
        throw bad(file, "registry.mirrors", "must map a registry host to a list of mirror endpoints");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = mirrors.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String where = "registry.mirrors." + e.getKey();
        List<MirrorEndpoint> endpoints = new ArrayList<>();
        JsonNode value = e.getValue();
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
          value.forEach(items::add);
        } else {
          items.add(value);
        }
        for (JsonNode item : items) {
          if (!item.isTextual()) {
            throw bad(file, where, "wants endpoint strings such as http://127.0.0.1:5000, got " + item);
          }
          try {
            endpoints.add(MirrorEndpoint.parse(item.asText()));
          } catch (IllegalArgumentException ex) {
            throw bad(file, where, ex.getMessage());
          }
        }
        out.put(e.getKey(), endpoints);
      }
    }
    JsonNode only = registry.path("mirrorOnly");
    if (!only.isMissingNode() && !only.isNull() && !only.isBoolean()) {
      throw bad(file, "registry.mirrorOnly", "must be true or false, got " + only);
    }
    try {
      return new RegistryMirrors(out, only.asBoolean(false));
    } catch (IllegalArgumentException ex) {
      throw bad(file, "registry.mirrors", ex.getMessage());
    }
  }

  private static OrkestraException bad(Path file, String key, @Nullable String message) {
    return new OrkestraException(file + ": " + key + ": " + message);
  }
}

package io.orkestra.katalog;

import io.orkestra.core.KatalogResolver;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What loading a Katalog, Komposer or Motif may reach beyond the local files.
 *
 * @param resolver resolves registry references (Komposer {@code imports.registry}, OCI motif
 *     imports) to local directories; {@code null} means registry imports are reported as errors
 * @param environment reads environment variables ({@code $VAR} in file imports, auth {@code
 *     fromEnv})
 * @param resolveTimeout how long one registry reference may take to resolve
 */
public record LoadOptions(
    @Nullable KatalogResolver resolver,
    Function<String, @Nullable String> environment,
    Duration resolveTimeout) {

  /** Validates the components. */
  public LoadOptions {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(resolveTimeout, "resolveTimeout");
    if (resolveTimeout.isNegative() || resolveTimeout.isZero()) {
      throw new IllegalArgumentException("resolveTimeout must be positive: " + resolveTimeout);
    }
  }

  /**
   * Local files only, the process environment, a 2-minute resolve timeout.
   *
   * @return the defaults
   */
  public static LoadOptions defaults() {
    return new LoadOptions(null, System::getenv, Duration.ofMinutes(2));
  }

  /**
   * Same options with a registry resolver.
   *
   * @param resolver the resolver
   * @return new options
   */
  public LoadOptions withResolver(KatalogResolver resolver) {
    return new LoadOptions(Objects.requireNonNull(resolver, "resolver"), environment, resolveTimeout);
  }

  /**
   * Same options with another environment (tests).
   *
   * @param env variable name to value
   * @return new options
   */
  public LoadOptions withEnvironment(Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return new LoadOptions(resolver, copy::get, resolveTimeout);
  }
}

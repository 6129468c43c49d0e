package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.template.Template;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One container environment variable (Kubernetes {@code EnvVar}).
 *
 * @param name variable name
 * @param value templated value, or {@code null} with {@code valueFrom}
 * @param valueFrom Kubernetes {@code valueFrom}, copied verbatim (not templated)
 */
public record EnvVar(String name, @Nullable Template value, @Nullable JsonNode valueFrom) {
  /** Null check. */
  public EnvVar {
    Objects.requireNonNull(name, "name");
  }
}

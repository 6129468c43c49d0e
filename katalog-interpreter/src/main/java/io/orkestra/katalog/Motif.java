package io.orkestra.katalog;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Motif file as {@link KatalogInterpreter#loadMotif} reads it: a reusable bundle of resources,
 * status fields, admission rules, notes and profiles that Katalogs import with input values (spec
 * §2.14).
 *
 * @param name {@code metadata.name}
 * @param version {@code metadata.version}, {@code latest} when absent
 * @param inputs the declared inputs, in declaration order
 */
public record Motif(String name, String version, List<Input> inputs) {

  /** Null checks and an immutable copy. */
  public Motif {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    inputs = List.copyOf(inputs);
  }

  /** The type of an input; typed inputs are substituted as YAML numbers or booleans. */
  public enum InputType {
    /** Text ({@code string}, the default). */
    STRING,
    /** A whole number ({@code int} or {@code integer}). */
    INT,
    /** Any number ({@code number}). */
    NUMBER,
    /** {@code true} or {@code false} ({@code bool} or {@code boolean}). */
    BOOL
  }

  /**
   * One declared input.
   *
   * @param name the name, referenced in the motif as {@code {{ .inputs.<name> }}}
   * @param type the value type
   * @param required whether every import must set it under {@code with:}
   * @param defaultValue the default as written in the motif, or {@code null} (an optional input
   *     without default is {@code ""})
   */
  public record Input(
      String name, InputType type, boolean required, @Nullable String defaultValue) {

    /** Null checks. */
    public Input {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }
}

package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.yaml.YScalar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One input a Motif declares (spec §2.14).
 *
 * @param name the input name, referenced as {@code {{ .inputs.<name> }}}
 * @param type the value type
 * @param required whether an import must bind it
 * @param defaultValue the declared default as written, or {@code null}
 * @param pos where the input is declared
 */
public record MotifInput(
    String name, Type type, boolean required, @Nullable YScalar defaultValue, SourcePos pos) {

  /** Null checks. */
  public MotifInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pos, "pos");
  }

  /** The value types of inputs; {@code int}/{@code number}/{@code bool} substitute unquoted. */
  public enum Type {
    /** Any text (the default). */
    STRING,
    /** A whole number ({@code int} or {@code integer}). */
    INT,
    /** Any number. */
    NUMBER,
    /** {@code true} or {@code false} ({@code bool} or {@code boolean}). */
    BOOL;

    /** Every spelling the schema accepts. */
    public static final List<String> SPELLINGS =
        List.of("string", "int", "integer", "number", "bool", "boolean");

    /**
     * Parses a spelling of the schema.
     *
     * @param text such as {@code integer}
     * @return the type, or empty for an unknown spelling
     */
    public static Optional<Type> parse(String text) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "string":
          return Optional.of(STRING);
        case "int":
        case "integer":
          return Optional.of(INT);
        case "number":
          return Optional.of(NUMBER);
        case "bool":
        case "boolean":
          return Optional.of(BOOL);
        default:
          return Optional.empty();
      }
    }

    /**
     * The lower-case name used in messages.
     *
     * @return such as {@code int}
     */
    public String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

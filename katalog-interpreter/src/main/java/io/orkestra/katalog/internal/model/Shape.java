package io.orkestra.katalog.internal.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a YAML block as far as the {@link SchemaChecker} goes: which keys a mapping may
 * have, the shape of each value, and for values the binder does not read itself, a scalar type
 * (boolean, duration, enumeration). Values the binder reads are typed by the binder, not here, so
 * that a problem is reported once.
 */
sealed interface Shape
    permits Shape.Obj, Shape.MapOf, Shape.ListOf, Shape.Any, Shape.Scalar, Shape.Forms {

  /** Anything: not checked (free-form maps such as labels, or blocks whose schema is unknown). */
  Any ANY = new Any();

  /** {@code true} or {@code false}. */
  Scalar BOOL = new Scalar(ScalarType.BOOL, List.of());

  /** A Go duration such as {@code 30s}; templates ({@code {{ }}}) are accepted as written. */
  Scalar DURATION = new Scalar(ScalarType.DURATION, List.of());

  /** A whole number. */
  Scalar INT = new Scalar(ScalarType.INT, List.of());

  /** Any scalar (text, number or boolean), not a mapping or a list. */
  Scalar TEXT = new Scalar(ScalarType.TEXT, List.of());

  /**
   * A mapping with a fixed set of keys.
   *
   * @param fields each known key and the shape of its value
   * @param renamed keys removed from the schema, each with the key that replaced it: reported as
   *     renamed rather than unknown
   */
  record Obj(Map<String, Shape> fields, Map<String, String> renamed) implements Shape {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      renamed = Map.copyOf(renamed);
    }
  }

  /**
   * A mapping with user-chosen keys (such as {@code spec.crds}) whose values share a shape.
   *
   * @param value shape of every value
   */
  record MapOf(Shape value) implements Shape {
    public MapOf {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A list whose items share a shape.
   *
   * @param item shape of every item
   */
  record ListOf(Shape item) implements Shape {
    public ListOf {
      Objects.requireNonNull(item, "item");
    }
  }

  /** See {@link #ANY}. */
  record Any() implements Shape {}

  /** What a {@link Scalar} holds. */
  enum ScalarType {
    BOOL,
    DURATION,
    INT,
    TEXT,
    ONE_OF
  }

  /**
   * A scalar value of a type.
   *
   * @param type the type
   * @param values the allowed values for {@link ScalarType#ONE_OF}, else empty
   */
  record Scalar(ScalarType type, List<String> values) implements Shape {
    public Scalar {
      Objects.requireNonNull(type, "type");
      values = List.copyOf(values);
    }
  }

  /**
   * A value that may be written in several forms, told apart by YAML node type (such as {@code
   * retryBackoff: 1s} or {@code retryBackoff: {initial: 1s}}); a {@code null} form is not allowed.
   *
   * @param scalar the shape of the scalar form
   * @param mapping the shape of the mapping form
   * @param list the shape of the list form
   */
  record Forms(@Nullable Shape scalar, @Nullable Shape mapping, @Nullable Shape list)
      implements Shape {}

  /**
   * A scalar with a fixed set of values.
   *
   * @param values the allowed values
   * @return the shape
   */
  static Scalar oneOf(String... values) {
    return new Scalar(ScalarType.ONE_OF, List.of(values));
  }

  /**
   * Starts a mapping shape.
   *
   * @return a builder
   */
  static Builder obj() {
    return new Builder();
  }

  /** Builds {@link Obj} shapes; later calls win for the same key. */
  final class Builder {
    private final Map<String, Shape> fields = new LinkedHashMap<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();

    /**
     * Keys whose values are not checked further.
     *
     * @param keys the keys
     * @return this
     */
    Builder any(String... keys) {
      for (String k : keys) {
        fields.put(k, ANY);
      }
      return this;
    }

    /**
     * A key with a checked value.
     *
     * @param key the key
     * @param shape the value's shape
     * @return this
     */
    Builder field(String key, Shape shape) {
      fields.put(key, shape);
      return this;
    }

    /**
     * Several keys sharing one checked value shape.
     *
     * @param shape the values' shape
     * @param keys the keys
     * @return this
     */
    Builder fields(Shape shape, String... keys) {
      for (String k : keys) {
        fields.put(k, shape);
      }
      return this;
    }

    /**
     * A key the schema no longer accepts (a hard rename of Orkestra 0.7.13-0.7.17, spec §0.1).
     *
     * @param old the removed key
     * @param replacement the key to write instead
     * @return this
     */
    Builder renamed(String old, String replacement) {
      renamed.put(old, replacement);
      return this;
    }

    /**
     * All keys (and renamed keys) of another mapping shape.
     *
     * @param other the shape to include
     * @return this
     */
    Builder include(Obj other) {
      fields.putAll(other.fields());
      renamed.putAll(other.renamed());
      return this;
    }

    Obj build() {
      return new Obj(fields, renamed);
    }
  }
}

package io.orkestra.katalog.internal.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a YAML block as far as key checking goes: which keys a mapping may have, and the
 * shape of each value. Types of values are checked by the binder, not here.
 */
sealed interface Shape permits Shape.Obj, Shape.MapOf, Shape.ListOf, Shape.Any {

  /** Anything: not checked (free-form maps such as labels, or blocks not catalogued yet). */
  Any ANY = new Any();

  /**
   * A mapping with a fixed set of keys.
   *
   * @param fields each known key and the shape of its value
   */
  record Obj(Map<String, Shape> fields) implements Shape {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
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
     * All keys of another mapping shape.
     *
     * @param other the shape to include
     * @return this
     */
    Builder include(Obj other) {
      fields.putAll(other.fields());
      return this;
    }

    Obj build() {
      return new Obj(fields);
    }
  }
}

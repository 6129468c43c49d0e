package io.orkestra.katalog.internal.yaml;

/** How a scalar was written; decides how offsets in its text map back to columns. */
public enum ScalarStyle {
  /** Unquoted. */
  PLAIN,
  /** {@code 'single quoted'} ({@code ''} is one quote). */
  SINGLE_QUOTED,
  /** {@code "double quoted"} (backslash escapes). */
  DOUBLE_QUOTED,
  /** Literal block {@code |}: lines kept as written. */
  LITERAL,
  /** Folded block {@code >}. */
  FOLDED,
  /**
   * Not as written: text produced by the loader from a written scalar (motif input substitution);
   * every offset maps to the start of the written scalar.
   */
  DERIVED
}

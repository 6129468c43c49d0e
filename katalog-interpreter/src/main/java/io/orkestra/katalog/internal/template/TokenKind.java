package io.orkestra.katalog.internal.template;

/** Token kinds of the template lexer (the item types of Go's {@code text/template/parse}). */
enum TokenKind {
  /** Plain text outside actions (trim markers already applied). */
  TEXT,
  /** <code>{{</code> (or <code>{{- </code>). */
  LEFT_DELIM,
  /** <code>}}</code> (or <code> -}}</code>). */
  RIGHT_DELIM,
  /** A run of white space inside an action; separates arguments. */
  SPACE,
  /** {@code .name}: one field step (a chain {@code .a.b} is two FIELD tokens). */
  FIELD,
  /** {@code .} alone: the current data. */
  DOT,
  /** A function name. */
  IDENTIFIER,
  /** {@code if}, {@code else}, {@code end}, {@code range}, {@code with}, ... */
  KEYWORD,
  /** {@code true} or {@code false}. */
  BOOL,
  /** {@code nil}. */
  NIL,
  /** A number literal (Go syntax). */
  NUMBER,
  /** A double-quoted string literal, quotes included. */
  STRING,
  /** A back-quoted raw string literal, quotes included. */
  RAW_STRING,
  /** A character constant such as {@code 'a'}, quotes included. */
  CHAR,
  /** {@code $} or {@code $name}. */
  VARIABLE,
  /** {@code |}. */
  PIPE,
  /** {@code (}. */
  LEFT_PAREN,
  /** {@code )}. */
  RIGHT_PAREN,
  /** {@code ,} (range variable lists). */
  COMMA,
  /** {@code :=}. */
  DECLARE,
  /** {@code =}. */
  ASSIGN,
  /** End of input. */
  EOF
}

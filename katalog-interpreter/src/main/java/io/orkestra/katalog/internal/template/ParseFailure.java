package io.orkestra.katalog.internal.template;

/** A lexing or parsing error at an offset of the template text; {@link Template} adds the file. */
final class ParseFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  ParseFailure(int offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  int offset() {
    return offset;
  }
}

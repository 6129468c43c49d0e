package io.orkestra.katalog.internal.template;

/** An evaluation error at an offset of the template text; {@link Template} adds the file. */
final class EvalFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  EvalFailure(int offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  int offset() {
    return offset;
  }
}

package io.orkestra.katalog.internal.template;

/**
 * One lexer token.
 *
 * @param kind what it is
 * @param offset index of its first character in the template text
 * @param text its text (for TEXT: after trimming)
 */
record Token(TokenKind kind, int offset, String text) {
  @Override
  public String toString() {
    return kind == TokenKind.EOF
        ? "end of template"
        : kind == TokenKind.SPACE ? "space" : '"' + text + '"';
  }
}

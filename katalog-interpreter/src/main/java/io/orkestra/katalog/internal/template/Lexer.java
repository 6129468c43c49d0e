package io.orkestra.katalog.internal.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits template text into tokens, following Go's {@code text/template} lexical rules: actions
 * are delimited by <code>{{</code> and <code>}}</code>; <code>{{- </code> trims the white space
 * before the action and <code> -}}</code> the white space after it (the space next to the dash is
 * required, as in Go, so <code>{{-3}}</code> is the number -3); <code>{{/* ... *&#47;}}</code> is
 * a comment. Inside actions white space is kept as {@link TokenKind#SPACE} tokens because it
 * separates arguments.
 */
final class Lexer {

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private boolean trimNextText;
  private final Deque<Integer> openParens = new ArrayDeque<>();

  private Lexer(String input) {
    this.input = input;
  }

  /**
   * Lexes a whole template.
   *
   * @param input the template text
   * @return the tokens, ending with {@link TokenKind#EOF}
   * @throws ParseFailure on a lexical error
   */
  static List<Token> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.tokens;
  }

  private void run() {
    while (pos < input.length()) {
      int delim = input.indexOf(LEFT, pos);
      int end = delim < 0 ? input.length() : delim;
      boolean trimLeft = delim >= 0 && hasLeftTrimMarker(delim + LEFT.length());
      emitText(pos, end, trimLeft);
      if (delim < 0) {
        pos = input.length();
        break;
      }
      pos = delim + LEFT.length() + (trimLeft ? 2 : 0);
      if (input.startsWith("/*", pos)) {
        comment(delim);
      } else {
        tokens.add(new Token(TokenKind.LEFT_DELIM, delim, input.substring(delim, pos)));
        insideAction(delim);
      }
    }
    tokens.add(new Token(TokenKind.EOF, input.length(), ""));
  }

  private void emitText(int start, int end, boolean trimRight) {
    int s = start;
    int e = end;
    if (trimNextText) {
      while (s < e && isSpace(input.charAt(s))) {
        s++;
      }
      trimNextText = false;
    }
    if (trimRight) {
      while (e > s && isSpace(input.charAt(e - 1))) {
        e--;
      }
    }
    if (e > s) {
      tokens.add(new Token(TokenKind.TEXT, s, input.substring(s, e)));
    }
  }

  private boolean hasLeftTrimMarker(int at) {
    return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  private boolean hasRightTrimMarker(int at) {
    return at + 1 < input.length()
        && isSpace(input.charAt(at))
        && input.charAt(at + 1) == '-'
        && input.startsWith(RIGHT, at + 2);
  }

  private void comment(int delimStart) {
    int close = input.indexOf("*/", pos + 2);
    if (close < 0) {
      throw new ParseFailure(delimStart, "unclosed comment");
    }
    pos = close + 2;
    if (hasRightTrimMarker(pos)) {
      pos += 2 + RIGHT.length();
      trimNextText = true;
    } else if (input.startsWith(RIGHT, pos)) {
      pos += RIGHT.length();
    } else {
      throw new ParseFailure(delimStart, "comment ends before closing delimiter");
    }
  }

  private void insideAction(int delimStart) {
    openParens.clear();
    while (true) {
      if (pos >= input.length()) {
        throw new ParseFailure(delimStart, "unclosed action");
      }
      char c = input.charAt(pos);
      if (hasRightTrimMarker(pos) || input.startsWith(RIGHT, pos)) {
        if (!openParens.isEmpty()) {
          throw new ParseFailure(openParens.peek(), "unclosed left paren");
        }
        int start = pos;
        boolean trim = hasRightTrimMarker(pos);
        pos += (trim ? 2 : 0) + RIGHT.length();
        trimNextText = trim;
        tokens.add(new Token(TokenKind.RIGHT_DELIM, start, input.substring(start, pos)));
        return;
      }
      if (isSpace(c)) {
        space();
      } else if (c == '|') {
        single(TokenKind.PIPE);
      } else if (c == '(') {
        openParens.push(pos);
        single(TokenKind.LEFT_PAREN);
      } else if (c == ')') {
        if (openParens.poll() == null) {
          throw new ParseFailure(pos, "unexpected right paren");
        }
        single(TokenKind.RIGHT_PAREN);
      } else if (c == ',') {
        single(TokenKind.COMMA);
      } else if (c == ':') {
        if (!input.startsWith(":=", pos)) {
          throw new ParseFailure(pos, "expected :=");
        }
        tokens.add(new Token(TokenKind.DECLARE, pos, ":="));
        pos += 2;
      } else if (c == '=') {
        single(TokenKind.ASSIGN);
      } else if (c == '"') {
        quoted('"', TokenKind.STRING, "unterminated quoted string", false);
      } else if (c == '`') {
        quoted('`', TokenKind.RAW_STRING, "unterminated raw quoted string", true);
      } else if (c == '\'') {
        quoted('\'', TokenKind.CHAR, "unterminated character constant", false);
      } else if (c == '$') {
        word(TokenKind.VARIABLE, pos + 1);
      } else if (c == '.') {
        dot();
      } else if (c == '+' || c == '-' || Character.isDigit(c)) {
        number();
      } else if (isAlpha(c)) {
        identifier();
      } else {
        throw new ParseFailure(pos, "unrecognized character in action: '" + c + "'");
      }
    }
  }

  private void space() {
    int start = pos;
    while (pos < input.length() && isSpace(input.charAt(pos)) && !hasRightTrimMarker(pos)) {
      pos++;
    }
    if (pos == start) {
      return; // the space belongs to a right trim marker
    }
    tokens.add(new Token(TokenKind.SPACE, start, input.substring(start, pos)));
  }

  private void single(TokenKind kind) {
    tokens.add(new Token(kind, pos, input.substring(pos, pos + 1)));
    pos++;
  }

  private void quoted(char quote, TokenKind kind, String unterminated, boolean raw) {
    int start = pos++;
    while (true) {
      if (pos >= input.length() || (!raw && input.charAt(pos) == '\n')) {
        throw new ParseFailure(start, unterminated);
      }
      char c = input.charAt(pos++);
      if (!raw && c == '\\' && pos < input.length()) {
        pos++;
      } else if (c == quote) {
        break;
      }
    }
    tokens.add(new Token(kind, start, input.substring(start, pos)));
  }

  private void word(TokenKind kind, int from) {
    int start = pos;
    pos = from;
    while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      pos++;
    }
    checkTerminator();
    tokens.add(new Token(kind, start, input.substring(start, pos)));
  }

  private void dot() {
    if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
      number();
    } else if (pos + 1 < input.length() && isAlpha(input.charAt(pos + 1))) {
      word(TokenKind.FIELD, pos + 1);
    } else {
      single(TokenKind.DOT);
      checkTerminator();
    }
  }

  private void identifier() {
    int start = pos;
    while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      pos++;
    }
    checkTerminator();
    String w = input.substring(start, pos);
    TokenKind kind =
        KEYWORDS.contains(w)
            ? TokenKind.KEYWORD
            : w.equals("true") || w.equals("false")
                ? TokenKind.BOOL
                : w.equals("nil") ? TokenKind.NIL : TokenKind.IDENTIFIER;
    tokens.add(new Token(kind, start, w));
  }

  private void number() {
    int start = pos;
    if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
      pos++;
    }
    String digits = "0123456789_";
    if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
      pos += 2;
      digits = "0123456789abcdefABCDEF_";
    } else if (input.startsWith("0o", pos) || input.startsWith("0O", pos)) {
      pos += 2;
      digits = "01234567_";
    } else if (input.startsWith("0b", pos) || input.startsWith("0B", pos)) {
      pos += 2;
      digits = "01_";
    }
    accept(digits);
    if (pos < input.length() && input.charAt(pos) == '.') {
      pos++;
      accept(digits);
    }
    if (digits.length() <= 11 && pos < input.length() && "eE".indexOf(input.charAt(pos)) >= 0) {
      pos++;
      if (pos < input.length() && "+-".indexOf(input.charAt(pos)) >= 0) {
        pos++;
      }
      accept("0123456789_");
    }
    if (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      pos++;
      throw new ParseFailure(start, "bad number syntax: " + input.substring(start, pos));
    }
    String text = input.substring(start, pos);
    if (text.chars().noneMatch(Character::isDigit)) {
      throw new ParseFailure(start, "bad number syntax: " + text);
    }
    tokens.add(new Token(TokenKind.NUMBER, start, text));
  }

  private void accept(String valid) {
    while (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
      pos++;
    }
  }

  /** After a word, Go requires a separator; {@code .} continues a field chain. */
  private void checkTerminator() {
    if (pos >= input.length()) {
      return;
    }
    char c = input.charAt(pos);
    if (isSpace(c) || ".,|:)(=".indexOf(c) >= 0 || input.startsWith(RIGHT, pos)) {
      return;
    }
    throw new ParseFailure(pos, "bad character '" + c + "'");
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlpha(char c) {
    return c == '_' || Character.isLetter(c);
  }

  private static boolean isAlphaNumeric(char c) {
    return isAlpha(c) || Character.isDigit(c);
  }
}

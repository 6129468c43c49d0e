package io.orkestra.katalog.internal.template;

import io.orkestra.katalog.internal.support.Suggestions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recursive-descent parser from tokens to the {@link Ast}, following Go's {@code
 * text/template/parse} grammar. Checks at parse time what Go checks only at execution, so that
 * problems surface when the Katalog is loaded: unknown functions (with a suggestion), wrong
 * argument counts, arguments given to a non-function, a non-function after {@code |}.
 *
 * <p>Not yet supported (reported as parse errors, not silently ignored): control actions ({@code
 * if}, {@code range}, {@code with}, {@code define}, {@code template}, {@code block}) and variables
 * other than {@code $}.
 */
final class Parser {

  /** Parser runs in this JVM; lets tests prove that evaluation never re-parses. */
  private static final AtomicLong INVOCATIONS = new AtomicLong();

  private final List<Token> tokens;
  private final FunctionTable functions;
  private int index;

  private Parser(List<Token> tokens, FunctionTable functions) {
    this.tokens = tokens;
    this.functions = functions;
  }

  /**
   * Parses a template.
   *
   * @param text the template text
   * @param functions the functions names may refer to
   * @return the tree
   * @throws ParseFailure on the first error
   */
  static Ast.Root parse(String text, FunctionTable functions) {
    INVOCATIONS.incrementAndGet();
    return new Parser(Lexer.lex(text), functions).root();
  }

  /**
   * How many times {@link #parse} has run in this JVM.
   *
   * @return the count
   */
  static long invocations() {
    return INVOCATIONS.get();
  }

  private Ast.Root root() {
    List<Ast.Node> nodes = new ArrayList<>();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case TEXT:
          nodes.add(new Ast.Text(t.offset(), t.text()));
          break;
        case LEFT_DELIM:
          nodes.add(action(t));
          break;
        case EOF:
          return new Ast.Root(nodes);
        default:
          throw unexpected(t, "in template");
      }
    }
  }

  private Ast.Action action(Token delim) {
    Token first = peekNonSpace();
    if (first.kind() == TokenKind.KEYWORD) {
      throw new ParseFailure(
          first.offset(),
          "'"
              + first.text()
              + "' actions are not supported yet (control structures come with the full template"
              + " language)");
    }
    if (first.kind() == TokenKind.RIGHT_DELIM) {
      throw new ParseFailure(delim.offset(), "missing value for command");
    }
    return new Ast.Action(delim.offset(), pipeline(TokenKind.RIGHT_DELIM, "action"));
  }

  private Ast.Pipe pipeline(TokenKind end, String context) {
    int first = index;
    while (tokens.get(first).kind() == TokenKind.SPACE) {
      first++;
    }
    Token start = tokens.get(first);
    if (start.kind() == TokenKind.VARIABLE) {
      Token afterVariable = peekNonSpaceAfter(first + 1);
      if (afterVariable.kind() == TokenKind.DECLARE
          || afterVariable.kind() == TokenKind.ASSIGN
          || afterVariable.kind() == TokenKind.COMMA) {
        throw new ParseFailure(start.offset(), "variable declarations are not supported yet");
      }
    }
    List<Ast.Command> commands = new ArrayList<>();
    while (true) {
      commands.add(command(end, !commands.isEmpty()));
      Token t = next();
      if (t.kind() == end) {
        break;
      }
      if (t.kind() != TokenKind.PIPE) {
        throw unexpected(t, "in " + context);
      }
    }
    return new Ast.Pipe(start.offset(), commands);
  }

  private Ast.Command command(TokenKind end, boolean piped) {
    List<Ast.Arg> args = new ArrayList<>();
    while (true) {
      skipSpaces();
      Token t = peek();
      if (t.kind() == end || t.kind() == TokenKind.PIPE) {
        break;
      }
      if (t.kind() == TokenKind.RIGHT_DELIM
          || t.kind() == TokenKind.RIGHT_PAREN
          || t.kind() == TokenKind.EOF) {
        throw unexpected(t, "in operand");
      }
      args.add(operand(!args.isEmpty()));
      Token after = peek();
      if (after.kind() != TokenKind.SPACE
          && after.kind() != end
          && after.kind() != TokenKind.PIPE) {
        throw unexpected(after, "in operand");
      }
    }
    if (args.isEmpty()) {
      throw new ParseFailure(
          peek().offset(), piped ? "missing command after |" : "missing value for command");
    }
    Ast.Arg first = args.get(0);
    if (first instanceof Ast.Function) {
      checkArity(((Ast.Function) first), args.size() - 1 + (piped ? 1 : 0));
    } else if (args.size() > 1 || piped) {
      throw new ParseFailure(
          first.offset(), "can't give argument to non-function " + describe(first));
    } else if (first instanceof Ast.Nil) {
      throw new ParseFailure(first.offset(), "nil is not a command");
    }
    return new Ast.Command(first.offset(), args);
  }

  private Ast.Arg operand(boolean isArgument) {
    Ast.Arg term = term(isArgument);
    if (peek().kind() != TokenKind.FIELD) {
      return term;
    }
    List<String> names = new ArrayList<>();
    while (peek().kind() == TokenKind.FIELD) {
      names.add(next().text().substring(1));
    }
    if (term instanceof Ast.Variable) {
      Ast.Variable v = (Ast.Variable) term;
      List<String> all = new ArrayList<>(v.names());
      all.addAll(names);
      return new Ast.Variable(v.offset(), v.name(), all);
    }
    if (term instanceof Ast.Function || term instanceof Ast.SubPipe) {
      return new Ast.Chain(term.offset(), term, names);
    }
    throw new ParseFailure(term.offset(), "unexpected . after term " + describe(term));
  }

  private Ast.Arg term(boolean isArgument) {
    Token t = next();
    switch (t.kind()) {
      case FIELD:
        List<String> names = new ArrayList<>();
        names.add(t.text().substring(1));
        while (peek().kind() == TokenKind.FIELD) {
          names.add(next().text().substring(1));
        }
        return new Ast.Field(t.offset(), names);
      case DOT:
        return new Ast.Dot(t.offset());
      case VARIABLE:
        if (!t.text().equals("$")) {
          throw new ParseFailure(
              t.offset(), "undefined variable " + t.text() + " (variables are not supported yet)");
        }
        return new Ast.Variable(t.offset(), "$", List.of());
      case IDENTIFIER:
        TemplateFunction fn =
            functions
                .lookup(t.text())
                .orElseThrow(
                    () ->
                        new ParseFailure(
                            t.offset(),
                            "unknown function '"
                                + t.text()
                                + "'"
                                + Suggestions.didYouMean(t.text(), functions.names())));
        Ast.Function function = new Ast.Function(t.offset(), fn);
        if (isArgument) {
          checkArity(function, 0); // a function used as an argument is called without arguments
        }
        return function;
      case BOOL:
        return new Ast.Bool(t.offset(), t.text().equals("true"));
      case NIL:
        return new Ast.Nil(t.offset());
      case NUMBER:
        return new Ast.Num(t.offset(), number(t), t.text());
      case STRING:
        return new Ast.Str(t.offset(), unquote(t));
      case RAW_STRING:
        return new Ast.Str(
            t.offset(), t.text().substring(1, t.text().length() - 1).replace("\r", ""));
      case CHAR:
        String c = unquote(t);
        if (c.codePointCount(0, c.length()) != 1) {
          throw new ParseFailure(t.offset(), "malformed character constant: " + t.text());
        }
        return new Ast.Num(t.offset(), (long) c.codePointAt(0), t.text());
      case LEFT_PAREN:
        return new Ast.SubPipe(
            t.offset(), pipeline(TokenKind.RIGHT_PAREN, "parenthesized pipeline"));
      default:
        throw unexpected(t, "in operand");
    }
  }

  private static void checkArity(Ast.Function f, int count) {
    TemplateFunction fn = f.function();
    if (count < fn.minArgs() || (fn.maxArgs() >= 0 && count > fn.maxArgs())) {
      String want =
          fn.maxArgs() < 0
              ? "at least " + fn.minArgs()
              : fn.minArgs() == fn.maxArgs()
                  ? String.valueOf(fn.minArgs())
                  : fn.minArgs() + " to " + fn.maxArgs();
      throw new ParseFailure(
          f.offset(), "wrong number of args for " + fn.name() + ": want " + want + " got " + count);
    }
  }

  private static Number number(Token t) {
    String s = t.text().replace("_", "");
    boolean negative = s.startsWith("-");
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    try {
      BigInteger value;
      if (lower.startsWith("0x")) {
        value = new BigInteger(body.substring(2), 16);
      } else if (lower.startsWith("0o")) {
        value = new BigInteger(body.substring(2), 8);
      } else if (lower.startsWith("0b")) {
        value = new BigInteger(body.substring(2), 2);
      } else if (lower.contains(".") || lower.contains("e")) {
        double d = Double.parseDouble(body);
        return negative ? -d : d;
      } else if (body.length() > 1 && body.startsWith("0")) {
        value = new BigInteger(body.substring(1), 8); // Go: a leading 0 means octal
      } else {
        value = new BigInteger(body);
      }
      if (negative) {
        value = value.negate();
      }
      if (value.bitLength() > 63) {
        throw new ParseFailure(t.offset(), "number out of range: " + t.text());
      }
      return value.longValue();
    } catch (NumberFormatException e) {
      throw new ParseFailure(t.offset(), "bad number syntax: " + t.text());
    }
  }

  /** Go's {@code strconv.Unquote} for double-quoted strings and character constants. */
  private static String unquote(Token t) {
    String s = t.text();
    StringBuilder sb = new StringBuilder();
    int i = 1;
    int end = s.length() - 1;
    while (i < end) {
      char c = s.charAt(i++);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'a':
          sb.append('\u0007');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'v':
          sb.append('\u000b');
          break;
        case '\\':
        case '"':
        case '\'':
          sb.append(e);
          break;
        case 'x':
        case 'u':
        case 'U':
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          sb.appendCodePoint(hex(t, s, i, len));
          i += len;
          break;
        default:
          if (e >= '0' && e <= '7' && i + 1 < end + 1) {
            try {
              sb.append((char) Integer.parseInt(s.substring(i - 1, i + 2), 8));
              i += 2;
              break;
            } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
              // fall through to the error below
            }
          }
          throw new ParseFailure(t.offset(), "invalid escape \\" + e + " in " + s);
      }
    }
    return sb.toString();
  }

  private static int hex(Token t, String s, int from, int len) {
    try {
      return Integer.parseInt(s.substring(from, from + len), 16);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new ParseFailure(t.offset(), "invalid escape in " + s);
    }
  }

  private static String describe(Ast.Arg arg) {
    if (arg instanceof Ast.Field) {
      return ((Ast.Field) arg).text();
    }
    if (arg instanceof Ast.Variable) {
      return ((Ast.Variable) arg).text();
    }
    if (arg instanceof Ast.Str) {
      return GoFormat.quote(((Ast.Str) arg).value());
    }
    if (arg instanceof Ast.Num) {
      return ((Ast.Num) arg).text();
    }
    if (arg instanceof Ast.Bool) {
      return String.valueOf(((Ast.Bool) arg).value());
    }
    if (arg instanceof Ast.Dot) {
      return ".";
    }
    if (arg instanceof Ast.Nil) {
      return "nil";
    }
    return "(pipeline)";
  }

  private ParseFailure unexpected(Token t, String context) {
    return new ParseFailure(t.offset(), "unexpected " + t + " " + context);
  }

  private Token next() {
    return tokens.get(index < tokens.size() - 1 ? index++ : index);
  }

  private Token peek() {
    return tokens.get(index);
  }

  private void skipSpaces() {
    while (peek().kind() == TokenKind.SPACE) {
      index++;
    }
  }

  private Token peekNonSpace() {
    return peekNonSpaceAfter(index);
  }

  private Token peekNonSpaceAfter(int from) {
    int i = from;
    while (i < tokens.size() - 1 && tokens.get(i).kind() == TokenKind.SPACE) {
      i++;
    }
    return tokens.get(i);
  }
}

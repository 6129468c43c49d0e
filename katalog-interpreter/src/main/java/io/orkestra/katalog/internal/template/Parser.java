package io.orkestra.katalog.internal.template;

import io.orkestra.katalog.internal.support.Suggestions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recursive-descent parser from tokens to the {@link Ast}, following Go's {@code
 * text/template/parse} grammar. Checks at parse time what Go checks only at execution, so that
 * problems surface when the Katalog is loaded: unknown functions (with a suggestion), wrong
 * argument counts, arguments given to a non-function, a non-function after {@code |}.
 *
 * <p>Control actions ({@code if}, {@code with}, {@code range} with {@code else}, {@code else if},
 * {@code break}, {@code continue}), {@code define}/{@code template}/{@code block} and variables
 * ({@code $x := }, {@code $x = }, {@code $i, $v := }) follow Go; an undefined variable, a {@code
 * template} naming no defined template and {@code break} outside {@code range} are parse errors.
 */
final class Parser {

  /** Parser runs in this JVM; lets tests prove that evaluation never re-parses. */
  private static final AtomicLong INVOCATIONS = new AtomicLong();

  private final List<Token> tokens;
  private final FunctionTable functions;
  private int index;
  private final List<String> vars = new ArrayList<>(List.of("$"));
  private final Map<String, List<Ast.Node>> defines = new LinkedHashMap<>();
  private final List<Ast.TemplateCall> calls = new ArrayList<>();
  private Token stop = new Token(TokenKind.EOF, 0, "");
  private int rangeDepth;
  private boolean inDefine;
  /** Templates defined in other files of the same set (Helm's {@code _helpers.tpl}). */
  private final java.util.Set<String> external;

  private Parser(List<Token> tokens, FunctionTable functions, java.util.Set<String> external) {
    this.tokens = tokens;
    this.functions = functions;
    this.external = external;
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
    return parse(text, functions, java.util.Set.of());
  }

  /**
   * Parses a template that may call templates defined elsewhere (the other files of a Helm
   * chart): a {@code template} call naming one of {@code external} is not an error.
   *
   * @param text the template text
   * @param functions the functions names may refer to
   * @param external names defined by other files
   * @return the tree; its defines hold only this text's own
   * @throws ParseFailure on the first error
   */
  static Ast.Root parse(String text, FunctionTable functions, java.util.Set<String> external) {
    INVOCATIONS.incrementAndGet();
    return new Parser(Lexer.lex(text), functions, external).root();
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
    List<Ast.Node> nodes = list(true);
    for (Ast.TemplateCall call : calls) {
      if (!defines.containsKey(call.name()) && !external.contains(call.name())) {
        throw new ParseFailure(call.offset(), "no such template " + GoFormat.quote(call.name()));
      }
    }
    return new Ast.Root(nodes, defines);
  }

  /**
   * Parses nodes up to {@code {{end}}}, {@code {{else}}} (left in {@link #stop}) or, at top level,
   * the end of the text.
   */
  private List<Ast.Node> list(boolean topLevel) {
    List<Ast.Node> nodes = new ArrayList<>();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case TEXT:
          nodes.add(new Ast.Text(t.offset(), t.text()));
          break;
        case LEFT_DELIM:
          Token first = peekNonSpace();
          if (first.kind() == TokenKind.KEYWORD) {
            skipSpaces();
            next();
            String word = first.text();
            if (word.equals("end") || word.equals("else")) {
              if (topLevel) {
                throw new ParseFailure(first.offset(), "unexpected {{" + word + "}}");
              }
              stop = first;
              return nodes;
            }
            Ast.Node control = control(t, first, topLevel);
            if (control != null) {
              nodes.add(control);
            }
          } else {
            nodes.add(action(t));
          }
          break;
        case EOF:
          if (!topLevel) {
            throw new ParseFailure(t.offset(), "unexpected EOF");
          }
          return nodes;
        default:
          throw unexpected(t, "in template");
      }
    }
  }

  private Ast.@org.jspecify.annotations.Nullable Node control(
      Token delim, Token keyword, boolean topLevel) {
    switch (keyword.text()) {
      case "if":
      case "with":
      case "range":
        return branch(delim, keyword.text());
      case "break":
      case "continue":
        if (rangeDepth == 0) {
          throw new ParseFailure(keyword.offset(), "{{" + keyword.text() + "}} outside {{range}}");
        }
        expectRightDelim(keyword.text());
        return keyword.text().equals("break")
            ? new Ast.Break(delim.offset())
            : new Ast.Continue(delim.offset());
      case "template":
        return templateCall(delim, "template");
      case "define":
      case "block":
        if (!topLevel || inDefine) {
          throw new ParseFailure(
              keyword.offset(), "{{" + keyword.text() + "}} is only allowed at top level");
        }
        return define(delim, keyword.text());
      default:
        throw new ParseFailure(keyword.offset(), "unexpected keyword " + keyword.text());
    }
  }

  /** if, with, range: pipeline, list, optional else (with else-if / else-with chains), end. */
  private Ast.Node branch(Token delim, String kind) {
    int mark = vars.size();
    try {
      Ast.Pipe pipe = pipeline(TokenKind.RIGHT_DELIM, kind, kind.equals("range") ? 2 : 1);
      if (kind.equals("range")) {
        rangeDepth++;
      }
      List<Ast.Node> body;
      try {
        body = list(false);
      } finally {
        if (kind.equals("range")) {
          rangeDepth--;
        }
      }
      List<Ast.Node> elseList = List.of();
      if (stop.text().equals("else")) {
        Token after = peekNonSpace();
        if (!kind.equals("range")
            && after.kind() == TokenKind.KEYWORD
            && after.text().equals(kind)) {
          // {{else if x}} is {{else}}{{if x}}...{{end}} sharing the outer end
          skipSpaces();
          Token nested = next();
          elseList = List.of(branch(new Token(TokenKind.LEFT_DELIM, nested.offset(), "{{"), kind));
          return make(kind, delim.offset(), pipe, body, elseList);
        }
        expectRightDelim("else");
        elseList = list(false);
        if (!stop.text().equals("end")) {
          throw new ParseFailure(stop.offset(), "expected end; found {{else}}");
        }
      }
      expectRightDelim("end");
      return make(kind, delim.offset(), pipe, body, elseList);
    } finally {
      truncateVars(mark);
    }
  }

  private static Ast.Node make(
      String kind, int offset, Ast.Pipe pipe, List<Ast.Node> body, List<Ast.Node> elseList) {
    switch (kind) {
      case "if":
        return new Ast.If(offset, pipe, body, elseList);
      case "with":
        return new Ast.With(offset, pipe, body, elseList);
      default:
        return new Ast.Range(offset, pipe, body, elseList);
    }
  }

  private Ast.TemplateCall templateCall(Token delim, String context) {
    skipSpaces();
    Token name = next();
    if (name.kind() != TokenKind.STRING && name.kind() != TokenKind.RAW_STRING) {
      throw unexpected(name, "in " + context + " clause");
    }
    String templateName = name.kind() == TokenKind.STRING ? unquote(name) : rawText(name);
    Ast.Pipe pipe = null;
    if (peekNonSpace().kind() != TokenKind.RIGHT_DELIM) {
      pipe = pipeline(TokenKind.RIGHT_DELIM, context, 0);
    } else {
      skipSpaces();
      next();
    }
    Ast.TemplateCall call = new Ast.TemplateCall(delim.offset(), templateName, pipe);
    calls.add(call);
    return call;
  }

  /** {{define "n"}}...{{end}} registers n; {{block "n" pipe}}...{{end}} also calls it. */
  private Ast.@org.jspecify.annotations.Nullable Node define(Token delim, String kind) {
    Ast.TemplateCall call = null;
    String name;
    if (kind.equals("block")) {
      call = templateCall(delim, "block");
      name = call.name();
    } else {
      skipSpaces();
      Token n = next();
      if (n.kind() != TokenKind.STRING && n.kind() != TokenKind.RAW_STRING) {
        throw unexpected(n, "in define clause");
      }
      name = n.kind() == TokenKind.STRING ? unquote(n) : rawText(n);
      expectRightDelim("define");
    }
    List<String> outer = new ArrayList<>(vars);
    vars.clear();
    vars.add("$");
    inDefine = true;
    List<Ast.Node> body;
    try {
      body = list(false);
    } finally {
      inDefine = false;
      vars.clear();
      vars.addAll(outer);
    }
    if (!stop.text().equals("end")) {
      throw new ParseFailure(stop.offset(), "unexpected {{else}} in " + kind);
    }
    expectRightDelim("end");
    if (defines.containsKey(name) && !defines.get(name).isEmpty()) {
      throw new ParseFailure(delim.offset(), "template: multiple definition of template " + name);
    }
    defines.put(name, body);
    return call;
  }

  private void expectRightDelim(String context) {
    skipSpaces();
    Token t = next();
    if (t.kind() != TokenKind.RIGHT_DELIM) {
      throw unexpected(t, "in " + context);
    }
  }

  private void truncateVars(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private Ast.Action action(Token delim) {
    Token first = peekNonSpace();
    if (first.kind() == TokenKind.RIGHT_DELIM) {
      throw new ParseFailure(delim.offset(), "missing value for command");
    }
    return new Ast.Action(delim.offset(), pipeline(TokenKind.RIGHT_DELIM, "command", 1));
  }

  /**
   * A pipeline, with an optional declaration ({@code $x :=}, {@code $x =}, or for range {@code $i,
   * $v :=}).
   */
  private Ast.Pipe pipeline(TokenKind end, String context, int maxDecl) {
    skipSpaces();
    Token start = peek();
    List<String> decl = new ArrayList<>();
    boolean assign = false;
    if (start.kind() == TokenKind.VARIABLE) {
      int save = index;
      next();
      Token op = peekNonSpace();
      if (op.kind() == TokenKind.COMMA && maxDecl >= 2) {
        skipSpaces();
        next();
        skipSpaces();
        Token second = next();
        Token op2 = peekNonSpace();
        if (second.kind() != TokenKind.VARIABLE
            || (op2.kind() != TokenKind.DECLARE && op2.kind() != TokenKind.ASSIGN)) {
          throw new ParseFailure(second.offset(), "range can only initialize variables");
        }
        skipSpaces();
        assign = next().kind() == TokenKind.ASSIGN;
        decl.add(start.text());
        decl.add(second.text());
      } else if (op.kind() == TokenKind.COMMA) {
        throw new ParseFailure(op.offset(), "too many declarations in " + context);
      } else if (op.kind() == TokenKind.DECLARE || op.kind() == TokenKind.ASSIGN) {
        if (maxDecl == 0) {
          throw new ParseFailure(start.offset(), "unexpected declaration in " + context);
        }
        skipSpaces();
        assign = next().kind() == TokenKind.ASSIGN;
        decl.add(start.text());
      } else {
        index = save;
      }
      if (assign) {
        for (String v : decl) {
          if (!vars.contains(v)) {
            throw new ParseFailure(start.offset(), "undefined variable " + v);
          }
        }
      }
    }
    Token firstCommand = peekNonSpace();
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
    if (!assign) {
      vars.addAll(decl); // visible after the declaration, as in Go
    }
    return new Ast.Pipe(
        decl.isEmpty() ? firstCommand.offset() : start.offset(), decl, assign, commands);
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
        if (!vars.contains(t.text())) {
          throw new ParseFailure(t.offset(), "undefined variable " + t.text());
        }
        return new Ast.Variable(t.offset(), t.text(), List.of());
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
        return new Ast.Str(t.offset(), rawText(t));
      case CHAR:
        String c = unquote(t);
        if (c.codePointCount(0, c.length()) != 1) {
          throw new ParseFailure(t.offset(), "malformed character constant: " + t.text());
        }
        return new Ast.Num(t.offset(), (long) c.codePointAt(0), t.text());
      case LEFT_PAREN:
        return new Ast.SubPipe(
            t.offset(), pipeline(TokenKind.RIGHT_PAREN, "parenthesized pipeline", 1));
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

  private static String rawText(Token t) {
    return t.text().substring(1, t.text().length() - 1).replace("\r", "");
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

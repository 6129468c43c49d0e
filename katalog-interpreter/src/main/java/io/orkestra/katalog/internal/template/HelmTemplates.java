package io.orkestra.katalog.internal.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.orkestra.katalog.internal.support.SourcePos;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the templates of one Helm chart with this engine, the way {@code helm template} would for
 * the features Katalog charts use. All files share their {@code define}s (partials such as {@code
 * _helpers.tpl} only contribute defines and are not rendered). Functions: the built-ins and notes,
 * plus Helm's own which exist only here, so that they never shadow an Orkestra note: {@code
 * include}, {@code tpl}, {@code toYaml}, {@code fromYaml}, {@code required}, {@code fail}, {@code
 * indent}, {@code nindent}, {@code squote}, {@code dict}, {@code hasKey}, {@code b64enc}, {@code
 * trunc}.
 *
 * <p>Differences from Helm: a missing value printed is an error naming the field (Helm prints
 * nothing); an error inside a {@code template} call is reported at the call.
 *
 * <p>Not thread-safe: one instance renders one chart.
 */
public final class HelmTemplates {

  /** Most nested {@code include}/{@code tpl} calls. */
  private static final int MAX_INCLUDE_DEPTH = 100;

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  /**
   * One chart file.
   *
   * @param display how the file is named in messages (for example {@code
   *     charts/app/templates/katalog.yaml})
   * @param name Helm's template name ({@code <chart>/templates/katalog.yaml}, for {@code
   *     .Template.Name})
   * @param text the file content
   */
  public record Source(String display, String name, String text) {}

  /**
   * The output of one template file.
   *
   * @param source the file
   * @param text the rendered text
   */
  public record Rendered(Source source, String text) {}

  private final Map<String, List<Ast.Node>> defines = new LinkedHashMap<>();
  /** Which file each define came from, for error positions inside included templates. */
  private final Map<String, Source> defineSource = new LinkedHashMap<>();

  private final FunctionTable functions;
  private final Clock clock;
  private int depth;

  private HelmTemplates(Clock clock) {
    this.clock = clock;
    FunctionTable t = FunctionTable.builtins();
    for (TemplateFunction f : helmFunctions()) {
      t = t.with(f);
    }
    this.functions = t;
  }

  /**
   * Renders a chart.
   *
   * @param partials files whose names start with {@code _} (defines only)
   * @param templates the files to render, in output order
   * @param context the root data ({@code .Values}, {@code .Release}, {@code .Chart}, ...)
   * @param clock the time source of time functions
   * @return one output per template
   * @throws TemplateException at the file position of the first syntax or evaluation error
   */
  public static List<Rendered> render(
      List<Source> partials, List<Source> templates, ObjectNode context, Clock clock) {
    return new HelmTemplates(clock).run(partials, templates, context);
  }

  private List<Rendered> run(List<Source> partials, List<Source> templates, ObjectNode context) {
    List<Source> all = new ArrayList<>(partials);
    all.addAll(templates);
    List<Ast.Root> roots = new ArrayList<>();
    for (Source s : all) {
      roots.add(parse(s));
    }
    for (int i = 0; i < all.size(); i++) {
      for (Map.Entry<String, List<Ast.Node>> d : roots.get(i).defines().entrySet()) {
        defines.put(d.getKey(), d.getValue());
        defineSource.put(d.getKey(), all.get(i));
      }
    }
    List<Rendered> out = new ArrayList<>();
    for (int i = partials.size(); i < all.size(); i++) {
      Source s = all.get(i);
      ObjectNode data = context.deepCopy();
      ObjectNode template = data.putObject("Template");
      template.put("Name", s.name());
      int slash = s.name().lastIndexOf('/');
      template.put("BasePath", slash < 0 ? "" : s.name().substring(0, slash));
      Ast.Root root = new Ast.Root(roots.get(i).nodes(), defines);
      try {
        out.add(new Rendered(s, Evaluator.execute(root, new Scope(data, clock))));
      } catch (EvalFailure e) {
        throw new TemplateEvaluationException(at(s, e.offset()), e.getMessage());
      }
    }
    return out;
  }

  private Ast.Root parse(Source s) {
    try {
      // a template call may name a define of any file: check those names after all are parsed
      return Parser.parse(s.text(), functions, new AnyName());
    } catch (ParseFailure e) {
      throw new TemplateSyntaxException(at(s, e.offset()), e.getMessage());
    }
  }

  /** Accepts every name at parse time; a call to an unknown define fails when it runs. */
  private static final class AnyName extends java.util.AbstractSet<String> {
    @Override
    public boolean contains(Object o) {
      return true;
    }

    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Collections.emptyIterator();
    }

    @Override
    public int size() {
      return 0;
    }
  }

  /** The file position of an offset in a source's text. */
  private static SourcePos at(Source s, int offset) {
    String text = s.text();
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new SourcePos(s.display(), line, col);
  }

  // ---------------------------------------------------------------- Helm's functions

  private List<TemplateFunction> helmFunctions() {
    List<TemplateFunction> f = new ArrayList<>();
    f.add(new TemplateFunction("include", 2, 2, true, (a, s) -> include(text(a.get(0), "include"), a.get(1))));
    f.add(new TemplateFunction("tpl", 2, 2, true, (a, s) -> tpl(text(a.get(0), "tpl"), a.get(1))));
    f.add(new TemplateFunction("toYaml", 1, 1, true, (a, s) -> toYaml(a.get(0))));
    f.add(new TemplateFunction("fromYaml", 1, 1, false, (a, s) -> fromYaml(text(a.get(0), "fromYaml"))));
    f.add(new TemplateFunction("required", 2, 2, true, (a, s) -> required(a.get(0), a.get(1))));
    f.add(new TemplateFunction("fail", 1, 1, false, (a, s) -> {
      throw new FunctionError(Values.print(a.get(0)));
    }));
    f.add(new TemplateFunction("indent", 2, 2, false, (a, s) -> indent(a.get(0), a.get(1), false)));
    f.add(new TemplateFunction("nindent", 2, 2, false, (a, s) -> indent(a.get(0), a.get(1), true)));
    f.add(new TemplateFunction("squote", 1, -1, true, (a, s) -> squote(a)));
    f.add(new TemplateFunction("dict", 0, -1, true, (a, s) -> dict(a)));
    f.add(new TemplateFunction("hasKey", 2, 2, false, (a, s) -> a.get(0) instanceof JsonNode m
        && m.isObject() && m.has(text(a.get(1), "hasKey"))));
    f.add(new TemplateFunction("b64enc", 1, 1, false, (a, s) -> Base64.getEncoder()
        .encodeToString(Values.print(a.get(0)).getBytes(StandardCharsets.UTF_8))));
    f.add(new TemplateFunction("trunc", 2, 2, false, (a, s) -> trunc(a.get(0), a.get(1))));
    return f;
  }

  private static String text(@Nullable Object v, String fn) {
    if (v instanceof String s) {
      return s;
    }
    throw new FunctionError(fn + ": expected a string, got " + Values.typeName(v));
  }

  private String include(String name, @Nullable Object data) {
    List<Ast.Node> body = defines.get(name);
    if (body == null) {
      throw new FunctionError("include: no template " + GoFormat.quote(name) + " in the chart");
    }
    Source from = defineSource.get(name);
    return execute(new Ast.Root(body, defines), data, from, "template " + GoFormat.quote(name));
  }

  private String tpl(String text, @Nullable Object data) {
    Source inline = new Source("tpl", "tpl", text);
    Ast.Root root;
    try {
      root = Parser.parse(text, functions, defines.keySet());
    } catch (ParseFailure e) {
      throw new FunctionError("tpl: " + e.getMessage());
    }
    Map<String, List<Ast.Node>> merged = new LinkedHashMap<>(defines);
    merged.putAll(root.defines());
    return execute(new Ast.Root(root.nodes(), merged), data, inline, "tpl text");
  }

  private String execute(Ast.Root root, @Nullable Object data, Source from, String what) {
    try {
      if (++depth > MAX_INCLUDE_DEPTH) {
        throw new FunctionError("include/tpl calls nest deeper than " + MAX_INCLUDE_DEPTH);
      }
      return Evaluator.execute(root, new Scope(json(data), clock));
    } catch (EvalFailure e) {
      String m = String.valueOf(e.getMessage()).replaceFirst("^error calling (include|tpl): ", "");
      if (m.startsWith("in template ") || m.startsWith("in tpl text") || m.startsWith("include/tpl")) {
        throw new FunctionError(m); // already located at the innermost define
      }
      throw new FunctionError("in " + what + " at " + at(from, e.offset()) + ": " + m);
    } finally {
      depth--;
    }
  }

  private static JsonNode json(@Nullable Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v instanceof JsonNode n) {
      return n;
    }
    if (v instanceof String s) {
      return f.textNode(s);
    }
    if (v instanceof Long l) {
      return f.numberNode(l);
    }
    if (v instanceof Double d) {
      return f.numberNode(d);
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v == null || v instanceof Missing) {
      return f.nullNode();
    }
    return f.textNode(Values.print(v));
  }

  private static String toYaml(@Nullable Object v) {
    if (v == null || v instanceof Missing) {
      return "null";
    }
    try {
      String s = YAML.writeValueAsString(json(v));
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (JsonProcessingException e) {
      throw new FunctionError("toYaml: " + e.getOriginalMessage());
    }
  }

  private static Object fromYaml(String text) {
    try {
      JsonNode n = YAML.readTree(text);
      return n == null || n.isMissingNode() ? JsonNodeFactory.instance.objectNode() : n;
    } catch (JsonProcessingException e) {
      ObjectNode err = JsonNodeFactory.instance.objectNode();
      err.put("Error", e.getOriginalMessage());
      return err;
    }
  }

  private static Object required(@Nullable Object message, @Nullable Object v) {
    if (v == null || v instanceof Missing || (v instanceof String s && s.isEmpty())) {
      throw new FunctionError(Values.print(message));
    }
    return v;
  }

  private static String indent(@Nullable Object n, @Nullable Object v, boolean newline) {
    if (!(n instanceof Long count) || count < 0) {
      throw new FunctionError((newline ? "nindent" : "indent") + ": expected a count >= 0, got "
          + Values.typeName(n));
    }
    String pad = " ".repeat((int) Math.min(count, 1000));
    String out = pad + Values.print(v).replace("\n", "\n" + pad);
    return newline ? "\n" + out : out;
  }

  private static String squote(List<@Nullable Object> args) {
    List<String> parts = new ArrayList<>();
    for (Object a : args) {
      if (a != null && !(a instanceof Missing)) {
        parts.add("'" + Values.print(a) + "'");
      }
    }
    return String.join(" ", parts);
  }

  private static ObjectNode dict(List<@Nullable Object> args) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < args.size(); i += 2) {
      String key = Values.print(args.get(i));
      m.set(key, i + 1 < args.size() ? json(args.get(i + 1)) : JsonNodeFactory.instance.textNode(""));
    }
    return m;
  }

  private static String trunc(@Nullable Object n, @Nullable Object v) {
    if (!(n instanceof Long count)) {
      throw new FunctionError("trunc: expected an integer, got " + Values.typeName(n));
    }
    String s = Values.print(v);
    if (count >= 0) {
      return s.length() > count ? s.substring(0, (int) (long) count) : s;
    }
    long keep = -count;
    return s.length() > keep ? s.substring((int) (s.length() - keep)) : s;
  }
}

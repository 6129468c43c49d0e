package io.orkestra.katalog.internal.template;

import io.orkestra.katalog.internal.support.SourcePos;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A template compiled once and evaluated many times. Immutable and thread-safe.
 *
 * <p>A text without <code>{{</code> is a literal: it is returned verbatim and never parsed (as
 * Orkestra does). Everything else is lexed and parsed into an {@link Ast} when compiled;
 * rendering only walks the tree.
 */
public final class Template {

  private final String name;
  private final String source;
  private final SourceMap sourceMap;
  private final Ast.@Nullable Root root;

  private Template(String name, String source, SourceMap sourceMap, Ast.@Nullable Root root) {
    this.name = name;
    this.source = source;
    this.sourceMap = sourceMap;
    this.root = root;
  }

  /**
   * Compiles a template.
   *
   * @param name what the template is (for a YAML value: its path), used in messages
   * @param source the template text
   * @param sourceMap maps offsets in {@code source} to file positions
   * @param functions the functions the template may call
   * @return the compiled template
   * @throws TemplateSyntaxException at the position of the first syntax error, unknown function or
   *     wrong argument count
   */
  public static Template compile(
      String name, String source, SourceMap sourceMap, FunctionTable functions) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceMap, "sourceMap");
    if (!source.contains("{{")) {
      return new Template(name, source, sourceMap, null);
    }
    try {
      return new Template(name, source, sourceMap, Parser.parse(source, functions));
    } catch (ParseFailure e) {
      throw new TemplateSyntaxException(sourceMap.at(e.offset()), e.getMessage());
    }
  }

  /**
   * Evaluates the template.
   *
   * @param scope the data and clock
   * @return the output text
   * @throws TemplateEvaluationException at the position of the failing part
   */
  public String render(Scope scope) {
    if (root == null) {
      return source;
    }
    try {
      return Evaluator.execute(root, scope);
    } catch (EvalFailure e) {
      throw new TemplateEvaluationException(sourceMap.at(e.offset()), e.getMessage());
    }
  }

  /**
   * Whether the text has no actions and is returned verbatim.
   *
   * @return {@code true} for a literal
   */
  public boolean isLiteral() {
    return root == null;
  }

  /**
   * What the template is, such as {@code spec.crds.webapp...deployments[0].image}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The template text.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Where the template starts in its file.
   *
   * @return the position of its first character
   */
  public SourcePos position() {
    return sourceMap.at(0);
  }

  @Override
  public String toString() {
    return name + "=" + source;
  }
}

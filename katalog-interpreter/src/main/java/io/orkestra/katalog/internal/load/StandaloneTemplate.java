package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.FunctionTable;
import io.orkestra.katalog.internal.template.Scope;
import io.orkestra.katalog.internal.template.SourceMap;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.template.TemplateSyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/** One template compiled outside a Katalog (benchmarks, tools), as the loader compiles values. */
public final class StandaloneTemplate {

  private static final Clock EPOCH = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  private StandaloneTemplate() {}

  /**
   * Compiles a template with the built-in functions.
   *
   * @param source the template text
   * @return an evaluator against a data object, with a clock fixed at the epoch
   * @throws KatalogException when it does not compile
   */
  public static Function<ObjectNode, String> compile(String source) {
    Template t;
    try {
      t =
          Template.compile(
              "template",
              source,
              SourceMap.linear(new SourcePos("<template>", 1, 1)),
              FunctionTable.builtins());
    } catch (TemplateSyntaxException e) {
      SourcePos p = e.pos();
      throw new KatalogException(
          List.of(new Diagnostic(p.file(), p.line(), p.column(), e.reason())));
    }
    return data -> t.render(new Scope(data, EPOCH));
  }

  /**
   * The built-in template functions as {@code ork notes} lists them.
   *
   * @return one description per function, in catalogue order
   */
  public static java.util.List<io.orkestra.katalog.NoteDoc> notes() {
    return io.orkestra.katalog.internal.template.NoteCatalog.all().stream()
        .map(
            e ->
                new io.orkestra.katalog.NoteDoc(
                    e.name(), e.category(), e.signature(), e.description(), e.example()))
        .toList();
  }
}

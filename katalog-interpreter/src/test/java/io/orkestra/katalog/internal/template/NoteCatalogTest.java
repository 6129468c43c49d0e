package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.orkestra.katalog.internal.support.SourcePos;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NoteCatalogTest {

  private static final Set<String> DESCRIBED =
      NoteCatalog.all().stream().map(NoteCatalog.Entry::name).collect(Collectors.toSet());

  @Test
  void everyRegisteredFunctionHasADescription() {
    assertThat(FunctionTable.builtins().names())
        .allSatisfy(name -> assertThat(DESCRIBED).as("described functions").contains(name));
  }

  @Test
  void describesOnlyRegisteredFunctions() {
    assertThat(DESCRIBED).allSatisfy(n -> assertThat(FunctionTable.builtins().lookup(n)).isPresent());
    assertThat(NoteCatalog.all()).hasSameSizeAs(FunctionTable.builtins().names());
  }

  @Test
  void everyEntryIsCompleteAndItsExampleUsesItAndCompiles() {
    List<NoteCatalog.Entry> all = NoteCatalog.all();
    for (NoteCatalog.Entry e : all) {
      assertThat(e.signature()).as(e.name()).startsWith(e.name());
      assertThat(e.description()).as(e.name()).isNotBlank().doesNotContain("\n");
      assertThat(e.example()).as(e.name()).contains(e.name());
      assertThatCode(
              () ->
                  Template.compile(
                      e.name(),
                      e.example(),
                      SourceMap.fixed(new SourcePos("notes", 1, 1)),
                      FunctionTable.builtins()))
          .as("example of %s", e.name())
          .doesNotThrowAnyException();
    }
  }
}

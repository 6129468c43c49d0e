package io.orkestra.katalog.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void sortsByFileInReportOrderThenLineAndColumn() {
    Problems p = new Problems();
    p.error(new SourcePos("b.yaml", 3, 1), "b3");
    p.error(new SourcePos("a.yaml", 9, 9), "a9");
    p.error(new SourcePos("b.yaml", 1, 5), "b1");
    p.fileError("c.yaml", "c.yaml: whole file");

    KatalogException e = p.toException();

    assertThat(e.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("b1", "b3", "a9", "c.yaml: whole file");
    assertThat(e.getMessage())
        .isEqualTo("b.yaml:1:5: b1\nb.yaml:3:1: b3\na.yaml:9:9: a9\nc.yaml: whole file");
  }

  @Test
  void throwsOnlyWhenSomethingWasRecorded() {
    Problems p = new Problems();
    p.throwIfAny();
    p.error(new SourcePos("x.yaml", 1, 1), "bad");

    assertThatThrownBy(p::throwIfAny)
        .isInstanceOf(KatalogException.class)
        .hasMessage("x.yaml:1:1: bad");
  }

  @Test
  void recordsTheSameProblemAtTheSamePositionOnce() {
    Problems p = new Problems();
    p.error(new SourcePos("x.yaml", 2, 3), "x must be a list, got a mapping");
    p.error(new SourcePos("x.yaml", 2, 3), "x must be a list, got a mapping");
    p.error(new SourcePos("x.yaml", 4, 3), "x must be a list, got a mapping");

    assertThat(p.count()).isEqualTo(2);
  }
}

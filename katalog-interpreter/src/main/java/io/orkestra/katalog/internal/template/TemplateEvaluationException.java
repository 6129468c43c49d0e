package io.orkestra.katalog.internal.template;

import io.orkestra.katalog.internal.support.SourcePos;

/** A template that failed for one input, such as a reference to a field the data lacks. */
public final class TemplateEvaluationException extends TemplateException {
  private static final long serialVersionUID = 1L;

  TemplateEvaluationException(SourcePos pos, String reason) {
    super(pos, reason);
  }
}

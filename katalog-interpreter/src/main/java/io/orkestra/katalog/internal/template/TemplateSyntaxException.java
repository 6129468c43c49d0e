package io.orkestra.katalog.internal.template;

import io.orkestra.katalog.internal.support.SourcePos;

/** A template that does not parse, or calls an unknown function or with a wrong argument count. */
public final class TemplateSyntaxException extends TemplateException {
  private static final long serialVersionUID = 1L;

  TemplateSyntaxException(SourcePos pos, String reason) {
    super(pos, reason);
  }
}

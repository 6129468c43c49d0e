package io.orkestra.katalog.internal.template;

import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.internal.support.SourcePos;

/** A template problem at a file position. The message is {@code file:line:column: reason}. */
public abstract sealed class TemplateException extends OrkestraException
    permits TemplateSyntaxException, TemplateEvaluationException {
  private static final long serialVersionUID = 1L;
  private final SourcePos pos;
  private final String reason;

  TemplateException(SourcePos pos, String reason) {
    super(pos + ": " + reason);
    this.pos = pos;
    this.reason = reason;
  }

  /**
   * Where in the file.
   *
   * @return the position of the offending template character
   */
  public SourcePos pos() {
    return pos;
  }

  /**
   * What, without the position.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}

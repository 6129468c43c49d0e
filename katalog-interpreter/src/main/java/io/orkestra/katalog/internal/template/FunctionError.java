package io.orkestra.katalog.internal.template;

/**
 * Thrown by a {@link TemplateFunction} body for arguments it cannot use; the evaluator adds the
 * function name and the template position.
 */
public final class FunctionError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong with the arguments
   */
  public FunctionError(String message) {
    super(message, null, false, false);
  }
}

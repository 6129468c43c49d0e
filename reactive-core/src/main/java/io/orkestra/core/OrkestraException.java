package io.orkestra.core;

/**
 * The one unchecked exception of Orkestra-J. Its message is meant for users: it names the file,
 * resource or field and the cause, on one line.
 */
public class OrkestraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the one-line user-facing message
   */
  public OrkestraException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message the one-line user-facing message
   * @param cause the cause
   */
  public OrkestraException(String message, Throwable cause) {
    super(message, cause);
  }
}

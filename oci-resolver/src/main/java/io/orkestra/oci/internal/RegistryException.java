package io.orkestra.oci.internal;

import io.orkestra.core.OrkestraException;

/**
 * A registry answered with an error status, or could not be reached ({@code status} 0). The
 * message names the registry and repository, never credentials.
 */
public final class RegistryException extends OrkestraException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the exception.
   *
   * @param status HTTP status, 0 when unreachable
   * @param message one-line message
   * @param cause the cause, or null
   */
  public RegistryException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /**
   * Creates the exception.
   *
   * @param status HTTP status, 0 when unreachable
   * @param message one-line message
   */
  public RegistryException(int status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * The HTTP status (0 when the registry was unreachable).
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Whether {@code t} says the registry could not be reached.
   *
   * @param t an error
   * @return true for connection failures
   */
  public static boolean isUnreachable(Throwable t) {
    return t instanceof RegistryException && ((RegistryException) t).status == 0;
  }

  /**
   * Whether {@code t} is a 404.
   *
   * @param t an error
   * @return true for not found
   */
  public static boolean isNotFound(Throwable t) {
    return t instanceof RegistryException && ((RegistryException) t).status == 404;
  }
}

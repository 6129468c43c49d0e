package io.orkestra.watch.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.orkestra.core.OrkestraException;

/** Classifies fabric8 failures and turns them into one-line {@link OrkestraException}s. */
public final class KubeErrors {

  private KubeErrors() {}

  /**
   * Whether the API server answered 409 Conflict (stale resourceVersion, or AlreadyExists).
   *
   * @param error the failure
   * @return {@code true} for a conflict
   */
  public static boolean isConflict(Throwable error) {
    return error instanceof KubernetesClientException k && k.getCode() == 409;
  }

  /**
   * Wraps a failure as an {@link OrkestraException} naming the operation and object.
   *
   * @param what the operation and object, e.g. {@code create ConfigMap ns/a}
   * @param error the failure
   * @return the exception to signal (the failure itself when it already is one)
   */
  public static Throwable describe(String what, Throwable error) {
    if (error instanceof OrkestraException) {
      return error;
    }
    String detail =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    if (error instanceof KubernetesClientException k && k.getCode() > 0) {
      detail = "HTTP " + k.getCode() + ": " + detail;
    }
    return new OrkestraException(what + " failed: " + detail.replace('\n', ' '), error);
  }
}

package io.orkestra.katalog;

import io.orkestra.core.OrkestraException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Katalog (or a manifest file it refers to) could not be loaded. Carries every problem found, not
 * only the first: the loader keeps going after an error so that one run shows them all.
 *
 * <p>The message lists the diagnostics one per line, each as {@code file:line:column: message}.
 */
public final class KatalogException extends OrkestraException {
  private static final long serialVersionUID = 1L;

  /** Immutable list; {@code transient} because records of diagnostics are not serializable. */
  private final transient List<Diagnostic> diagnostics;

  /**
   * Creates the exception.
   *
   * @param diagnostics the problems, at least one, in report order
   */
  public KatalogException(List<Diagnostic> diagnostics) {
    super(render(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /**
   * The problems, in report order (by file, then line, then column).
   *
   * @return an immutable list with at least one element
   */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String render(List<Diagnostic> diagnostics) {
    Objects.requireNonNull(diagnostics, "diagnostics");
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a KatalogException needs at least one diagnostic");
    }
    return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
  }
}

package io.orkestra.katalog.internal.support;

import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the diagnostics of one load so that every stage can keep going after an error and the
 * user sees all problems at once. Not thread-safe: one instance per load.
 */
public final class Problems {
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  /** Every diagnostic recorded: the same problem at the same position is reported once. */
  private final Set<Diagnostic> reported = new HashSet<>();

  /** Files in the order they were first reported, to sort diagnostics file by file. */
  private final Map<String, Integer> fileOrder = new LinkedHashMap<>();

  /**
   * Records a problem at a position; an identical problem at the same position is recorded once.
   *
   * @param pos where
   * @param message what, naming the key or value
   */
  public void error(SourcePos pos, String message) {
    Diagnostic d = new Diagnostic(pos.file(), pos.line(), pos.column(), message);
    if (!reported.add(d)) {
      return; // two stages (schema check and binder) found the same problem
    }
    fileOrder.putIfAbsent(pos.file(), fileOrder.size());
    diagnostics.add(d);
  }

  /**
   * Records a problem about a whole file (missing, unreadable); the message names the file.
   *
   * @param file display name of the file
   * @param message what, including the file name
   */
  public void fileError(String file, String message) {
    error(new SourcePos(file, 0, 0), message);
  }

  /**
   * Whether any problem was recorded.
   *
   * @return {@code true} when at least one problem was recorded
   */
  public boolean any() {
    return !diagnostics.isEmpty();
  }

  /**
   * How many problems were recorded.
   *
   * @return the count
   */
  public int count() {
    return diagnostics.size();
  }

  /**
   * Throws when anything was recorded.
   *
   * @throws KatalogException with all diagnostics, sorted by file (first reported first), line and
   *     column
   */
  public void throwIfAny() {
    if (any()) {
      throw toException();
    }
  }

  /**
   * The recorded problems as one exception.
   *
   * @return the exception (there must be at least one problem)
   */
  public KatalogException toException() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(
        Comparator.comparingInt((Diagnostic d) -> fileOrder.getOrDefault(d.file(), 0))
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column));
    return new KatalogException(sorted);
  }
}

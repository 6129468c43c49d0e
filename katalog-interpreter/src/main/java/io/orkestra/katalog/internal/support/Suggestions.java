package io.orkestra.katalog.internal.support;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" suggestions for misspelt keys, functions and enum values, by optimal string
 * alignment distance (Levenshtein plus adjacent transpositions, so {@code imgae} is one edit away
 * from {@code image}).
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code input}, if it is close enough to be a plausible typo: at most 1
   * edit for words up to 3 characters, 2 up to 6, 3 beyond. A case-only difference always counts as
   * close.
   *
   * @param input what the user wrote
   * @param candidates the valid words
   * @return the best candidate, ties broken by the candidates' iteration order
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = input.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int d = candidate.toLowerCase(Locale.ROOT).equals(lower) ? 0 : distance(input, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int limit = input.length() <= 3 ? 1 : input.length() <= 6 ? 2 : 3;
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * A message suffix {@code " (did you mean 'x'?)"}, or {@code ""} when nothing is close.
   *
   * @param input what the user wrote
   * @param candidates the valid words
   * @return the suffix
   */
  public static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /**
   * Optimal string alignment distance between two strings.
   *
   * @param a first string
   * @param b second string
   * @return the number of insertions, deletions, substitutions and adjacent transpositions
   */
  public static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}

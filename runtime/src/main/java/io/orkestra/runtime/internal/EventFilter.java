package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.notify.TailedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which reconciliation events {@code ork events tail} prints: by CRD, by outcome and by age.
 *
 * @param crds kinds ({@code WebApp}) or CRD entry names ({@code webapp}, the last segment of the
 *     event's {@code source}), lowercase; empty for all
 * @param outcomes {@code succeeded}, {@code failed}, {@code deleted}; empty for all
 * @param notBefore events whose {@code time} is earlier are skipped; {@code null} for no limit
 */
public record EventFilter(Set<String> crds, Set<String> outcomes, @Nullable Instant notBefore) {

  private static final Set<String> OUTCOMES = Set.of("succeeded", "failed", "deleted");

  /** Immutable copies. */
  public EventFilter {
    crds = Set.copyOf(crds);
    outcomes = Set.copyOf(outcomes);
  }

  /**
   * Builds a filter from the command line's values.
   *
   * @param crds {@code --crd} values
   * @param outcomes {@code --outcome} values
   * @param notBefore oldest event time to print, or {@code null}
   * @return the filter
   * @throws OrkestraException for an unknown outcome
   */
  public static EventFilter of(List<String> crds, List<String> outcomes, @Nullable Instant notBefore) {
    Set<String> o = outcomes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (String outcome : o) {
      if (!OUTCOMES.contains(outcome)) {
        throw new OrkestraException(
            "--outcome: unknown outcome '" + outcome + "' (use succeeded, failed or deleted)");
      }
    }
    return new EventFilter(
        crds.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()), o, notBefore);
  }

  /**
   * Whether an event passes.
   *
   * @param e the event
   * @return {@code true} to print it
   */
  public boolean test(TailedEvent e) {
    if (notBefore != null && (e.time() == null || e.time().isBefore(notBefore))) {
      return false;
    }
    if (!outcomes.isEmpty() && !outcomes.contains(outcome(e))) {
      return false;
    }
    if (!crds.isEmpty()) {
      String kind = e.data().path("kind").asText("").toLowerCase(Locale.ROOT);
      String source = e.source() == null ? "" : e.source();
      String entry = source.substring(source.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      return crds.contains(kind) || crds.contains(entry);
    }
    return true;
  }

  private static String outcome(TailedEvent e) {
    String outcome = e.data().path("outcome").asText("");
    if (!outcome.isEmpty()) {
      return outcome;
    }
    String type = e.type() == null ? "" : e.type();
    return type.substring(type.lastIndexOf('.') + 1);
  }
}

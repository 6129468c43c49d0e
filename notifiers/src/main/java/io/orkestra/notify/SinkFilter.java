package io.orkestra.notify;

import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import java.util.Objects;
import java.util.Set;

/**
 * Which events a sink receives: by CRD entry name, namespace of the custom resource and outcome.
 * An empty set means "any"; an event must match all three sets. Immutable; start from {@link
 * #all()}.
 *
 * @param crdNames CRD entry names ({@link ReconcileEvent#crdName()}), empty for any
 * @param namespaces namespaces of the custom resources, empty for any ({@code ""} selects
 *     cluster-scoped resources)
 * @param outcomes outcomes, empty for any
 */
public record SinkFilter(Set<String> crdNames, Set<String> namespaces, Set<Outcome> outcomes) {

  /** Null checks and immutable copies. */
  public SinkFilter {
    crdNames = Set.copyOf(Objects.requireNonNull(crdNames, "crdNames"));
    namespaces = Set.copyOf(Objects.requireNonNull(namespaces, "namespaces"));
    outcomes = Set.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /**
   * The filter that lets every event through.
   *
   * @return the filter
   */
  public static SinkFilter all() {
    return new SinkFilter(Set.of(), Set.of(), Set.of());
  }

  /**
   * Copy that only passes events of these CRD entries.
   *
   * @param names CRD entry names, none for any
   * @return the copy
   */
  public SinkFilter withCrdNames(String... names) {
    return new SinkFilter(Set.of(names), namespaces, outcomes);
  }

  /**
   * Copy that only passes events of custom resources in these namespaces.
   *
   * @param names namespaces, none for any
   * @return the copy
   */
  public SinkFilter withNamespaces(String... names) {
    return new SinkFilter(crdNames, Set.of(names), outcomes);
  }

  /**
   * Copy that only passes events with these outcomes.
   *
   * @param values outcomes, none for any
   * @return the copy
   */
  public SinkFilter withOutcomes(Outcome... values) {
    return new SinkFilter(crdNames, namespaces, Set.of(values));
  }

  /**
   * Whether the sink receives {@code event}.
   *
   * @param event the event
   * @return {@code true} when every non-empty set contains the event's value
   */
  public boolean matches(ReconcileEvent event) {
    return (crdNames.isEmpty() || crdNames.contains(event.crdName()))
        && (namespaces.isEmpty() || namespaces.contains(event.key().namespace()))
        && (outcomes.isEmpty() || outcomes.contains(event.outcome()));
  }

  /**
   * Whether this filter lets every event through.
   *
   * @return {@code true} when all three sets are empty
   */
  public boolean passesAll() {
    return crdNames.isEmpty() && namespaces.isEmpty() && outcomes.isEmpty();
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The record of one reconcile, published to Kafka and webhooks as a CloudEvent (event contract
 * v1, see README).
 *
 * @param id stable id: equal for the same uid, generation, resourceVersion and outcome
 * @param runtimeName name of the runtime instance (CloudEvent {@code source})
 * @param crdName CRD entry name (CloudEvent {@code source})
 * @param key identity of the custom resource
 * @param uid the custom resource's uid
 * @param generation {@code metadata.generation} that was reconciled
 * @param observedGeneration {@code status.observedGeneration} after the reconcile
 * @param outcome how it ended
 * @param actions every child write performed
 * @param durationMs wall time of the reconcile
 * @param conditions {@code status.conditions} after the reconcile
 * @param error the failure message, {@code null} on success
 * @param time when the reconcile ended
 */
public record ReconcileEvent(
    String id,
    String runtimeName,
    String crdName,
    ResourceKey key,
    String uid,
    long generation,
    long observedGeneration,
    Outcome outcome,
    List<ActionSummary> actions,
    long durationMs,
    ArrayNode conditions,
    @Nullable String error,
    Instant time) {

  /** Null checks and an immutable copy of {@code actions}. */
  public ReconcileEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runtimeName, "runtimeName");
    Objects.requireNonNull(crdName, "crdName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(outcome, "outcome");
    actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    Objects.requireNonNull(conditions, "conditions");
    Objects.requireNonNull(time, "time");
  }

  /**
   * CloudEvent type: {@code io.orkestra.reconcile.v1.<outcome>}.
   *
   * @return the type
   */
  public String type() {
    return "io.orkestra.reconcile.v1." + outcome.wireName();
  }

  /**
   * CloudEvent source: {@code /orkestra/<runtime-name>/<crd-name>}.
   *
   * @return the source
   */
  public String source() {
    return "/orkestra/" + runtimeName + "/" + crdName;
  }

  /**
   * One child write in an event.
   *
   * @param verb {@code created}, {@code updated} or {@code deleted}
   * @param kind child kind
   * @param namespace child namespace
   * @param name child name
   */
  public record ActionSummary(String verb, String kind, String namespace, String name) {
    /** Null checks. */
    public ActionSummary {
      Objects.requireNonNull(verb, "verb");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
    }

    /**
     * Summarises an action.
     *
     * @param action the action
     * @return its summary
     */
    public static ActionSummary of(Action action) {
      ResourceKey k = action.key();
      return new ActionSummary(action.verb(), k.kind(), k.namespace(), k.name());
    }
  }
}

package io.orkestra.notify;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ReconcileEvent.ActionSummary;
import io.orkestra.core.ResourceKey;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reconcile events for tests: fixed time, a Ready condition, one or two child actions. */
final class Events {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");

  private Events() {}

  static ReconcileEvent event(String name, long generation, Outcome outcome) {
    return event("shop", name, generation, outcome);
  }

  static ReconcileEvent event(String namespace, String name, long generation, Outcome outcome) {
    ResourceKey key = new ResourceKey("demo.orkestra.io", "v1", "WebApp", namespace, name);
    @Nullable String error =
        outcome == Outcome.FAILED ? "apply ConfigMap " + name + "-config: 409 Conflict" : null;
    List<ActionSummary> actions =
        outcome == Outcome.DELETED
            ? List.of()
            : List.of(
                new ActionSummary("created", "ConfigMap", namespace, name + "-config"),
                new ActionSummary("updated", "Deployment", namespace, name));
    return new ReconcileEvent(
        name + "-uid-" + generation + "-" + outcome.wireName(),
        "ork-test",
        "webapps",
        key,
        "uid-" + name,
        generation,
        outcome == Outcome.SUCCEEDED ? generation : generation - 1,
        outcome,
        actions,
        12 + generation,
        conditions(outcome),
        error,
        TIME.plusSeconds(generation));
  }

  static ArrayNode conditions(Outcome outcome) {
    ArrayNode conditions = JSON.createArrayNode();
    conditions
        .addObject()
        .put("type", "Ready")
        .put("status", outcome == Outcome.SUCCEEDED ? "True" : "False")
        .put("reason", outcome == Outcome.SUCCEEDED ? "Reconciled" : "ReconcileFailed");
    return conditions;
  }
}

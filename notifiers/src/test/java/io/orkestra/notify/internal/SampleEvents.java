package io.orkestra.notify.internal;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ResourceKey;
import java.time.Instant;
import java.util.List;

/** Minimal reconcile events for the internal tests. */
final class SampleEvents {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private SampleEvents() {}

  static ReconcileEvent event(String name, long generation) {
    return event("ork-test", name, generation);
  }

  static ReconcileEvent event(String runtimeName, String name, long generation) {
    return new ReconcileEvent(
        name + "-" + generation,
        runtimeName,
        "webapps",
        new ResourceKey("demo.orkestra.io", "v1", "WebApp", "shop", name),
        "uid-" + name,
        generation,
        generation,
        Outcome.SUCCEEDED,
        List.of(new ReconcileEvent.ActionSummary("created", "ConfigMap", "shop", name)),
        7,
        JSON.createArrayNode(),
        null,
        Instant.parse("2026-11-25T10:00:00Z"));
  }
}

package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.HealthState;
import io.orkestra.core.OperatorStats;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest {

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean leader = new AtomicBoolean(true);
  private final Set<String> stopped = new HashSet<>();
  private final HealthEndpoints probes = new HealthEndpoints(
      () -> List.of(new OperatorStats("webapp", HealthState.DEGRADED, 4, 1, 2)),
      started::get, leader::get, () -> Set.copyOf(stopped));

  @Test
  void startupAndReadyWaitForTheStartLivenessDoesNot() {
    assertThat(probes.answer("/startup").orElseThrow().status()).isEqualTo(503);
    assertThat(probes.answer("/ready").orElseThrow().status()).isEqualTo(503);
    assertThat(probes.answer("/health").orElseThrow().status()).isEqualTo(200);
    started.set(true);
    assertThat(probes.answer("/startup").orElseThrow().status()).isEqualTo(200);
    assertThat(probes.answer("/ready").orElseThrow().body()).contains("\"status\":\"ready\"");
  }

  @Test
  void aDegradedOperatorIsLiveButAStoppedPipelineIsNot() {
    started.set(true);
    HealthEndpoints.Answer live = probes.answer("/health").orElseThrow();
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body()).contains(
        "{\"name\":\"webapp\",\"health\":\"degraded\",\"queueDepth\":4,\"inFlight\":1,\"failingKeys\":2}");
    stopped.add("webapp");
    HealthEndpoints.Answer dead = probes.answer("/health").orElseThrow();
    assertThat(dead.status()).isEqualTo(503);
    assertThat(dead.body()).contains("\"status\":\"stopped\"", "\"stopped\":[\"webapp\"]");
    assertThat(probes.answer("/ready").orElseThrow().status()).isEqualTo(503);
  }

  @Test
  void aFollowerIsReadyAndReportsItsOperatorsPending() {
    started.set(true);
    leader.set(false);
    HealthEndpoints.Answer ready = probes.answer("/ready").orElseThrow();
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"leader\":false", "\"health\":\"pending\"");
  }

  @Test
  void otherPathsAreNotProbes() {
    assertThat(probes.answer("/metrics")).isEmpty();
    assertThat(probes.answer("/healthz")).isEmpty();
  }
}

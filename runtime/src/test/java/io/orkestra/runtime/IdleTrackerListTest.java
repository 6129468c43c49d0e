package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceKey;
import io.orkestra.runtime.internal.IdleTracker;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code --until-idle} against a cluster: the custom resources come from the initial list, not from
 * crFiles, and idle also waits for quiet loops.
 */
class IdleTrackerListTest {

  private static final ResourceKey A = key("a");
  private static final ResourceKey B = key("b");

  @Test
  void neverIdleBeforeTheInitialListEvenWithNothingExpected() {
    IdleTracker idle = new IdleTracker(false, List.of(), () -> true);
    assertThat(idle.idle()).isFalse();
    idle.listed();
    assertThat(idle.idle()).as("an empty cluster is idle once listed").isTrue();
    assertThat(idle.summary()).isEqualTo("reconciled 0/0 resources, published 0 events");
  }

  @Test
  void waitsForEveryListedResourceAndItsEvent() {
    IdleTracker idle = new IdleTracker(false, List.of(), () -> true);
    idle.expect(A);
    idle.expect(B);
    idle.listed();
    idle.onResult(new ReconcileResult(event(A, Outcome.SUCCEEDED), true));
    idle.onDelivery(new DeliveryResult(event(A, Outcome.SUCCEEDED), "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).as("b not reconciled").isFalse();
    assertThat(idle.pending()).containsOnlyKeys(B);

    idle.onResult(new ReconcileResult(event(B, Outcome.SUCCEEDED), true));
    assertThat(idle.idle()).as("b's event not acknowledged").isFalse();
    idle.onDelivery(new DeliveryResult(event(B, Outcome.SUCCEEDED), "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).isTrue();
    assertThat(idle.summary()).isEqualTo("reconciled 2/2 resources, published 2 events");
  }

  @Test
  void busyLoopsAreNotIdle() {
    AtomicBoolean quiet = new AtomicBoolean(false);
    IdleTracker idle = new IdleTracker(false, List.of(), quiet::get);
    idle.expect(A);
    idle.listed();
    idle.onResult(new ReconcileResult(event(A, Outcome.SUCCEEDED), true));
    idle.onDelivery(new DeliveryResult(event(A, Outcome.SUCCEEDED), "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).as("a resource created after the list is still queued").isFalse();
    quiet.set(true);
    assertThat(idle.idle()).isTrue();
  }

  private static ResourceKey key(String name) {
    return new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", name);
  }

  private static ReconcileEvent event(ResourceKey key, Outcome outcome) {
    return new ReconcileEvent("id-" + key.name(), "orkestra", "webapp", key, "uid", 1, 1, outcome, List.of(), 5,
        new ObjectMapper().createArrayNode(), null, Instant.EPOCH);
  }
}

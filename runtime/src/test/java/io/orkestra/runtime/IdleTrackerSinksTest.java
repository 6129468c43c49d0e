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
import org.junit.jupiter.api.Test;

/** {@code --until-idle} with webhooks: idle only once every sink acknowledged every event. */
class IdleTrackerSinksTest {

  private static final ResourceKey KEY = new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", "shop");
  private static final ReconcileEvent EVENT = new ReconcileEvent("id-1", "orkestra", "webapp", KEY, "uid", 1, 1,
      Outcome.SUCCEEDED, List.of(), 5, new ObjectMapper().createArrayNode(), null, Instant.EPOCH);

  @Test
  void waitsForEveryWebhookBesidesKafka() {
    IdleTracker idle = new IdleTracker(false, List.of("webhook:http://a/x", "webhook:http://b/y"));
    idle.expect(KEY);
    idle.onResult(new ReconcileResult(EVENT, true));
    idle.onDelivery(new DeliveryResult(EVENT, "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).as("webhooks still pending").isFalse();

    idle.onDelivery(new DeliveryResult(EVENT, "webhook:http://a/x", null));
    idle.onDelivery(new DeliveryResult(EVENT, "webhook:http://b/y", new IllegalStateException("503")));
    assertThat(idle.idle()).as("b failed").isFalse();
    assertThat(idle.undelivered()).isEqualTo(1);

    idle.onDelivery(new DeliveryResult(EVENT, "webhook:http://b/y", null));
    assertThat(idle.idle()).isTrue();
    assertThat(idle.summary()).isEqualTo("reconciled 1/1 resources, published 1 events,"
        + " 1 delivered to webhook:http://a/x, 1 delivered to webhook:http://b/y");
  }

  @Test
  void kafkaOnlyTrackerKeepsItsSummary() {
    IdleTracker idle = new IdleTracker(false);
    idle.expect(KEY);
    idle.onResult(new ReconcileResult(EVENT, true));
    idle.onDelivery(new DeliveryResult(EVENT, "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).isTrue();
    assertThat(idle.summary()).isEqualTo("reconciled 1/1 resources, published 1 events");
  }

  @Test
  void waitsOnlyForTheEventsAFilteredSinkReceives() {
    // a Katalog sink for failed events only: a succeeded event is not expected there
    IdleTracker idle = new IdleTracker(false, java.util.Map.of(
        "kafka:failures", (java.util.function.Predicate<ReconcileEvent>)
            e -> e.outcome() == Outcome.FAILED));
    idle.expect(KEY);
    idle.onResult(new ReconcileResult(EVENT, true));
    idle.onDelivery(new DeliveryResult(EVENT, "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).isTrue();

    ReconcileEvent failed = new ReconcileEvent("id-2", "orkestra", "webapp", KEY, "uid", 2, 1,
        Outcome.FAILED, List.of(), 5, new ObjectMapper().createArrayNode(), "boom", Instant.EPOCH);
    ReconcileEvent ok = new ReconcileEvent("id-3", "orkestra", "webapp", KEY, "uid", 2, 2,
        Outcome.SUCCEEDED, List.of(), 5, new ObjectMapper().createArrayNode(), null, Instant.EPOCH);
    idle.onResult(new ReconcileResult(failed, true));
    idle.onResult(new ReconcileResult(ok, true));
    idle.onDelivery(new DeliveryResult(failed, "kafka:orkestra.reconcile", null));
    idle.onDelivery(new DeliveryResult(ok, "kafka:orkestra.reconcile", null));
    assertThat(idle.idle()).as("the failed event is not on the failures topic yet").isFalse();

    idle.onDelivery(new DeliveryResult(failed, "kafka:failures", null));
    assertThat(idle.idle()).isTrue();
  }
}

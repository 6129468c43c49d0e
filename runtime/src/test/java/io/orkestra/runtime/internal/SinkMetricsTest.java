package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.core.ConditionNotice;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ResourceKey;
import io.orkestra.notify.NoticeDelivery;
import io.orkestra.notify.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sink and notification series rendered into the Prometheus exposition. */
class SinkMetricsTest {

  private static final ResourceKey KEY = ResourceKey.of("demo.orkestra.io/v1", "WebApp", "default", "a");
  private static final ReconcileEvent EVENT = new ReconcileEvent("id", "orkestra", "webapp", KEY, "uid", 1, 1,
      Outcome.SUCCEEDED, List.of(), 1, new ObjectMapper().createArrayNode(), null, Instant.EPOCH);

  @Test
  void rendersKafkaCountsFromResultsAndWebhookCountsFromItsStats() {
    SinkMetrics sinks = new SinkMetrics();
    sinks.register("kafka:t", null);
    sinks.register("webhook:http://h/x", () -> new SinkStats(7, 1, 4, 3, 0, 2, 5, 4096));
    for (int i = 0; i < 3; i++) {
      sinks.onOffered("kafka:t");
    }
    sinks.onDelivery(new DeliveryResult(EVENT, "kafka:t", null));
    sinks.onDelivery(new DeliveryResult(EVENT, "kafka:t", new IllegalStateException("down")));
    sinks.onDelivery(new DeliveryResult(EVENT, "webhook:http://h/x", null));
    ConditionNotice notice = new ConditionNotice("shop", "webapp", KEY, "f|equals|x", "platform", "m",
        "http://slack/x", Duration.ofMinutes(15));
    sinks.onNotice(new NoticeDelivery(notice, NoticeDelivery.Status.SENT, null));
    sinks.onNotice(new NoticeDelivery(notice, NoticeDelivery.Status.THROTTLED, null));
    sinks.onNotice(new NoticeDelivery(notice, NoticeDelivery.Status.THROTTLED, null));
    ReconcileMetrics metrics = new ReconcileMetrics(List::of);
    metrics.withSinks(sinks);

    String text = metrics.scrape();

    assertThat(text)
        .contains("# TYPE orkestra_sink_events_published_total counter")
        .contains("orkestra_sink_events_published_total{sink=\"kafka:t\"} 1")
        .contains("orkestra_sink_events_failed_total{sink=\"kafka:t\"} 1")
        .contains("orkestra_sink_events_in_flight{sink=\"kafka:t\"} 1")
        .contains("orkestra_sink_events_spilled_total{sink=\"kafka:t\"} 0")
        .contains("orkestra_sink_events_published_total{sink=\"webhook:http://h/x\"} 1")
        .contains("orkestra_sink_events_spilled_total{sink=\"webhook:http://h/x\"} 4")
        .contains("orkestra_sink_events_replayed_total{sink=\"webhook:http://h/x\"} 3")
        .contains("orkestra_sink_events_in_flight{sink=\"webhook:http://h/x\"} 2")
        .contains("# TYPE orkestra_sink_spill_bytes gauge")
        .contains("orkestra_sink_spill_bytes{sink=\"webhook:http://h/x\"} 4096")
        .contains("orkestra_notifications_total{team=\"platform\",status=\"sent\"} 1")
        .contains("orkestra_notifications_total{team=\"platform\",status=\"throttled\"} 2");
  }
}

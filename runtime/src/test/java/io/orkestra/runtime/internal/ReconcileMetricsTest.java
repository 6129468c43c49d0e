package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.HealthState;
import io.orkestra.core.OperatorStats;
import io.orkestra.core.Outcome;
import io.orkestra.core.ResourceKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileMetricsTest {

  private static final ResourceKey KEY = new ResourceKey("demo.io", "v1", "WebApp", "ns", "a");

  @Test
  void rendersCountersHistogramAndGaugesInPrometheusTextFormat() {
    ReconcileMetrics metrics =
        new ReconcileMetrics(
            () -> List.of(new OperatorStats("webapp", HealthState.DEGRADED, 4, 2, 1)));
    metrics.onReconciled("webapp", KEY, Outcome.SUCCEEDED, Duration.ofMillis(3));
    metrics.onReconciled("webapp", KEY, Outcome.SUCCEEDED, Duration.ofMillis(40));
    metrics.onReconciled("webapp", KEY, Outcome.FAILED, Duration.ofSeconds(60));
    metrics.onRetryScheduled("webapp", KEY, 1, Duration.ofMillis(5));
    metrics.onRequeueScheduled("webapp", KEY, Duration.ofMinutes(1));
    metrics.onDropped("webapp", KEY);
    metrics.onDropped("webapp", KEY);

    String text = metrics.scrape();

    assertThat(text.lines())
        .contains(
            "# TYPE orkestra_reconcile_total counter",
            "orkestra_reconcile_total{operator=\"webapp\",outcome=\"failed\"} 1",
            "orkestra_reconcile_total{operator=\"webapp\",outcome=\"succeeded\"} 2",
            "# TYPE orkestra_reconcile_duration_seconds histogram",
            "orkestra_reconcile_duration_seconds_bucket{operator=\"webapp\",le=\"0.005\"} 1",
            "orkestra_reconcile_duration_seconds_bucket{operator=\"webapp\",le=\"0.05\"} 2",
            "orkestra_reconcile_duration_seconds_bucket{operator=\"webapp\",le=\"30.0\"} 2",
            "orkestra_reconcile_duration_seconds_bucket{operator=\"webapp\",le=\"+Inf\"} 3",
            "orkestra_reconcile_duration_seconds_sum{operator=\"webapp\"} 60.043000",
            "orkestra_reconcile_duration_seconds_count{operator=\"webapp\"} 3",
            "orkestra_reconcile_retries_total{operator=\"webapp\"} 1",
            "orkestra_requeues_total{operator=\"webapp\"} 1",
            "orkestra_queue_dropped_total{operator=\"webapp\"} 2",
            "orkestra_queue_depth{operator=\"webapp\"} 4",
            "orkestra_reconciles_in_flight{operator=\"webapp\"} 2",
            "orkestra_operator_failing_keys{operator=\"webapp\"} 1",
            "orkestra_operator_health{operator=\"webapp\",state=\"degraded\"} 1",
            "orkestra_operator_health{operator=\"webapp\",state=\"healthy\"} 0");
    // every sample line is "name{labels} value"; every family has HELP and TYPE
    assertThat(text.lines().filter(l -> !l.startsWith("#")))
        .allMatch(l -> l.matches("[a-z_]+\\{[^}]*\\} [0-9.]+"));
    assertThat(text.lines().filter(l -> l.startsWith("# TYPE")).count())
        .isEqualTo(text.lines().filter(l -> l.startsWith("# HELP")).count())
        .isEqualTo(9);
  }

  @Test
  void escapesLabelValues() {
    assertThat(ReconcileMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }
}

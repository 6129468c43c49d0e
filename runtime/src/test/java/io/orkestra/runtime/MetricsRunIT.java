package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orkestra.core.HealthState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ork run --metrics-port}: the quickstart's custom resources are reconciled on the in-process
 * API server, then {@code GET /metrics} is scraped over HTTP on 127.0.0.1.
 */
class MetricsRunIT {

  private static final Pattern SUCCEEDED =
      Pattern.compile("^orkestra_reconcile_total\\{operator=\"webapp\",outcome=\"succeeded\"} (\\d+)$",
          Pattern.MULTILINE);

  static OrkestraRuntime runtime;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    runtime = OrkestraRuntime.start(RunConfig.defaults()
        .withFiles(List.of(Path.of("../examples/quickstart")))
        .withEmbedded(true)
        .withBootstrapServers(TestKafka.bootstrapServers())
        .withTopic("metrics-it-" + System.nanoTime())
        .withRuntimeName("metrics-it")
        .withReadBack(false)
        .withMetricsPort(0));
    assertThat(runtime.applyCrFiles().block(Duration.ofSeconds(30))).hasSize(3);
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.metricsPort() + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesReconcileMetricsInPrometheusTextFormat() {
    assertThat(runtime.metricsPort()).isPositive();
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      HttpResponse<String> response = get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      Matcher m = SUCCEEDED.matcher(response.body());
      assertThat(m.find()).as("succeeded counter in%n%s", response.body()).isTrue();
      assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(3);
      assertThat(response.body())
          .contains("orkestra_reconcile_duration_seconds_count{operator=\"webapp\"} ")
          .contains("orkestra_queue_depth{operator=\"webapp\"} ")
          .contains("orkestra_reconciles_in_flight{operator=\"webapp\"} ")
          .contains("orkestra_queue_dropped_total")
          .contains("orkestra_operator_health{operator=\"webapp\",state=\"healthy\"} 1");
    });
    assertThat(runtime.operatorStats())
        .singleElement()
        .satisfies(s -> assertThat(s.health()).isEqualTo(HealthState.HEALTHY));
  }

  @Test
  void answersOtherPathsWithNotFound() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void servesStartupHealthAndReadyProbes() throws Exception {
    for (String probe : List.of("/startup", "/health", "/ready")) {
      HttpResponse<String> response = get(probe);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).contains("\"leader\":true", "\"name\":\"webapp\"");
    }
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.orkestra.runtime.internal.ConfigMapThrottleStore;
import io.orkestra.runtime.internal.EmbeddedApiServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Condition {@code notify:} blocks to Slack (an in-process Vert.x server standing in for it) with
 * the throttle in a ConfigMap, Katalog event sinks with filters, and their metrics on {@code
 * /metrics}. Two runtimes run one after the other against one API server (cluster mode with a
 * kubeconfig), so the second one reads the throttle the first one wrote.
 */
class NotificationRunIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;
  private Vertx vertx;
  private HttpServer slack;
  private HttpServer webhook;
  private final List<byte[]> slackBodies = new CopyOnWriteArrayList<>();
  private final List<byte[]> webhookBodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startEndpoints() throws Exception {
    vertx = Vertx.vertx();
    slack = listen(slackBodies);
    webhook = listen(webhookBodies);
  }

  private HttpServer listen(List<byte[]> into) throws Exception {
    return vertx.createHttpServer()
        .requestHandler(req -> req.body().onSuccess(body -> {
          into.add(body.getBytes());
          req.response().setStatusCode(200).end("ok");
        }))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void notifiesSlackOncePerIntervalAcrossRestartsAndRoutesEventsBySinkFilter() throws Exception {
    String failuresTopic = "notify-it-failures-" + UUID.randomUUID();
    String webhookUrl = "http://127.0.0.1:" + webhook.actualPort() + "/events";
    Path katalog = katalog(failuresTopic, webhookUrl);
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start()) {
      RunConfig config = RunConfig.defaults()
          .withFiles(List.of(katalog))
          .withEmbedded(false)
          .withKubeconfig(kubeconfig(cluster))
          .withApplyStrategy(io.orkestra.watch.ApplyStrategy.UPDATE)
          .withBootstrapServers(TestKafka.bootstrapServers())
          .withTopic("notify-it-" + UUID.randomUUID())
          .withReadBack(false)
          .withMetricsPort(0);

      try (OrkestraRuntime first = OrkestraRuntime.start(config)) {
        assertThat(first.sinkRoutes()).containsOnlyKeys("webhook:" + webhookUrl, "kafka:" + failuresTopic);
        assertThat(first.applyCrFiles().block(Duration.ofSeconds(30))).hasSize(3);

        // three WebApps make the condition true; the throttle key does not name the resource
        await().atMost(WAIT).untilAsserted(() -> assertThat(metric(first,
            "orkestra_notifications_total{team=\"platform\",status=\"throttled\"}"))
            .isGreaterThanOrEqualTo(2)); // a resync may add more
        assertThat(metric(first, "orkestra_notifications_total{team=\"platform\",status=\"sent\"}"))
            .isEqualTo(1);
        assertThat(slackBodies).hasSize(1);
        JsonNode body = JSON.readTree(slackBodies.get(0));
        assertThat(body.path("text").asText()).matches("webapp-[123] is watched");
        assertThat(body.path("attachments").path(0).path("fields").path(0).path("value").asText())
            .isEqualTo("notify-it");

        // the webhook sink gets the succeeded events of webapp; the failures topic gets none
        await().atMost(WAIT).untilAsserted(() -> assertThat(
            metric(first, "orkestra_sink_events_published_total{sink=\"webhook:" + webhookUrl + "\"}"))
            .isEqualTo(3));
        assertThat(webhookBodies).hasSize(3);
        assertThat(webhookBodies).allSatisfy(b ->
            assertThat(JSON.readTree(b).path("type").asText()).isEqualTo("io.orkestra.reconcile.v1.succeeded"));
        String scrape = scrape(first);
        assertThat(scrape)
            .contains("orkestra_sink_events_published_total{sink=\"kafka:" + failuresTopic + "\"} 0")
            .contains("orkestra_sink_events_in_flight{sink=\"webhook:" + webhookUrl + "\"} 0")
            .contains("orkestra_sink_spill_bytes{sink=\"webhook:" + webhookUrl + "\"} 0")
            .contains("# TYPE orkestra_sink_events_failed_total counter")
            .contains("orkestra_sink_events_replayed_total{sink=\"kafka:" + config.topic() + "\"} 0");

        // the send time is stored in the ConfigMap (batched, written shortly after the send)
        await().atMost(WAIT).untilAsserted(() -> {
          ConfigMap cm = cluster.client().configMaps().inNamespace("default")
              .withName(ConfigMapThrottleStore.NAME).get();
          assertThat(cm).isNotNull();
          assertThat(cm.getData()).hasSize(1);
          assertThat(cm.getData().values()).singleElement().asString()
              .endsWith(" notify-it|metadata.namespace|equals|default|platform");
        });
      }

      // a new runtime reconciles the three WebApps again: the condition is still true, but the
      // throttle read from the ConfigMap holds every notice back
      try (OrkestraRuntime second = OrkestraRuntime.start(config)) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(metric(second,
            "orkestra_notifications_total{team=\"platform\",status=\"throttled\"}"))
            .isGreaterThanOrEqualTo(3));
        assertThat(metric(second, "orkestra_notifications_total{team=\"platform\",status=\"sent\"}"))
            .isZero();
      }
      assertThat(slackBodies).hasSize(1);
    }
  }

  @Test
  void untilIdleWaitsForTheEventsEachKatalogSinkReceives() throws Exception {
    String failuresTopic = "notify-cli-failures-" + UUID.randomUUID();
    String webhookUrl = "http://127.0.0.1:" + webhook.actualPort() + "/events";
    Path katalog = katalog(failuresTopic, webhookUrl);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();

    int code = OrkCli.execute(
        new String[] {"run", "--embedded", "-f", katalog.toString(),
            "--bootstrap-server", TestKafka.bootstrapServers(),
            "--topic", "notify-cli-" + UUID.randomUUID(), "--until-idle", "--timeout", "180s"},
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));

    assertThat(code).as("stderr: %s", err).isZero();
    // the failures topic receives nothing (every reconcile succeeded) and is not waited for
    assertThat(out.toString())
        .contains("reconciled 3/3 resources, published 3 events")
        .contains("3 delivered to webhook:" + webhookUrl)
        .contains("0 delivered to kafka:" + failuresTopic);
    assertThat(webhookBodies).hasSize(3);
  }

  private Path katalog(String failuresTopic, String webhookUrl) throws Exception {
    String text = Files.readString(Path.of("src/test/resources/fixtures/notify/katalog.yaml.template"))
        .replace("@SLACK_URL@", "http://127.0.0.1:" + slack.actualPort() + "/services/T0/B0/x")
        .replace("@WEBHOOK_URL@", webhookUrl)
        .replace("@FAILURES_TOPIC@", failuresTopic);
    Path dir = Files.createDirectories(tmp.resolve("katalog"));
    Files.writeString(dir.resolve("katalog.yaml"), text);
    Files.copy(Path.of("../examples/quickstart/crd.yaml"), dir.resolve("crd.yaml"));
    Files.copy(Path.of("../examples/quickstart/cr.yaml"), dir.resolve("cr.yaml"));
    return dir.resolve("katalog.yaml");
  }

  private Path kubeconfig(EmbeddedApiServer cluster) throws Exception {
    Path file = tmp.resolve("kubeconfig.yaml");
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: test",
        "  cluster: {server: \"" + cluster.url() + "\"}",
        "contexts:",
        "- name: test",
        "  context: {cluster: test, user: anonymous, namespace: default}",
        "current-context: test",
        "users:",
        "- name: anonymous",
        "  user: {}",
        ""));
    return file;
  }

  /** One sample's value from {@code GET /metrics}, 0 when the series is absent. */
  private static long metric(OrkestraRuntime runtime, String series) throws Exception {
    for (String line : scrape(runtime).split("\n")) {
      if (line.startsWith(series + " ")) {
        return Long.parseLong(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  private static String scrape(OrkestraRuntime runtime) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.metricsPort() + "/metrics"))
            .timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}

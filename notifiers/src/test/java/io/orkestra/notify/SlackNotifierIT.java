package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.core.ConditionNotice;
import io.orkestra.core.ResourceKey;
import io.orkestra.notify.NoticeDelivery.Status;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The Slack notifier against an in-process Vert.x HTTP server standing in for Slack. */
class SlackNotifierIT {

  private static final Duration VERIFY = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private Vertx vertx;

  private TestEndpoint slack;
  private final MutableClock clock = new MutableClock(T0);

  // one Vert.x per test: a request of one test once went unanswered for 5 s right after the
  // previous test's endpoint and client closed on a shared instance (not reproduced alone)
  @BeforeEach
  void startSlack() throws Exception {
    vertx = Vertx.vertx();
    slack = new TestEndpoint(vertx).start();
  }

  @AfterEach
  void stopSlack() throws Exception {
    slack.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ConditionNotice notice(String team, String value, Duration interval) {
    return new ConditionNotice(
        "shop",
        "webapp",
        ResourceKey.of("demo.orkestra.io/v1", "WebApp", "prod", "big"),
        "spec.replicas|greaterThan|" + value,
        team,
        "big has 8 replicas",
        slack.url(),
        interval);
  }

  private SlackNotifier notifier(ThrottleStore store) {
    return Notifiers.slack(
        vertx,
        SlackOptions.defaults().withClock(clock).withFlushDelay(Duration.ZERO),
        store);
  }

  private static List<Status> statuses(SlackNotifier n, ConditionNotice... notices) {
    List<NoticeDelivery> out = n.publish(Flux.just(notices)).collectList().block(VERIFY);
    // a failure's detail in the report makes a red run explainable
    out.stream().filter(d -> d.status() == Status.FAILED)
        .forEach(d -> System.err.println("notice failed: " + d.detail()));
    return out.stream().map(NoticeDelivery::status).toList();
  }

  @Test
  void postsTheIncomingWebhookPayload() throws Exception {
    try (SlackNotifier n = notifier(ThrottleStore.inMemory())) {
      assertThat(statuses(n, notice("platform", "5", Duration.ofMinutes(15))))
          .containsExactly(Status.SENT);
    }

    assertThat(slack.accepted()).hasSize(1);
    JsonNode body = JSON.readTree(slack.accepted().get(0).body());
    assertThat(body.path("text").asText()).isEqualTo("big has 8 replicas");
    JsonNode attachment = body.path("attachments").path(0);
    assertThat(attachment.path("color").asText()).isEqualTo("warning");
    assertThat(attachment.path("fields").path(0).path("title").asText()).isEqualTo("Katalog");
    assertThat(attachment.path("fields").path(0).path("value").asText()).isEqualTo("shop");
    assertThat(attachment.path("fields").path(1).path("title").asText()).isEqualTo("Team");
    assertThat(attachment.path("fields").path(1).path("value").asText()).isEqualTo("platform");
    assertThat(slack.accepted().get(0).header("content-type")).isEqualTo("application/json");
  }

  @Test
  void sendsAKeyOncePerIntervalAndAgainAfterIt() {
    try (SlackNotifier n = notifier(ThrottleStore.inMemory())) {
      Duration interval = Duration.ofMinutes(15);

      assertThat(statuses(n, notice("platform", "5", interval))).containsExactly(Status.SENT);
      clock.advance(Duration.ofMinutes(14));
      // same key within the interval: throttled; another team or another threshold value: new keys
      assertThat(statuses(n, notice("platform", "5", interval))).containsExactly(Status.THROTTLED);
      assertThat(statuses(n, notice("dba", "5", interval))).containsExactly(Status.SENT);
      assertThat(statuses(n, notice("platform", "6", interval))).containsExactly(Status.SENT);
      clock.advance(Duration.ofMinutes(1));
      assertThat(statuses(n, notice("platform", "5", interval))).containsExactly(Status.SENT);
    }
    assertThat(slack.accepted()).hasSize(4);
  }

  @Test
  void concurrentNoticesOfOneKeySendOnce() {
    try (SlackNotifier n = notifier(ThrottleStore.inMemory())) {
      ConditionNotice same = notice("platform", "5", Duration.ofMinutes(15));

      assertThat(statuses(n, same, same, same, same))
          .containsExactlyInAnyOrder(
              Status.SENT, Status.THROTTLED, Status.THROTTLED, Status.THROTTLED);
    }
    assertThat(slack.accepted()).hasSize(1);
  }

  @Test
  void aFailedPostDoesNotStartTheClock() {
    slack.answer(n -> n == 0 ? TestEndpoint.Answer.status(500) : TestEndpoint.Answer.ok());
    try (SlackNotifier n = notifier(ThrottleStore.inMemory())) {
      ConditionNotice notice = notice("platform", "5", Duration.ofMinutes(15));

      assertThat(statuses(n, notice)).containsExactly(Status.FAILED);
      assertThat(statuses(n, notice)).containsExactly(Status.SENT);
    }
  }

  @Test
  void aSlackThatIsDownFailsTheNoticeWithoutNamingTheWebhookUrl() throws Exception {
    slack.down();
    try (SlackNotifier n = notifier(ThrottleStore.inMemory())) {
      List<NoticeDelivery> out =
          n.publish(Flux.just(notice("platform", "5", Duration.ofMinutes(15))))
              .collectList()
              .block(VERIFY);

      assertThat(out).singleElement().satisfies(d -> {
        assertThat(d.status()).isEqualTo(Status.FAILED);
        // the path of an incoming-webhook URL is its secret
        assertThat(d.detail()).startsWith("cannot reach Slack").doesNotContain("/hooks/orkestra");
      });
    }
  }

  @Test
  void aNewNotifierOnTheSameStoreDoesNotResendWithinTheInterval() {
    ThrottleStore store = ThrottleStore.inMemory();
    ConditionNotice notice = notice("platform", "5", Duration.ofMinutes(15));
    try (SlackNotifier first = notifier(store)) {
      assertThat(statuses(first, notice)).containsExactly(Status.SENT);
    }
    assertThat(store.load().block(VERIFY)).containsEntry(notice.throttleKey(), T0);

    clock.advance(Duration.ofMinutes(10));
    try (SlackNotifier restarted = notifier(store)) {
      assertThat(statuses(restarted, notice)).containsExactly(Status.THROTTLED);
    }
    assertThat(slack.accepted()).hasSize(1);
  }

  @Test
  void readsAnEnvironmentReferenceAndSkipsWhenItIsUnset() {
    ConditionNotice viaEnv =
        new ConditionNotice(
            "shop", "webapp", ResourceKey.of("v1", "X", "ns", "a"), "f|equals|x", "platform", "m",
            "${PLATFORM_SLACK}", Duration.ofMinutes(1));
    ConditionNotice unset =
        new ConditionNotice(
            "shop", "webapp", ResourceKey.of("v1", "X", "ns", "a"), "f|equals|x", "dba", "m",
            "$NOT_SET_ANYWHERE", Duration.ofMinutes(1));
    try (SlackNotifier n =
        Notifiers.slack(
            vertx,
            SlackOptions.defaults().withClock(clock).withEnvironment(Map.of("PLATFORM_SLACK", slack.url())),
            ThrottleStore.inMemory())) {
      List<NoticeDelivery> out = n.publish(Flux.just(viaEnv, unset)).collectList().block(VERIFY);

      assertThat(out).extracting(NoticeDelivery::status)
          .containsExactlyInAnyOrder(Status.SENT, Status.SKIPPED);
      assertThat(out).filteredOn(d -> d.status() == Status.SKIPPED)
          .extracting(NoticeDelivery::detail)
          .containsExactly("environment variable $NOT_SET_ANYWHERE is not set");
    }
    assertThat(slack.accepted()).hasSize(1);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

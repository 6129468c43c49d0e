package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notification throttle in a ConfigMap of the in-process API server. */
class ConfigMapThrottleStoreTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static EmbeddedApiServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSecondStoreReadsWhatTheFirstWroteAndMergesByTheLaterTime() {
    String ns = "throttle-merge";
    ConfigMapThrottleStore first = new ConfigMapThrottleStore(server.client(), ns, CLOCK);
    Instant earlier = NOW.minus(Duration.ofMinutes(5));
    first.save(Map.of("k|a|b|c|platform", earlier, "k|x|y|z|dba", NOW)).block(WAIT);

    ConfigMapThrottleStore second = new ConfigMapThrottleStore(server.client(), ns, CLOCK);
    assertThat(second.load().block(WAIT))
        .containsExactlyInAnyOrderEntriesOf(Map.of("k|a|b|c|platform", earlier, "k|x|y|z|dba", NOW));

    // an older time does not move a key back; a newer one does
    second.save(Map.of("k|x|y|z|dba", earlier, "k|a|b|c|platform", NOW)).block(WAIT);
    assertThat(first.load().block(WAIT))
        .containsEntry("k|a|b|c|platform", NOW)
        .containsEntry("k|x|y|z|dba", NOW);

    ConfigMap cm = server.client().configMaps().inNamespace(ns).withName(ConfigMapThrottleStore.NAME).get();
    assertThat(cm.getData().keySet()).allMatch(k -> k.matches("t-[0-9a-f]{40}"));
    assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "orkestra");
  }

  @Test
  void dropsEntriesOlderThanTheRetentionWhenWriting() {
    String ns = "throttle-retention";
    ConfigMapThrottleStore store = new ConfigMapThrottleStore(server.client(), ns, CLOCK);
    store.save(Map.of("old", NOW.minus(ConfigMapThrottleStore.RETENTION).minusSeconds(1),
        "fresh", NOW)).block(WAIT);

    assertThat(store.load().block(WAIT)).containsOnlyKeys("fresh");
  }

  @Test
  void anAbsentConfigMapIsAnEmptyThrottle() {
    assertThat(new ConfigMapThrottleStore(server.client(), "throttle-none", CLOCK).load().block(WAIT))
        .isEmpty();
  }
}

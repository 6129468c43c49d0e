package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.CompiledOperator;
import io.orkestra.core.ConditionNotice;
import io.orkestra.core.DesiredState;
import io.orkestra.core.Outcome;
import io.orkestra.katalog.NotificationConfig.EventSink;
import io.orkestra.katalog.NotificationConfig.SinkKind;
import io.orkestra.katalog.NotificationConfig.Team;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The notification block (spec §7), event sinks, and notices of condition {@code notify:} blocks. */
class NotificationTest {

  private static final String KATALOG = "notification/katalog.yaml";

  @Test
  void readsTeamsDefaultsAndSinks() {
    NotificationConfig config = KatalogInterpreter.notification(Fixtures.operator(KATALOG));

    assertThat(config.enabled()).isTrue();
    assertThat(config.defaultInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.defaultSlackWebhookUrl()).isEqualTo("https://hooks.example.com/default");
    assertThat(config.teams()).containsOnlyKeys("platform", "dba");
    assertThat(config.teams().get("platform"))
        .isEqualTo(
            new Team(
                List.of("ops@example.com"),
                List.of("#platform"),
                "$PLATFORM_SLACK_URL",
                Duration.ofMinutes(5),
                "{{ .metadata.name }} has {{ .spec.replicas }} replicas"));
    assertThat(config.sinks())
        .containsExactly(
            new EventSink(
                "webapp-failures",
                SinkKind.KAFKA,
                "orkestra.webapp.failures",
                Set.of("webapp"),
                Set.of("prod"),
                Set.of(Outcome.FAILED, Outcome.DELETED)),
            new EventSink(
                "webhook:https://audit.example.com/orkestra",
                SinkKind.WEBHOOK,
                "https://audit.example.com/orkestra",
                Set.of(),
                Set.of(),
                Set.of(Outcome.DELETED)));
  }

  @Test
  void aKatalogWithoutTheBlockHasNone() {
    CompiledOperator op = Fixtures.operator("load/grouped/katalog.yaml");

    assertThat(KatalogInterpreter.notification(op)).isEqualTo(NotificationConfig.NONE);
    assertThat(Fixtures.interpret(op, Fixtures.cr("load/app-cr.yaml", 0)).notices()).isEmpty();
  }

  @Test
  void reportsOneNoticePerTeamOfEveryTrueNotifyCondition() {
    CompiledOperator op = Fixtures.operator(KATALOG);

    DesiredState big = Fixtures.interpret(op, Fixtures.cr("notification/crs.yaml", 0));

    assertThat(big.notices())
        .extracting(ConditionNotice::throttleKey)
        .containsExactly(
            "shop|spec.replicas|greaterThan|5|platform",
            "shop|spec.replicas|greaterThan|5|dba",
            "shop|spec.tier|equals|gold|dba");
    ConditionNotice platform = big.notices().get(0);
    // team message, team URL (an environment reference, read by the sender), team interval
    assertThat(platform.message()).isEqualTo("big has 8 replicas");
    assertThat(platform.slackWebhookUrl()).isEqualTo("$PLATFORM_SLACK_URL");
    assertThat(platform.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(platform.crdName()).isEqualTo("webapp");
    assertThat(platform.key().name()).isEqualTo("big");
    ConditionNotice dba = big.notices().get(1);
    // no team message: the default; no team URL or interval: the Katalog's defaults
    assertThat(dba.message()).isEqualTo("[orkestra] prod/big: condition triggered");
    assertThat(dba.slackWebhookUrl()).isEqualTo("https://hooks.example.com/default");
    assertThat(dba.interval()).isEqualTo(Duration.ofMinutes(10));
    // notify.message wins over the team's
    assertThat(big.notices().get(2).message()).isEqualTo("gold tier big is big");
  }

  @Test
  void aFalseConditionDoesNotNotifyAndStopsTheWhenList() {
    DesiredState small =
        Fixtures.interpret(Fixtures.operator(KATALOG), Fixtures.cr("notification/crs.yaml", 1));

    // replicas 2 fails the first when: entry, so the second (tier gold) is not evaluated
    assertThat(small.notices()).isEmpty();
  }

  @Test
  void interpretingTwiceGivesEqualNotices() {
    CompiledOperator op = Fixtures.operator(KATALOG);
    var cr = Fixtures.cr("notification/crs.yaml", 0);

    assertThat(Fixtures.interpret(op, cr).notices()).isEqualTo(Fixtures.interpret(op, cr).notices());
  }

  @Test
  void aKomposerMergesTeamsByNameAndConcatenatesSinks() {
    List<CompiledOperator> ops =
        KatalogInterpreter.load(Fixtures.path("notification/komposer/komposer.yaml"));

    NotificationConfig config = KatalogInterpreter.notification(ops.get(0));
    assertThat(KatalogInterpreter.notification(ops.get(1))).isEqualTo(config);
    assertThat(config.teams()).containsOnlyKeys("platform", "dba", "sre");
    Team platform = config.teams().get("platform");
    assertThat(platform.slack()).containsExactly("#platform");
    assertThat(platform.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(platform.slackWebhookUrl()).isEqualTo("https://hooks.example.com/platform");
    assertThat(config.defaultInterval()).isEqualTo(Duration.ofMinutes(20));
    assertThat(config.sinks()).extracting(EventSink::target).containsExactly("a.events", "b.events");
  }

  @Test
  void aDisabledBlockYieldsNoNoticesButKeepsItsSinks() {
    CompiledOperator op = Fixtures.operator("notification/disabled/katalog.yaml");

    DesiredState big = Fixtures.interpret(op, Fixtures.cr("notification/crs.yaml", 0));

    assertThat(big.status().path("phase").asText()).isEqualTo("Big");
    assertThat(big.notices()).isEmpty();
    assertThat(KatalogInterpreter.notification(op).enabled()).isFalse();
    assertThat(KatalogInterpreter.notification(op).sinks()).extracting(EventSink::target)
        .containsExactly("quiet.events");
  }
}

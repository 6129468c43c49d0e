package io.orkestra.katalog;

import io.orkestra.core.Outcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code notification:} block of a Katalog (spec §7) as {@link
 * KatalogInterpreter#notification} returns it: teams for condition {@code notify:} blocks, plus
 * this runtime's routing of reconciliation events to extra sinks ({@code notification.sinks}).
 * A Komposer merges the block of every import, then its own: teams merge by name (later keys win),
 * sinks are concatenated. URLs are absolute {@code http}/{@code https} URLs or environment
 * references ({@code $NAME}, {@code ${NAME}}) kept as written, for the runtime to read.
 *
 * <pre>{@code
 * notification:
 *   enabled: true                 # false: notify: blocks produce no notices (sinks still route)
 *   standalone: true              # accepted (Orkestra's gateway switch); this runtime sends itself
 *   defaults: {interval: 15m, slackWebhookUrl: https://hooks.slack.com/services/...}
 *   teams:
 *     platform: {slack: ["#platform"], email: [ops@example.com], interval: 5m,
 *                slackWebhookUrl: https://..., message: "{{ .metadata.name }} needs a look"}
 *   sinks:                        # Orkestra-J: reconciliation events to more places
 *     - name: webapp-failures     # optional; unique
 *       kafka: {topic: orkestra.webapp.failures}   # exactly one of kafka / webhook
 *       crds: [webapp]            # filters, each optional; an event must match all of them
 *       namespaces: [prod]
 *       outcomes: [failed, deleted]
 *     - webhook: {url: https://audit.example.com/orkestra}
 *       outcomes: [deleted]
 * }</pre>
 *
 * @param enabled {@code enabled} (default {@code true})
 * @param standalone {@code standalone} (default {@code true}; informational)
 * @param defaultInterval {@code defaults.interval}, {@code null} when absent (then 15 minutes)
 * @param defaultSlackWebhookUrl {@code defaults.slackWebhookUrl}, {@code null} when absent
 * @param teams the teams by name, in declaration order
 * @param sinks the extra event sinks, in declaration order
 */
public record NotificationConfig(
    boolean enabled,
    boolean standalone,
    @Nullable Duration defaultInterval,
    @Nullable String defaultSlackWebhookUrl,
    Map<String, Team> teams,
    List<EventSink> sinks) {

  /** A Katalog without a {@code notification:} block. */
  public static final NotificationConfig NONE =
      new NotificationConfig(true, true, null, null, Map.of(), List.of());

  /** Null checks and immutable copies (team order kept). */
  public NotificationConfig {
    teams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(teams));
    sinks = List.copyOf(sinks);
  }

  /**
   * One team of {@code notification.teams}.
   *
   * @param email {@code email} addresses (kept; this runtime sends no email)
   * @param slack {@code slack} channel names (informational: the webhook URL decides the channel)
   * @param slackWebhookUrl the team's Slack incoming-webhook URL, {@code null} for the default
   * @param interval the team's throttle interval, {@code null} for the default
   * @param message the team's message template source, {@code null} for the default
   */
  public record Team(
      List<String> email,
      List<String> slack,
      @Nullable String slackWebhookUrl,
      @Nullable Duration interval,
      @Nullable String message) {
    /** Immutable copies. */
    public Team {
      email = List.copyOf(email);
      slack = List.copyOf(slack);
    }
  }

  /** What kind of sink an {@link EventSink} is. */
  public enum SinkKind {
    /** A Kafka topic on the runtime's broker. */
    KAFKA,
    /** An HTTP endpoint receiving CloudEvents (signed with the runtime's webhook secret). */
    WEBHOOK
  }

  /**
   * One entry of {@code notification.sinks}: where reconciliation events also go, and which.
   *
   * @param name {@code name}, else {@code kafka:<topic>} or {@code webhook:<url>}
   * @param kind Kafka topic or webhook
   * @param target the topic or the URL
   * @param crds CRD entry names ({@code crds}), empty for any
   * @param namespaces namespaces of the custom resources ({@code namespaces}), empty for any
   * @param outcomes outcomes ({@code outcomes}: {@code succeeded}, {@code failed}, {@code
   *     deleted}), empty for any
   */
  public record EventSink(
      String name,
      SinkKind kind,
      String target,
      Set<String> crds,
      Set<String> namespaces,
      Set<Outcome> outcomes) {
    /** Null checks and immutable copies. */
    public EventSink {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(target, "target");
      crds = Set.copyOf(crds);
      namespaces = Set.copyOf(namespaces);
      outcomes = Set.copyOf(outcomes);
    }
  }
}

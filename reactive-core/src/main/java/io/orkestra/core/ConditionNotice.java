package io.orkestra.core;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition carrying a {@code notify:} block (spec §7) evaluated true while a custom resource
 * was interpreted: one notice per team it names. Pure data, produced by the interpreter in {@link
 * DesiredState#notices()}; a notifier decides whether to send it (throttle) and sends it.
 *
 * @param katalog {@code metadata.name} of the Katalog
 * @param crdName the CRD entry name
 * @param key the custom resource
 * @param condition the condition's identity for the throttle: {@code field|operator|value} with
 *     the value as rendered for this resource, so that changing a threshold resets the clock
 * @param team the team notified
 * @param message the rendered message ({@code notify.message}, else the team's {@code message},
 *     else the default {@code [orkestra] <namespace>/<name>: condition triggered})
 * @param slackWebhookUrl the Slack incoming-webhook URL (the team's, else the Katalog's default),
 *     {@code null} when neither is configured
 * @param interval at most one send per {@link #throttleKey()} within this interval (the team's,
 *     else {@code defaults.interval}, else 15 minutes)
 */
public record ConditionNotice(
    String katalog,
    String crdName,
    ResourceKey key,
    String condition,
    String team,
    String message,
    @Nullable String slackWebhookUrl,
    Duration interval) {

  /** The interval used when neither the team nor the Katalog's defaults set one. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

  /** Null checks; the interval must not be negative. */
  public ConditionNotice {
    Objects.requireNonNull(katalog, "katalog");
    Objects.requireNonNull(crdName, "crdName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative, was " + interval);
    }
  }

  /**
   * The throttle key of spec §7: {@code katalog|field|operator|value|team}. Like Orkestra, it does
   * not name the custom resource: a condition true for many resources notifies a team once per
   * interval.
   *
   * @return the key
   */
  public String throttleKey() {
    return katalog + "|" + condition + "|" + team;
  }
}

package io.orkestra.katalog.internal.model;

import io.orkestra.core.Outcome;
import io.orkestra.katalog.internal.template.Template;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A bound {@code notification:} block (spec §7, plus {@code sinks}); the loader turns it into the
 * public {@code NotificationConfig}.
 *
 * @param enabled {@code enabled}
 * @param standalone {@code standalone}
 * @param defaultInterval {@code defaults.interval}, or {@code null}
 * @param defaultSlackWebhookUrl {@code defaults.slackWebhookUrl}, or {@code null}
 * @param teams the teams by name, in declaration order
 * @param sinks the event sinks, in declaration order
 */
public record NotificationBlock(
    boolean enabled,
    boolean standalone,
    @Nullable Duration defaultInterval,
    @Nullable String defaultSlackWebhookUrl,
    Map<String, TeamSpec> teams,
    List<SinkSpec> sinks) {

  /** A Katalog without a {@code notification:} block. */
  public static final NotificationBlock NONE =
      new NotificationBlock(true, true, null, null, Map.of(), List.of());

  /** Immutable copies (team order kept). */
  public NotificationBlock {
    teams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(teams));
    sinks = List.copyOf(sinks);
  }

  /**
   * One team.
   *
   * @param email addresses
   * @param slack channel names
   * @param slackWebhookUrl URL or environment reference, or {@code null}
   * @param interval throttle interval, or {@code null}
   * @param message compiled message template, or {@code null}
   */
  public record TeamSpec(
      List<String> email,
      List<String> slack,
      @Nullable String slackWebhookUrl,
      @Nullable Duration interval,
      @Nullable Template message) {
    /** Immutable copies. */
    public TeamSpec {
      email = List.copyOf(email);
      slack = List.copyOf(slack);
    }
  }

  /**
   * One event sink.
   *
   * @param name the name (given, or derived from the target)
   * @param kafka a Kafka topic ({@code true}) or a webhook URL
   * @param target the topic or URL
   * @param crds CRD entry names, empty for any
   * @param namespaces namespaces, empty for any
   * @param outcomes outcomes, empty for any
   */
  public record SinkSpec(
      String name,
      boolean kafka,
      String target,
      Set<String> crds,
      Set<String> namespaces,
      Set<Outcome> outcomes) {
    /** Null checks and immutable copies. */
    public SinkSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(target, "target");
      crds = Set.copyOf(crds);
      namespaces = Set.copyOf(namespaces);
      outcomes = Set.copyOf(outcomes);
    }
  }
}

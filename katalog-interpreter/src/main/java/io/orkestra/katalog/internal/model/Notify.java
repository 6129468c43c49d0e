package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.template.Template;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code notify:} block of a condition (spec §2.6, §7): the teams to tell when the condition
 * is true, and an optional message template that wins over the team's.
 *
 * @param teams the team names, each where it is written (checked against {@code
 *     notification.teams} once the whole Katalog is bound)
 * @param message the message template, or {@code null}
 */
public record Notify(List<Located<String>> teams, @Nullable Template message) {
  /** Immutable copy. */
  public Notify {
    teams = List.copyOf(teams);
  }
}

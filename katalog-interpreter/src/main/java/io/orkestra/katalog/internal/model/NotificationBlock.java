package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.NotificationConfig;
import io.orkestra.katalog.internal.template.Template;
import java.util.Map;
import java.util.Objects;

/**
 * A bound {@code notification:} block: the public view plus each team's compiled message
 * template.
 *
 * @param config the block as values
 * @param teamMessages compiled {@code teams.<name>.message} templates by team name
 */
public record NotificationBlock(NotificationConfig config, Map<String, Template> teamMessages) {

  /** A Katalog without a {@code notification:} block. */
  public static final NotificationBlock NONE = new NotificationBlock(NotificationConfig.NONE, Map.of());

  /** Null checks and an immutable copy. */
  public NotificationBlock {
    Objects.requireNonNull(config, "config");
    teamMessages = Map.copyOf(teamMessages);
  }
}

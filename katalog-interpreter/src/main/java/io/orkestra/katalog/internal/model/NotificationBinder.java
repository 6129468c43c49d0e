package io.orkestra.katalog.internal.model;

import io.orkestra.core.Outcome;
import io.orkestra.katalog.internal.model.NotificationBlock.SinkSpec;
import io.orkestra.katalog.internal.model.NotificationBlock.TeamSpec;
import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code notification:} block (spec §7, plus this runtime's {@code sinks}). Keys,
 * booleans, durations and outcome names are checked by the {@link SchemaChecker} against {@link
 * KatalogSchema#NOTIFICATION}; this binder reports, with their positions: URLs that are neither
 * absolute {@code http}/{@code https} URLs nor an environment reference ({@code $NAME} or {@code
 * ${NAME}}, kept as written and read by the runtime when it sends), templated intervals, zero intervals, messages that do
 * not compile, sinks with none or both of {@code kafka}/{@code webhook}, invalid topic names,
 * duplicate sink names, and (through {@link #checkReferences}) {@code notify.teams} naming an
 * undeclared team and sink {@code crds} naming an undeclared CRD entry.
 */
final class NotificationBinder {

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern HTTP_URL =
      Pattern.compile("(?i)https?://[^/?#\\s@]*[^/?#\\s@:][^/?#\\s]*([/?#]\\S*)?");
  private static final Pattern ENV_REF = Pattern.compile("\\$(\\{[A-Za-z_][A-Za-z0-9_]*}|[A-Za-z_][A-Za-z0-9_]*)");

  private final Reader read;

  NotificationBinder(Reader read) {
    this.read = read;
  }

  NotificationBlock bind(@Nullable YNode node) {
    YMap m = read.map(node);
    if (m == null) {
      return NotificationBlock.NONE;
    }
    boolean enabled = flag(m.get("enabled"), true);
    boolean standalone = flag(m.get("standalone"), true);
    Duration defaultInterval = null;
    String defaultUrl = null;
    YMap defaults = read.map(m.get("defaults"));
    if (defaults != null) {
      defaultInterval = interval(defaults.get("interval"));
      defaultUrl = url(defaults.get("slackWebhookUrl"));
    }
    Map<String, TeamSpec> teams = new LinkedHashMap<>();
    YMap teamMap = read.map(m.get("teams"));
    if (teamMap != null) {
      for (YEntry e : teamMap.entries()) {
        if (e.key().isBlank()) {
          read.error(e.keyPos(), "a team name in notification.teams must not be empty");
          continue;
        }
        YMap t = read.map(e.value());
        if (t == null) {
          teams.put(e.key(), new TeamSpec(List.of(), List.of(), null, null, null));
          continue;
        }
        teams.put(
            e.key(),
            new TeamSpec(
                strings(t.get("email")),
                strings(t.get("slack")),
                url(t.get("slackWebhookUrl")),
                interval(t.get("interval")),
                read.template(t.get("message"))));
      }
    }
    List<SinkSpec> sinks = new ArrayList<>();
    YSeq sinkList = read.list(m.get("sinks"));
    if (sinkList != null) {
      Map<String, YNode> names = new LinkedHashMap<>();
      for (YNode item : sinkList.items()) {
        YMap s = read.map(item);
        SinkSpec sink = s == null ? null : sink(s);
        if (sink == null) {
          continue;
        }
        YNode at = s.get("name") != null ? s.get("name") : s;
        YNode first = names.putIfAbsent(sink.name(), at);
        if (first != null) {
          read.error(
              at.pos(),
              "notification sink '" + sink.name() + "' is declared twice (first at line "
                  + first.pos().line() + "); give one a distinct name");
          continue;
        }
        sinks.add(sink);
      }
    }
    return new NotificationBlock(enabled, standalone, defaultInterval, defaultUrl, teams, sinks);
  }

  /**
   * Reports {@code notify.teams} entries naming a team the block does not declare, and sink {@code
   * crds} naming a CRD entry the Katalog does not declare.
   */
  void checkReferences(
      NotificationBlock block, List<Located<String>> teamRefs, @Nullable YNode node, Set<String> crdNames) {
    Set<String> teams = block.teams().keySet();
    for (Located<String> ref : teamRefs) {
      if (!teams.contains(ref.value())) {
        read.error(
            ref.pos(),
            "unknown team '" + ref.value() + "' in " + ref.path()
                + (teams.isEmpty()
                    ? " (declare it under notification.teams)"
                    : " (declared teams: " + String.join(", ", teams) + ")"
                        + Suggestions.didYouMean(ref.value(), teams)));
      }
    }
    YMap m = node instanceof YMap map ? map : null;
    YSeq sinks = m != null && m.get("sinks") instanceof YSeq seq ? seq : null;
    if (sinks == null) {
      return;
    }
    for (YNode item : sinks.items()) {
      if (item instanceof YMap s && s.get("crds") instanceof YSeq crds) {
        for (YNode c : crds.items()) {
          if (c instanceof YScalar sc && !sc.isNull() && !crdNames.contains(sc.text())) {
            read.error(
                c.pos(),
                "unknown CRD entry '" + sc.text() + "' in " + c.path()
                    + " (entries: " + String.join(", ", crdNames) + ")"
                    + Suggestions.didYouMean(sc.text(), crdNames));
          }
        }
      }
    }
  }

  private @Nullable SinkSpec sink(YMap s) {
    YMap kafka = read.map(s.get("kafka"));
    YMap webhook = read.map(s.get("webhook"));
    if ((kafka == null) == (webhook == null)) {
      read.error(
          s.pos(),
          s.path() + " must have exactly one of kafka: {topic} or webhook: {url}"
              + (kafka == null ? "" : ", not both"));
      return null;
    }
    String target;
    if (kafka != null) {
      YNode topicNode = read.require(kafka, "topic");
      target = read.string(topicNode);
      if (target == null) {
        return null;
      }
      if (!TOPIC.matcher(target).matches() || target.equals(".") || target.equals("..")) {
        read.error(
            topicNode.pos(),
            "invalid Kafka topic '" + target + "' in " + topicNode.path()
                + " (1 to 249 letters, digits, '.', '_' or '-')");
        return null;
      }
    } else {
      target = url(read.require(webhook, "url"));
      if (target == null) {
        return null;
      }
    }
    String name = read.string(s.get("name"));
    if (name != null && name.isBlank()) {
      read.error(s.get("name").pos(), s.path() + ".name must not be empty");
      return null;
    }
    Set<Outcome> outcomes = new LinkedHashSet<>();
    for (String o : strings(s.get("outcomes"))) {
      for (Outcome known : Outcome.values()) {
        if (known.wireName().equals(o.toLowerCase(Locale.ROOT))) {
          outcomes.add(known); // unknown names were reported by the schema check
        }
      }
    }
    return new SinkSpec(
        name != null ? name : (kafka != null ? "kafka:" : "webhook:") + target,
        kafka != null,
        target,
        new LinkedHashSet<>(strings(s.get("crds"))),
        new LinkedHashSet<>(strings(s.get("namespaces"))),
        outcomes);
  }

  private List<String> strings(@Nullable YNode node) {
    List<String> out = new ArrayList<>();
    YSeq seq = read.list(node);
    if (seq != null) {
      for (YNode item : seq.items()) {
        String s = read.string(item);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private @Nullable String url(@Nullable YNode node) {
    String text = read.string(node);
    if (text == null || node == null) {
      return null;
    }
    if (ENV_REF.matcher(text.trim()).matches()) {
      return text.trim(); // an environment variable, read by the runtime when it sends
    }
    String problem = null;
    if (!HTTP_URL.matcher(text.trim()).matches()) {
      problem = "must be an http or https URL (or an environment reference such as $SLACK_URL)";
    }
    if (problem != null) {
      read.error(node.pos(), node.path() + " " + problem + ", got '" + text + "'");
      return null;
    }
    return text.trim();
  }

  private @Nullable Duration interval(@Nullable YNode node) {
    if (!(node instanceof YScalar s) || s.isNull()) {
      return null;
    }
    if (s.text().contains("{{")) {
      read.error(node.pos(), node.path() + " must be a literal duration such as 15m, not a template");
      return null;
    }
    try {
      Duration d = GoDuration.parse(s.text().trim());
      if (d.isZero() || d.isNegative()) {
        read.error(node.pos(), node.path() + " must be positive, got '" + s.text() + "'");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      return null; // reported by the schema check
    }
  }

  private static boolean flag(@Nullable YNode node, boolean absent) {
    if (node instanceof YScalar s && s.value().isBoolean()) {
      return s.value().booleanValue();
    }
    return absent; // a non-boolean was reported by the schema check
  }
}

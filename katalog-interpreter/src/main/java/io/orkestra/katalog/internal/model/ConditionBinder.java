package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.Suggestions;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import io.orkestra.katalog.internal.support.CronSchedule;
import io.orkestra.katalog.internal.support.GoDuration;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code when:}/{@code or:} lists (spec §2.6). Each entry names a {@code field} and exactly
 * one operator, either as a shorthand key ({@code equals: "x"}, {@code greaterThan: 3}, {@code
 * exists: true}) or explicitly ({@code operator: in}, {@code value: "a,b"}, {@code valueType:
 * int}). Reported at load with their position: an unknown operator (with a suggestion), no or
 * several operators, a missing value, an unknown {@code valueType}, a literal {@code regex} that
 * does not compile.
 *
 * <p>Time conditions stand alone, without {@code field} or operator: exactly one of {@code time:
 * {after: "HH:MM", before: "HH:MM"}}, {@code dayOfWeek: {weekday: bool | weekend: bool | in: [..] |
 * notIn: [..]}} (days as {@code Mon}/{@code Monday}, any case) or {@code cron: "<5 fields>"} with
 * an optional {@code duration} (Go duration, default {@code 60s}, at most 7 days); {@code negate}
 * applies. A malformed time, day or cron expression is a load error with its position.
 */
final class ConditionBinder {

  private static final Set<String> NOT_OPERATORS =
      Set.of("field", "operator", "value", "valueType", "negate", "notify", "source", "duration");
  private static final Set<String> TIME_KEYS = Set.of("time", "dayOfWeek", "cron");
  private static final Set<String> TIME_EXTRA =
      Set.of("duration", "negate", "notify", "message", "action", "link", "fires", "when", "or");
  private static final Pattern HH_MM = Pattern.compile("([0-9]{1,2}):([0-9]{2})");
  private static final Duration DEFAULT_CRON_WINDOW = Duration.ofSeconds(60);
  private static final Set<String> VALUE_TYPES = Set.of("string", "int", "float", "bool");

  private final Reader read;

  ConditionBinder(Reader read) {
    this.read = read;
  }

  /** The {@code when} and {@code or} lists of {@code m} (empty when absent). */
  Conditions bind(@Nullable YMap m) {
    if (m == null) {
      return Conditions.NONE;
    }
    List<Condition> when = list(m.get("when"));
    List<Condition> or = list(m.get("or"));
    return when.isEmpty() && or.isEmpty() ? Conditions.NONE : new Conditions(when, or);
  }

  /**
   * Binds a list whose entries are conditions with extra keys of their own, such as admission
   * validation rules ({@code field}, an operator, {@code message}, {@code action}, ...).
   */
  List<Condition> entries(@Nullable YNode node) {
    return list(node);
  }

  /**
   * Binds one mapping that is itself a condition with extra keys (an admission validation rule).
   * Problems are reported; {@code null} when the condition is unusable.
   */
  @Nullable Condition single(YMap m) {
    return condition(m);
  }

  private List<Condition> list(@Nullable YNode node) {
    List<Condition> out = new ArrayList<>();
    YSeq seq = read.list(node);
    if (seq == null) {
      return out;
    }
    for (YNode item : seq.items()) {
      YMap m = read.map(item);
      Condition c = m == null ? null : condition(m);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private @Nullable Condition condition(YMap m) {
    for (String key : TIME_KEYS) {
      if (m.has(key)) {
        return timeCondition(m);
      }
    }
    if (m.has("duration")) {
      read.error(m.get("duration").pos(), m.childPath("duration") + " is only used with cron:");
    }
    YNode fieldNode = read.require(m, "field");
    String fieldText = read.string(fieldNode);
    List<String> field = List.of();
    Template fieldTemplate = null;
    // a boolean or number field is a value, not a path: a motif's typed input substituted into
    // `field: "{{ .inputs.enabled }}"` arrives as such a scalar and compares by its text
    boolean typedScalar =
        fieldNode instanceof YScalar s && (s.value().isBoolean() || s.value().isNumber());
    if (fieldText != null && (fieldText.contains("{{") || typedScalar)) {
      fieldTemplate = read.template(fieldNode);
    } else if (fieldText != null) {
      String path = fieldText.startsWith(".") ? fieldText.substring(1) : fieldText;
      field = Arrays.asList(path.split("\\.", -1));
      if (path.isBlank() || field.stream().anyMatch(String::isBlank)) {
        read.error(fieldNode.pos(), m.childPath("field") + " must be a dotted path, got '" + fieldText + "'");
        return null;
      }
    }
    ConditionOperator op = null;
    YNode valueNode = null;
    List<String> shorthands = new ArrayList<>();
    for (YEntry e : m.entries()) {
      if (!NOT_OPERATORS.contains(e.key()) && ConditionOperator.byName(e.key()).isPresent()) {
        shorthands.add(e.key());
      }
    }
    YNode explicit = m.get("operator");
    if (explicit != null) {
      String name = read.string(explicit);
      if (name == null) {
        return null;
      }
      op = ConditionOperator.byName(name).orElse(null);
      if (op == null) {
        read.error(
            explicit.pos(),
            "unknown condition operator '"
                + name
                + "'"
                + Suggestions.didYouMean(name, ConditionOperator.names()));
        return null;
      }
      if (op.timeBased()) {
        read.error(
            explicit.pos(),
            "'" + name + "' is a time condition: write it as its own key (" + name + ": ...)"
                + " without field:");
        return null;
      }
      valueNode = m.get("value");
      if (!shorthands.isEmpty()) {
        read.error(
            m.get(shorthands.get(0)).pos(),
            "condition has both operator: and " + shorthands.get(0) + ":; keep one");
        return null;
      }
    } else if (shorthands.size() == 1) {
      String key = shorthands.get(0);
      op = ConditionOperator.byName(key).orElseThrow();
      valueNode = m.get(key);
      if (op == ConditionOperator.EXISTS || op == ConditionOperator.NOT_EXISTS) {
        Boolean flag = read.bool(valueNode);
        if (flag == null) {
          return null;
        }
        if (!flag) {
          op = op == ConditionOperator.EXISTS ? ConditionOperator.NOT_EXISTS : ConditionOperator.EXISTS;
        }
        valueNode = null;
      }
    } else if (shorthands.isEmpty()) {
      read.error(
          m.pos(),
          "condition "
              + m.path()
              + " has no operator (use operator: with value:, or a shorthand such as equals:)");
      return null;
    } else {
      read.error(
          m.get(shorthands.get(1)).pos(),
          "condition " + m.path() + " has several operators " + shorthands + "; keep one");
      return null;
    }
    Template value = null;
    if (op.needsValue()) {
      if (valueNode == null || (valueNode instanceof YScalar && ((YScalar) valueNode).isNull())) {
        read.error(m.pos(), "condition " + m.path() + " (" + op.yamlName() + ") needs a value");
        return null;
      }
      value = read.template(valueNode);
      if (value == null) {
        return null;
      }
    }
    String valueType = "string";
    YNode typeNode = m.get("valueType");
    if (typeNode != null) {
      String t = read.string(typeNode);
      if (t == null) {
        return null;
      }
      String normal = t.equals("integer") ? "int" : t.equals("boolean") ? "bool" : t;
      if (!VALUE_TYPES.contains(normal)) {
        read.error(
            typeNode.pos(),
            "unknown valueType '" + t + "' (use string, int, float or bool)"
                + Suggestions.didYouMean(t, VALUE_TYPES));
        return null;
      }
      valueType = normal;
    }
    Pattern pattern = null;
    if (op == ConditionOperator.REGEX && value.isLiteral()) {
      try {
        pattern = Pattern.compile(value.source());
      } catch (PatternSyntaxException e) {
        read.error(
            valueNode.pos(), "invalid regex '" + value.source() + "': " + e.getDescription());
        return null;
      }
    }
    Boolean negate = read.bool(m.get("negate"));
    if ((fieldTemplate == null && field.isEmpty())) {
      return null;
    }
    Notify notify = notify(m.get("notify"));
    return new Condition(
        field,
        fieldTemplate,
        op,
        value,
        valueType,
        pattern,
        Boolean.TRUE.equals(negate),
        null,
        m.pos(),
        notify);
  }

  /** A condition holding {@code time}, {@code dayOfWeek} or {@code cron}. */
  private @Nullable Condition timeCondition(YMap m) {
    List<String> keys = new ArrayList<>();
    for (YEntry e : m.entries()) {
      if (TIME_KEYS.contains(e.key())) {
        keys.add(e.key());
      } else if (!TIME_EXTRA.contains(e.key())) {
        read.error(
            e.keyPos(),
            m.childPath(e.key())
                + ": a time condition ("
                + keys.stream().findFirst().orElse(firstTimeKey(m))
                + ") takes no field or operator; write the field test as its own condition");
        return null;
      }
    }
    if (keys.size() > 1) {
      read.error(
          m.get(keys.get(1)).pos(),
          "condition " + m.path() + " has several time conditions " + keys + "; keep one per entry");
      return null;
    }
    String key = keys.get(0);
    YNode node = m.get(key);
    if (m.has("duration") && !key.equals("cron")) {
      read.error(m.get("duration").pos(), m.childPath("duration") + " is only used with cron:");
      return null;
    }
    TimeWindow window =
        switch (key) {
          case "time" -> timeOfDay(node);
          case "dayOfWeek" -> days(node);
          default -> cron(node, m.get("duration"));
        };
    if (window == null) {
      return null;
    }
    ConditionOperator op = ConditionOperator.byName(key).orElseThrow();
    Boolean negate = read.bool(m.get("negate"));
    return new Condition(
        List.of(), null, op, null, "string", null, Boolean.TRUE.equals(negate), window, m.pos(), null);
  }

  private static String firstTimeKey(YMap m) {
    for (YEntry e : m.entries()) {
      if (TIME_KEYS.contains(e.key())) {
        return e.key();
      }
    }
    return "time";
  }

  private TimeWindow.@Nullable TimeOfDay timeOfDay(YNode node) {
    YMap t = read.map(node);
    if (t == null) {
      return null;
    }
    if (!t.has("after") && !t.has("before")) {
      read.error(t.pos(), t.path() + " needs after: and/or before: (\"HH:MM\", UTC)");
      return null;
    }
    int after = t.has("after") ? minuteOfDay(t.get("after")) : -1;
    int before = t.has("before") ? minuteOfDay(t.get("before")) : -1;
    if ((t.has("after") && after == -2) || (t.has("before") && before == -2)) {
      return null;
    }
    return new TimeWindow.TimeOfDay(after, before);
  }

  /** Minutes since midnight of {@code "HH:MM"}, or -2 after reporting a problem. */
  private int minuteOfDay(YNode node) {
    String s = read.string(node);
    if (s == null) {
      return -2;
    }
    java.util.regex.Matcher hm = HH_MM.matcher(s.trim());
    if (hm.matches()) {
      int h = Integer.parseInt(hm.group(1));
      int min = Integer.parseInt(hm.group(2));
      if (h < 24 && min < 60) {
        return h * 60 + min;
      }
    }
    read.error(node.pos(), node.path() + " must be a time of day \"HH:MM\" (UTC), got '" + s + "'");
    return -2;
  }

  private TimeWindow.@Nullable Days days(YNode node) {
    YMap d = read.map(node);
    if (d == null) {
      return null;
    }
    if (d.size() != 1) {
      read.error(
          d.pos(), d.path() + " needs exactly one of weekday:, weekend:, in: or notIn:");
      return null;
    }
    YEntry e = d.entries().iterator().next();
    Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    Set<DayOfWeek> days;
    switch (e.key()) {
      case "weekday", "weekend" -> {
        Boolean flag = read.bool(e.value());
        if (flag == null) {
          return null;
        }
        days = flag == e.key().equals("weekend") ? weekend : EnumSet.complementOf(EnumSet.copyOf(weekend));
      }
      case "in", "notIn" -> {
        YSeq seq = read.list(e.value());
        if (seq == null) {
          return null;
        }
        EnumSet<DayOfWeek> named = EnumSet.noneOf(DayOfWeek.class);
        for (YNode item : seq.items()) {
          String name = read.string(item);
          DayOfWeek day = name == null ? null : dayNamed(name);
          if (day == null) {
            if (name != null) {
              read.error(
                  item.pos(),
                  "unknown day '" + name + "' in " + d.path() + " (use Mon..Sun or Monday..Sunday)");
            }
            return null;
          }
          named.add(day);
        }
        days = e.key().equals("notIn") ? EnumSet.complementOf(named) : named;
      }
      default -> {
        read.error(
            e.keyPos(),
            "unknown key '" + e.key() + "' in " + d.path() + " (use weekday, weekend, in or notIn)"
                + Suggestions.didYouMean(e.key(), Set.of("weekday", "weekend", "in", "notIn")));
        return null;
      }
    }
    return new TimeWindow.Days(days);
  }

  private static @Nullable DayOfWeek dayNamed(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (n.length() >= 3 && d.name().startsWith(n) && (n.length() == 3 || n.equals(d.name()))) {
        return d;
      }
    }
    return null;
  }

  private TimeWindow.@Nullable Cron cron(YNode node, @Nullable YNode durationNode) {
    String text = read.string(node);
    if (text == null) {
      return null;
    }
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(text);
    } catch (IllegalArgumentException e) {
      read.error(node.pos(), "invalid cron '" + text + "': " + e.getMessage());
      return null;
    }
    Duration window = DEFAULT_CRON_WINDOW;
    if (durationNode != null) {
      String d = read.string(durationNode);
      if (d == null) {
        return null;
      }
      try {
        window = GoDuration.parse(d);
      } catch (IllegalArgumentException e) {
        read.error(durationNode.pos(), "invalid duration '" + d + "': " + e.getMessage());
        return null;
      }
      if (window.isNegative() || window.isZero() || window.compareTo(TimeWindow.Cron.MAX_WINDOW) > 0) {
        read.error(
            durationNode.pos(), "duration '" + d + "' must be more than 0 and at most 168h (7 days)");
        return null;
      }
    }
    return new TimeWindow.Cron(schedule, window);
  }

  /**
   * The {@code notify: {teams, message}} block: {@code teams} must be a non-empty list of names
   * (checked against {@code notification.teams} later); {@code message} is a template.
   */
  private @Nullable Notify notify(@Nullable YNode node) {
    YMap m = read.map(node);
    if (m == null) {
      return null;
    }
    YNode teamsNode = read.require(m, "teams");
    YSeq seq = read.list(teamsNode);
    List<Located<String>> teams = new ArrayList<>();
    if (seq != null) {
      for (YNode item : seq.items()) {
        Located<String> team = read.located(item);
        if (team != null) {
          teams.add(team);
          read.teamRefs().add(team);
        }
      }
      if (seq.items().isEmpty()) {
        read.error(seq.pos(), m.childPath("teams") + " must name at least one team");
      }
    }
    Template message = read.template(m.get("message"));
    return teams.isEmpty() ? null : new Notify(teams, message);
  }
}

package io.orkestra.katalog.internal.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operators of {@code when:}/{@code or:} conditions (spec §2.6), with their YAML spellings
 * (shorthand keys and aliases).
 */
public enum ConditionOperator {
  /** The field's text equals the value (typed with {@code valueType}). */
  EQUALS(true, "equals"),
  /** The negation of {@link #EQUALS}. */
  NOT_EQUALS(true, "notEquals"),
  /** The field's text contains the value; for a list field, an element equals it. */
  CONTAINS(true, "contains"),
  /** The negation of {@link #CONTAINS}. */
  NOT_CONTAINS(true, "notContains"),
  /** The field's text starts with the value. */
  PREFIX(true, "prefix"),
  /** The negation of {@link #PREFIX}. */
  NOT_PREFIX(true, "notPrefix"),
  /** The field's text ends with the value. */
  SUFFIX(true, "suffix"),
  /** The negation of {@link #SUFFIX}. */
  NOT_SUFFIX(true, "notSuffix"),
  /** The value is a regular expression found in the field's text. */
  REGEX(true, "regex"),
  /** The field is present and not null ({@code exists: true}). */
  EXISTS(false, "exists"),
  /** The field is absent or null ({@code notExists: true}). */
  NOT_EXISTS(false, "notExists"),
  /** Numeric field &gt; value (strict). */
  GREATER_THAN(true, "greaterThan", "gt"),
  /** Numeric field &lt; value (strict). */
  LESS_THAN(true, "lessThan", "lt"),
  /** Numeric field &ge; value. */
  GREATER_THAN_OR_EQUAL(true, "greaterThanOrEqual", "gte", "min"),
  /** Numeric field &le; value. */
  LESS_THAN_OR_EQUAL(true, "lessThanOrEqual", "lte", "max"),
  /** Numeric field within {@code "low,high"}, both inclusive. */
  BETWEEN(true, "between"),
  /** The negation of {@link #BETWEEN}. */
  NOT_BETWEEN(true, "notBetween"),
  /** The field's text is one of the comma-separated values (a trailing comma admits ""). */
  IN(true, "in"),
  /** The negation of {@link #IN}. */
  NOT_IN(true, "notIn"),
  /** Unique across instances; passes where no instance list is available (as Orkestra's simulate). */
  UNIQUE(false, "unique"),
  /** The field's type ({@code string int float bool map list nil}) equals the value. */
  TYPE_OF(true, "typeOf"),
  /** The field is a map. */
  TYPE_MAP(false, "typeMap"),
  /** The field is a list. */
  TYPE_LIST(false, "typeList"),
  /** The field is a string. */
  TYPE_STRING(false, "typeString"),
  /** The field is a number. */
  TYPE_NUMBER(false, "typeNumber"),
  /** The field is a boolean. */
  TYPE_BOOL(false, "typeBool"),
  /** The field is absent or null. */
  TYPE_NULL(false, "typeNull"),
  /** Time-of-day window in UTC ({@code time: {after, before}}); takes no field. */
  TIME(false, "time"),
  /** Weekday set in UTC ({@code dayOfWeek: {weekday|weekend|in|notIn}}); takes no field. */
  DAY_OF_WEEK(false, "dayOfWeek"),
  /** Cron schedule in UTC with a {@code duration} window (default 60s); takes no field. */
  CRON(false, "cron");

  private static final Map<String, ConditionOperator> BY_NAME = new LinkedHashMap<>();

  static {
    for (ConditionOperator op : values()) {
      for (String s : op.spellings) {
        BY_NAME.put(s, op);
      }
    }
  }

  private final boolean needsValue;
  private final String[] spellings;

  ConditionOperator(boolean needsValue, String... spellings) {
    this.needsValue = needsValue;
    this.spellings = spellings;
  }

  /**
   * Whether the operator compares against a {@code value}.
   *
   * @return {@code true} for comparisons
   */
  public boolean needsValue() {
    return needsValue;
  }

  /**
   * Whether this is a time condition: it reads the injected clock instead of a field, and is
   * written as its own key ({@code time:}, {@code dayOfWeek:}, {@code cron:}), never as {@code
   * operator:}.
   *
   * @return {@code true} for {@link #TIME}, {@link #DAY_OF_WEEK} and {@link #CRON}
   */
  public boolean timeBased() {
    return this == TIME || this == DAY_OF_WEEK || this == CRON;
  }

  /**
   * The YAML name.
   *
   * @return such as {@code greaterThan}
   */
  public String yamlName() {
    return spellings[0];
  }

  /**
   * Looks an operator up by any spelling.
   *
   * @param name as written in YAML
   * @return the operator, if known
   */
  public static Optional<ConditionOperator> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * Every spelling, for suggestions and shorthand keys.
   *
   * @return the names
   */
  public static java.util.Set<String> names() {
    return BY_NAME.keySet();
  }
}

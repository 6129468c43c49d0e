package io.orkestra.katalog.internal.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code type} of a status field: how its rendered text is written into {@code status}. */
public enum StatusType {
  /** As text (the default). */
  STRING,
  /** A JSON integer. */
  INT,
  /** A JSON number. */
  FLOAT,
  /** A JSON boolean (Go {@code strconv.ParseBool} spellings). */
  BOOL,
  /** Integer, number, boolean, JSON object/array, or else text, whichever parses first. */
  AUTO;

  private static final Map<String, StatusType> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("string", STRING);
    NAMES.put("str", STRING);
    NAMES.put("", STRING);
    NAMES.put("int", INT);
    NAMES.put("integer", INT);
    NAMES.put("float", FLOAT);
    NAMES.put("bool", BOOL);
    NAMES.put("boolean", BOOL);
    NAMES.put("auto", AUTO);
  }

  /**
   * The type a YAML spelling names.
   *
   * @param name {@code string|str|""|int|integer|float|bool|boolean|auto}
   * @return the type, if the spelling is known
   */
  public static Optional<StatusType> parse(String name) {
    return Optional.ofNullable(NAMES.get(name));
  }

  /**
   * All accepted spellings, for suggestions.
   *
   * @return the spellings
   */
  public static Set<String> spellings() {
    return NAMES.keySet();
  }
}

package io.orkestra.katalog.internal.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions templates may call, by name. Immutable; the parser resolves names against it at
 * load so that an unknown function is a load error, and the evaluator calls the resolved function
 * without a lookup.
 *
 * <p>Growth path: the ~257 Orkestra notes are added as further {@link TemplateFunction} groups (one
 * class per catalogue section, like {@link Builtins}), and user-defined {@code notes:} become
 * zero-argument functions registered with {@link #with(TemplateFunction)} per Katalog.
 */
public final class FunctionTable {

  private static final FunctionTable BUILTINS = empty().withAll(Builtins.all()).withAll(Notes.all());

  private final Map<String, TemplateFunction> functions;

  private FunctionTable(Map<String, TemplateFunction> functions) {
    this.functions = Collections.unmodifiableMap(functions);
  }

  /**
   * A table without functions.
   *
   * @return the empty table
   */
  public static FunctionTable empty() {
    return new FunctionTable(new LinkedHashMap<>());
  }

  /**
   * The built-in functions: Go's predefined template functions and the basics ({@link Builtins})
   * and the Orkestra notes implemented so far ({@link Notes}).
   *
   * @return the shared built-in table
   */
  public static FunctionTable builtins() {
    return BUILTINS;
  }

  /**
   * A copy with one more function (replacing one of the same name).
   *
   * @param function the function
   * @return the new table
   */
  public FunctionTable with(TemplateFunction function) {
    Map<String, TemplateFunction> copy = new LinkedHashMap<>(functions);
    copy.put(function.name(), function);
    return new FunctionTable(copy);
  }

  private FunctionTable withAll(Iterable<TemplateFunction> all) {
    Map<String, TemplateFunction> copy = new LinkedHashMap<>(functions);
    all.forEach(f -> copy.put(f.name(), f));
    return new FunctionTable(copy);
  }

  /**
   * Looks a function up.
   *
   * @param name the name as written in the template
   * @return the function, if known
   */
  public Optional<TemplateFunction> lookup(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  /**
   * All function names, for suggestions.
   *
   * @return the names in registration order
   */
  public Set<String> names() {
    return functions.keySet();
  }
}

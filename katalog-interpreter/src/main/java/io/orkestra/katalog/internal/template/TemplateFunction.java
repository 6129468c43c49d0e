package io.orkestra.katalog.internal.template;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A function callable from templates ({@code {{ upper .spec.name }}}, {@code {{ .x | default 1
 * }}}).
 *
 * <p>Argument values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, Jackson
 * container nodes (maps and lists from the custom resource), or {@code null} (Go's nil). A function
 * that {@code acceptsMissing} also receives {@link Missing} for fields absent from the data; for
 * every other function a missing argument is an evaluation error naming the field.
 *
 * @param name the name templates use
 * @param minArgs fewest arguments (a piped value counts as the last argument)
 * @param maxArgs most arguments, or {@code -1} for any number
 * @param acceptsMissing whether absent fields may be passed (for {@code default} and friends)
 * @param impl the implementation; throws {@link FunctionError} for bad arguments
 */
public record TemplateFunction(
    String name, int minArgs, int maxArgs, boolean acceptsMissing, Impl impl) {

  /** Null checks and a sane arity. */
  public TemplateFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(impl, "impl");
    if (minArgs < 0 || (maxArgs >= 0 && maxArgs < minArgs)) {
      throw new IllegalArgumentException(
          "bad arity " + minArgs + ".." + maxArgs + " for function " + name);
    }
  }

  /** A function body. Must be pure: no I/O, time only from {@link Scope#clock()}. */
  @FunctionalInterface
  public interface Impl {
    /**
     * Calls the function.
     *
     * @param args the arguments, arity already checked
     * @param scope the evaluation scope (clock, root data)
     * @return the result
     * @throws FunctionError when an argument is unusable
     */
    @Nullable Object call(List<@Nullable Object> args, Scope scope);
  }
}

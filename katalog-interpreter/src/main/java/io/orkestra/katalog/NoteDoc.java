package io.orkestra.katalog;

import java.util.Objects;

/**
 * The description of one built-in template function, as {@link KatalogInterpreter#notes()} lists
 * them.
 *
 * @param name the name templates use, such as {@code trimPrefix}
 * @param category the catalogue section, such as {@code String} or {@code Kubernetes}
 * @param signature the call with its arguments, such as {@code trimPrefix PREFIX S}
 * @param description what it returns, in one line
 * @param example a template using it, such as <code>{{ .spec.name | trimPrefix "app-" }}</code>
 */
public record NoteDoc(
    String name, String category, String signature, String description, String example) {

  /** Null checks. */
  public NoteDoc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(example, "example");
  }
}

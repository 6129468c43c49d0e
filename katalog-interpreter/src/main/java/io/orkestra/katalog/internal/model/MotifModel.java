package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.yaml.YMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Motif read and checked by {@link MotifBinder}: its header, its declared inputs, and its
 * document, kept as a positioned tree for expansion into the importing Katalog.
 *
 * @param file display name of the motif file
 * @param name {@code metadata.name}
 * @param version {@code metadata.version}, {@code latest} when absent
 * @param inputs the declared inputs in order
 * @param root the whole document
 * @param valid whether the motif had no problem; an invalid motif is not expanded
 */
public record MotifModel(
    String file, String name, String version, List<MotifInput> inputs, YMap root, boolean valid) {

  /** Null checks and an immutable copy. */
  public MotifModel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(root, "root");
    inputs = List.copyOf(inputs);
  }

  /**
   * A declared input.
   *
   * @param inputName the name
   * @return the input, or empty when not declared
   */
  public Optional<MotifInput> input(String inputName) {
    return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst();
  }
}

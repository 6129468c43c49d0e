package io.orkestra.katalog.internal.template;

/**
 * The value of a field that is absent from the data (or explicitly null). It travels through field
 * chains and into functions that accept it ({@code default}); anywhere else, printing included, it
 * is an evaluation error naming the field.
 *
 * @param path the field reference as written, such as {@code .spec.replicas}
 * @param offset where the reference starts in the template
 */
public record Missing(String path, int offset) {}

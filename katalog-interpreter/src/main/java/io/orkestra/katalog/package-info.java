/**
 * Loading Orkestra Katalog files into runnable operators. {@link
 * io.orkestra.katalog.KatalogInterpreter} reads a Katalog YAML file (or a pattern directory),
 * validates it against the Katalog schema, parses every template once, and returns one {@link
 * io.orkestra.core.CompiledOperator} per enabled CRD entry; interpreting a custom resource is then
 * pure CPU work. Problems in the files are reported together as {@link
 * io.orkestra.katalog.KatalogException}, each as a {@link io.orkestra.katalog.Diagnostic} with
 * {@code file:line:column}.
 */
@NullMarked
package io.orkestra.katalog;

import org.jspecify.annotations.NullMarked;

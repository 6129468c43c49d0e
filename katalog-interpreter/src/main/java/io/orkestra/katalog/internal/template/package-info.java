/**
 * The template engine: a Go {@code text/template} compatible language, parsed once at load and
 * evaluated per custom resource.
 *
 * <p>Pipeline: {@link io.orkestra.katalog.internal.template.Lexer} (text and actions to tokens,
 * trim markers applied) → {@link io.orkestra.katalog.internal.template.Parser} (recursive descent
 * to the {@link io.orkestra.katalog.internal.template.Ast}, functions resolved against a {@link
 * io.orkestra.katalog.internal.template.FunctionTable} so unknown names fail at load) → {@link
 * io.orkestra.katalog.internal.template.Evaluator} (walks the tree against a {@link
 * io.orkestra.katalog.internal.template.Scope}). {@link
 * io.orkestra.katalog.internal.template.Template} is the entry point. Errors carry file positions
 * through a {@link io.orkestra.katalog.internal.template.SourceMap}. Evaluation is pure: no I/O,
 * time only through the scope's clock.
 */
@NullMarked
package io.orkestra.katalog.internal.template;

import org.jspecify.annotations.NullMarked;

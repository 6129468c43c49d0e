/**
 * Small helpers shared by every stage of the interpreter: source positions ({@link
 * io.orkestra.katalog.internal.support.SourcePos}), the diagnostics collector that lets a load
 * report all problems at once ({@link io.orkestra.katalog.internal.support.Problems}), "did you
 * mean" suggestions by edit distance and Go duration parsing. Nothing here does I/O.
 */
@NullMarked
package io.orkestra.katalog.internal.support;

import org.jspecify.annotations.NullMarked;

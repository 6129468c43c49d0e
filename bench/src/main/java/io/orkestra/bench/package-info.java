/**
 * Benchmarks: JMH micro benchmarks of the hot paths and the end-to-end harness that drives the
 * same runtime as {@code ork run --embedded} with many custom resources.
 */
@NullMarked
package io.orkestra.bench;

import org.jspecify.annotations.NullMarked;

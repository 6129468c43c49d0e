/**
 * Everything that touches the file system: finding the Katalog file(s) of a path, reading them as
 * text, resolving {@code crdFile} and {@code crFiles} relative to the Katalog, and reading
 * Kubernetes manifest files. This is the only package that does I/O; it runs once at load, and what
 * it hands out ({@link io.orkestra.core.CompiledOperator}s) never does I/O again.
 */
@NullMarked
package io.orkestra.katalog.internal.load;

import org.jspecify.annotations.NullMarked;

/**
 * A YAML tree that remembers where everything came from. {@link
 * io.orkestra.katalog.internal.yaml.YamlReader} turns in-memory YAML text (one or more documents)
 * into {@link io.orkestra.katalog.internal.yaml.YNode}s that carry the position and the dotted path
 * of every key and value, and each scalar can map an offset inside its text back to a line and
 * column of the file, so template errors point into the YAML. Syntax errors, duplicate keys and
 * unknown aliases are reported as diagnostics. No file access happens here: callers pass the text.
 */
@NullMarked
package io.orkestra.katalog.internal.yaml;

import org.jspecify.annotations.NullMarked;

/**
 * The Katalog model and how YAML becomes it. {@link
 * io.orkestra.katalog.internal.model.KatalogSchema} is the catalogue of every key the Katalog
 * schema knows (spec §2.1–2.13, both the grouped and the legacy 0.7.17 {@code operatorBox} shapes);
 * {@link io.orkestra.katalog.internal.model.SchemaChecker} reports unknown keys with a suggestion.
 * {@link io.orkestra.katalog.internal.model.ModelBinder} then reads the implemented parts into
 * immutable records ({@link io.orkestra.katalog.internal.model.CrdEntry}, resource templates,
 * status fields), normalising the legacy shape to the canonical one, compiling every template once,
 * and keeping known-but-not-yet-implemented blocks as raw YAML for later work. Nothing here reads
 * files.
 */
@NullMarked
package io.orkestra.katalog.internal.model;

import org.jspecify.annotations.NullMarked;

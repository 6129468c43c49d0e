package io.orkestra.katalog.internal.model;

import org.jspecify.annotations.Nullable;

/**
 * {@code apiTypes} of a CRD entry. Every field is optional here: with a {@code crdFile} the missing
 * ones come from the CRD, without one the binder requires group, version, kind and plural.
 *
 * @param group API group
 * @param version API version
 * @param kind kind
 * @param plural plural resource name
 */
public record ApiTypes(
    @Nullable Located<String> group,
    @Nullable Located<String> version,
    @Nullable Located<String> kind,
    @Nullable Located<String> plural) {}

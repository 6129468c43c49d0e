/**
 * Rendering a custom resource into desired state. {@link
 * io.orkestra.katalog.internal.render.CompiledKatalogOperator} is the {@link
 * io.orkestra.core.CompiledOperator} of one CRD entry: per custom resource it evaluates the
 * pre-compiled templates of {@code onCreate} then {@code onReconcile} (each group in apply order)
 * into Kubernetes manifests (one small renderer each for configMaps, deployments, services and
 * secrets, {@link io.orkestra.katalog.internal.render.ShorthandRenderer} for every other kind),
 * expanding {@code forEach} declarations and exposing the observed children as {@code .children},
 * and the declarative status fields with their type casts. Pure CPU work on immutable inputs: safe
 * to call from many threads at once.
 */
@NullMarked
package io.orkestra.katalog.internal.render;

import org.jspecify.annotations.NullMarked;

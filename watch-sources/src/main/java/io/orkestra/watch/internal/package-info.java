/**
 * The machinery behind {@link io.orkestra.watch.KubernetesWatchSources}: the informer-backed watch
 * source and its coalescing buffer, the fabric8 applier, conversions between fabric8's Jackson 3
 * model and the Jackson 2 object trees of the core contracts, resource type (plural, scope) lookup
 * and generated CRDs. Every blocking fabric8 call is deferred and runs on {@code
 * Schedulers.boundedElastic()}. Not an API: other modules must not import this package.
 */
@NullMarked
package io.orkestra.watch.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Kubernetes adapters of Orkestra-J built on the fabric8 client: custom resources watched through
 * informers and exposed as a level-triggered {@code Flux} of watch events, and a resource applier
 * that observes children, writes them with owner references and labels (server-side apply on real
 * clusters, create-or-update with optimistic concurrency against the in-process API server), writes
 * status through the status subresource and installs CRDs. Start with {@link
 * io.orkestra.watch.KubernetesWatchSources}; everything that talks to fabric8 lives in the {@code
 * internal} package.
 */
@NullMarked
package io.orkestra.watch;

import org.jspecify.annotations.NullMarked;

/**
 * Implementation of the notifiers module, not an API: the CloudEvents codec, the Vert.x Kafka
 * notifier and tail, and the embedded broker launcher (classpath resolution through Maven, cache,
 * child JVM lifecycle). Nothing outside {@code io.orkestra.notify} may import this package; its
 * types may change in any release.
 */
@NullMarked
package io.orkestra.notify.internal;

import org.jspecify.annotations.NullMarked;

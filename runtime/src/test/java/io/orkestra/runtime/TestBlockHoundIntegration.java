package io.orkestra.runtime;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allowances for third-party code in runtime tests; none of our own code is allowed to block on
 * non-blocking threads.
 */
public final class TestBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // fabric8's mock API server (the in-process API server of --embedded) parks on a contended
    // executor lock when a watch closes (environment-extra.md §10): test infrastructure, not ours
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.server.mock.WatchEventsListener", "onClosed");
    // fabric8 8 turns HTTP responses into objects on the Vert.x event loop (its design); Jackson
    // builds each type's deserializer once, under a lock, and a thread that finds the lock taken
    // parks for that moment. Seen under load (load average 14) on a test's first typed read.
    builder.allowBlockingCallsInside(
        "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
    // Vert.x's AsyncFile.write (blob downloads stream into one on the event loop, as Vert.x
    // intends) hands each write to Vert.x's worker pool; enqueuing takes the pool queue's lock,
    // which a worker taking the previous write may hold for that moment, and the event loop parks.
    // Seen with multi-MiB blobs under load; Vert.x's design, not a blocking call of ours.
    builder.allowBlockingCallsInside("io.vertx.core.file.impl.AsyncFileImpl", "writeInternal");
    // fabric8 schedules watch retries and closes onto its own ScheduledThreadPoolExecutor from the
    // Vert.x event loop (its design); the executor's queue lock can be briefly contended. Rejecting
    // that park throws from inside AbstractQueuedSynchronizer.acquire and leaves the lock's wait
    // queue broken: a later KubernetesClient.close() then waited forever (seen in BrokerKillRunIT).
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.CachedSingleThreadScheduler", "schedule");
  }
}

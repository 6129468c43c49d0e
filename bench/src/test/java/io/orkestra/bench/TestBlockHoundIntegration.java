package io.orkestra.bench;

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
    // same when the watching client dies: rejected, the dead listener stayed registered and every
    // later write of its kind failed in the mock (see the runtime module's integration)
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.server.mock.WatchEventsListener", "onFailure");
    // the mock serves every request under one ReentrantLock, taken on several event loops: a
    // rejected park there would break the lock and hang every later request
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher", "withLock");
    // fabric8 8 turns HTTP responses into objects on the Vert.x event loop (its design); Jackson
    // builds each type's deserializer once, under a lock, and a thread that finds the lock taken
    // parks for that moment. Seen under load (load average 14) on a test's first typed read.
    builder.allowBlockingCallsInside(
        "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
    // fabric8 schedules watch retries and closes onto its own scheduler from the event loop; a
    // rejected park inside that executor's lock breaks the lock (see the runtime module's note)
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.CachedSingleThreadScheduler", "schedule");
    // cancelling such a task takes the same lock (a watch that ends cancels its reconnect)
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager", "cancelReconnect");
    builder.allowBlockingCallsInside("io.fabric8.kubernetes.client.utils.Utils", "lambda$schedule$7");
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.Utils", "lambda$scheduleWithVariableRate$10");
    // every watch message goes from the event loop to the watch's SerialExecutor: a deque lock,
    // and the client executor's main lock when a worker starts
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "execute");
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "scheduleNext");
    // Vert.x shuts its worker pool down from an event loop when a Vertx instance closes
    builder.allowBlockingCallsInside("io.vertx.core.internal.WorkerPool", "close");
  }
}

package io.orkestra.runtime;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allowances for third-party code in runtime tests; none of our own code is allowed to block on
 * non-blocking threads.
 *
 * <p>Why allowing matters more than it seems: BlockHound reports a park by throwing from inside
 * {@code Unsafe.park}. When that park is a {@code java.util.concurrent} lock acquisition ({@code
 * AbstractQueuedSynchronizer.acquire}), the thread has already queued itself on the lock; the
 * throw leaves that queue node behind, the next release wakes a thread that is no longer waiting,
 * and every later waiter parks forever. When it is a condition wait ({@code
 * ConditionObject.await*}, e.g. {@code ExecutorService.awaitTermination}), the thread leaves
 * without its lock and the caller's {@code unlock()} throws {@code IllegalMonitorStateException},
 * skipping whatever the caller does after the wait. A detection in fabric8's code on a Vert.x event loop thus
 * turned into a hang much later, in {@code KubernetesClient.close()} (its executor's {@code
 * shutdownNow()} waited on a broken lock). So every fabric8/Vert.x spot that takes a
 * {@code j.u.c} lock on an event loop by design is allowed below, and {@link BlockingCalls}
 * records (instead of throwing) any other lock or condition park whose stack has no Orkestra-J main code: the
 * lock stays intact and the ITs print and check the record. Parks with our code on the stack still
 * throw.
 */
public final class TestBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // fabric8's mock API server (the in-process API server of --embedded) parks on a contended
    // executor lock when a watch closes (environment-extra.md §10): test infrastructure, not ours
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.server.mock.WatchEventsListener", "onClosed");
    // ... and the same when the watch's client dies instead of closing it (a SIGKILLed runtime):
    // onFailure shuts the listener's executor down and awaits its termination on the event loop.
    // Rejected, the await left without its lock (IllegalMonitorStateException) and onFailure never
    // unregistered the dead listener: every later write of that kind failed inside the mock's
    // POST handler (RejectedExecutionException) and the client saw a 10 s timeout per request.
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
    // Vert.x's AsyncFile.write (blob downloads stream into one on the event loop, as Vert.x
    // intends) hands each write to Vert.x's worker pool; enqueuing takes the pool queue's lock,
    // which a worker taking the previous write may hold for that moment, and the event loop parks.
    // Seen with multi-MiB blobs under load; Vert.x's design, not a blocking call of ours.
    builder.allowBlockingCallsInside("io.vertx.core.file.impl.AsyncFileImpl", "writeInternal");
    // Vert.x shuts its worker pool down (ThreadPoolExecutor.shutdownNow, a lock) from an event
    // loop when a Vertx instance closes, e.g. the one fabric8's HTTP client owns
    builder.allowBlockingCallsInside("io.vertx.core.internal.WorkerPool", "close");
    // fabric8's shared scheduler (a ScheduledThreadPoolExecutor) is used from the event loop for
    // watch reconnects, request retries and close timeouts (its design): enqueuing takes the
    // delay queue's lock, which the scheduler thread holds while it polls or runs its idle
    // shutdown check.
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.CachedSingleThreadScheduler", "schedule");
    // ... and cancelling such a task (removeOnCancel) takes the same lock: a watch that ends or
    // closes cancels its pending reconnect, a completed request its retry/timeout task
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager", "cancelReconnect");
    builder.allowBlockingCallsInside("io.fabric8.kubernetes.client.utils.Utils", "lambda$schedule$7");
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.Utils", "lambda$scheduleWithVariableRate$10");
    // every watch message is handed from the event loop to the watch's SerialExecutor: its
    // LinkedBlockingDeque takes a lock (contended by the worker polling it) and starting a worker
    // takes the client executor's main lock (the lock KubernetesClient.close() needs later)
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "execute");
    builder.allowBlockingCallsInside(
        "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "scheduleNext");
    builder.blockingMethodCallback(
        method -> {
          if (BlockingCalls.recordIfThirdPartyLockPark(method)) {
            return;
          }
          throw new BlockingOperationError(method);
        });
  }

  /** Applied after BlockHound's own integrations, so this callback is the one installed. */
  @Override
  public int getPriority() {
    return 1_000;
  }
}

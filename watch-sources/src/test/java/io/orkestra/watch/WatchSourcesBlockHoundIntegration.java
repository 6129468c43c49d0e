package io.orkestra.watch;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Test-only BlockHound setup of this module, loaded through ServiceLoader by the BlockHound JUnit
 * listener in every test JVM (surefire and failsafe).
 *
 * <p>Vert.x event loops need nothing here: Netty's own integration already marks them non-blocking
 * (environment-extra.md §10). Allowed blocking spots, none of them our code:
 *
 * <ul>
 *   <li>{@code WatchEventsListener.onClosed} of fabric8's mock API server: when a test client
 *       closes a watch, the mock server parks on a contended executor lock on its Vert.x thread. It
 *       is test infrastructure, not code that runs in Orkestra-J.
 *   <li>{@code io.vertx.core.internal.WorkerPool.close}: when a {@code Vertx} instance closes (the
 *       mock server's on {@code destroy()}, or the one fabric8's Vert.x HTTP client creates, on
 *       {@code client.close()}), Vert.x shuts its worker pool down from its own acceptor event loop
 *       with {@code ThreadPoolExecutor.shutdownNow()}, which parks when the queue lock is contended
 *       (seen once: {@code vert.x-acceptor-thread-0}, stack {@code
 *       VertxImpl.deleteCacheDirAndShutdown -> WorkerPool.close}). Vert.x's own shutdown sequence
 *       after all our work ended; no Orkestra-J frame is on that stack.
 * </ul>
 *
 * <p>Every detected call is also recorded in {@link BlockingCalls} before the usual {@link
 * BlockingOperationError} is thrown, because an error on a Vert.x event loop is only logged and
 * would not fail a test; ITs assert on the record. A park inside a {@code java.util.concurrent}
 * lock acquisition with no watch-sources main code on the stack is recorded but not thrown: the
 * throw would leave the parked thread queued on the lock and break the lock for good (a later
 * {@code KubernetesClient.close()} then hung; see the runtime module's test integration).
 */
public final class WatchSourcesBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.server.mock.WatchEventsListener", "onClosed")
        // same when the watching client dies: rejected, the dead listener stayed registered and
        // every later write of its kind failed in the mock (see the runtime module's integration)
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.server.mock.WatchEventsListener", "onFailure")
        // the mock serves every request under one ReentrantLock, on several event loops
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher", "withLock")
        .allowBlockingCallsInside("io.vertx.core.internal.WorkerPool", "close")
        // fabric8 8 deserialises responses on the Vert.x event loop (its design); Jackson builds
        // each type's deserializer once under a lock, and a contended lock parks briefly. Our code
        // warms the types it reads (DeserializerWarmUp); this covers first reads under heavy load.
        .allowBlockingCallsInside(
            "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer")
        // fabric8 schedules watch retries and closes onto its own scheduler from the event loop;
        // a rejected park inside that executor's lock breaks the lock (see the runtime module)
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.utils.CachedSingleThreadScheduler", "schedule")
        // cancelling such a task takes the same lock (a watch that ends cancels its reconnect)
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager", "cancelReconnect")
        .allowBlockingCallsInside("io.fabric8.kubernetes.client.utils.Utils", "lambda$schedule$7")
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.utils.Utils", "lambda$scheduleWithVariableRate$10")
        // every watch message goes from the event loop to the watch's SerialExecutor: a deque
        // lock, and the client executor's main lock when a worker starts
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "execute")
        .allowBlockingCallsInside(
            "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "scheduleNext")
        .blockingMethodCallback(
            method -> {
              BlockingCalls.Hit hit = BlockingCalls.record(method);
              if (hit.lockPark() && !hit.fromOurCode()) {
                return;
              }
              throw new BlockingOperationError(method);
            });
  }

  /** Applied after the other integrations, so this callback is the one installed. */
  @Override
  public int getPriority() {
    return 1_000;
  }
}

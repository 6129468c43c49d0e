package io.orkestra.notify;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound settings of this module's test JVMs, loaded through {@code ServiceLoader} by the
 * BlockHound JUnit platform listener (so it is public, unlike the tests).
 */
public final class NotifiersBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // Vert.x event loops must never block (house-style 25). Netty's own integration already
    // covers them through FastThreadLocalThread; naming them here keeps the rule explicit even if
    // that integration changes.
    builder.nonBlockingThreadPredicate(
        current -> current.or(t -> t.getName().startsWith("vert.x-eventloop-thread-")));
    // Vertx.close() (tests' @AfterAll) drains the worker pool's queue on an event loop; when a
    // worker thread holds the queue's lock at that moment the event loop parks for a few
    // microseconds. Vert.x-internal and shutdown-only: without this allowance the close future
    // never completes (seen in VertxKafkaNotifierTest).
    builder.allowBlockingCallsInside("io.vertx.core.internal.WorkerPool", "close");
  }
}

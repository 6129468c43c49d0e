package io.orkestra.oci;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound settings of this module's test JVMs, loaded through {@code ServiceLoader} by the
 * BlockHound JUnit platform listener (so it is public, unlike the tests).
 */
public final class OciBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // Vert.x event loops must never block (house-style 25): the registry client runs its HTTP
    // exchanges and blob hashing on them.
    builder.nonBlockingThreadPredicate(
        current -> current.or(t -> t.getName().startsWith("vert.x-eventloop-thread-")));
    // Vertx.close() in @AfterAll drains the worker pool on an event loop (Vert.x-internal, shutdown only).
    builder.allowBlockingCallsInside("io.vertx.core.internal.WorkerPool", "close");
    // Vert.x's AsyncFile.write (blob downloads stream into one on the event loop, as Vert.x
    // intends) hands each write to Vert.x's worker pool; enqueuing takes the pool queue's lock,
    // which a worker taking the previous write may hold for that moment, and the event loop parks.
    // Seen with multi-MiB blobs under load; Vert.x's design, not a blocking call of ours.
    builder.allowBlockingCallsInside("io.vertx.core.file.impl.AsyncFileImpl", "writeInternal");
    // a blocking call inside Vert.x callbacks may be swallowed there: print it before failing
    builder.blockingMethodCallback(method -> {
      reactor.blockhound.BlockingOperationError error = new reactor.blockhound.BlockingOperationError(method);
      error.printStackTrace();
      throw error;
    });
  }
}

package io.orkestra.watch.internal;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The informers that are running, and their stops. Stopping an informer closes its HTTP watch and
 * cancels fabric8's scheduled reconnects, which take {@code java.util.concurrent} locks: it always
 * runs on {@code boundedElastic()}, never on the thread that asks (a cancel may come from a Vert.x
 * event loop). {@link #stopAll()} lets the owner of the client wait for every stop before it closes
 * the client, so no informer is still closing its watch while the client shuts its executor and
 * HTTP client down. Thread-safe.
 */
public final class InformerStops {

  private static final Logger LOG = LoggerFactory.getLogger(InformerStops.class);

  private final Set<SharedIndexInformer<?>> live = ConcurrentHashMap.newKeySet();
  private final Set<CompletableFuture<Void>> stopping = ConcurrentHashMap.newKeySet();

  /**
   * Records a started informer.
   *
   * @param informer the informer
   */
  public void started(SharedIndexInformer<?> informer) {
    live.add(informer);
  }

  /**
   * Stops an informer on {@code boundedElastic()}; returns at once. Stopping twice is harmless.
   *
   * @param informer an informer recorded with {@link #started}
   */
  public void stop(SharedIndexInformer<?> informer) {
    if (!live.remove(informer)) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    stopping.add(done);
    Schedulers.boundedElastic()
        .schedule(
            () -> {
              try {
                informer.stop();
              } catch (RuntimeException e) {
                LOG.debug("stopping an informer: {}", e.toString());
              } finally {
                stopping.remove(done);
                done.complete(null);
              }
            });
  }

  /**
   * Stops every running informer and completes once every stop asked so far has finished.
   *
   * @return completes when stopped; lazy
   */
  public Mono<Void> stopAll() {
    return Mono.defer(
        () -> {
          List.copyOf(live).forEach(this::stop);
          return Mono.fromFuture(
              CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)));
        });
  }

  /**
   * Number of informers started and not stopped.
   *
   * @return the count
   */
  public int running() {
    return live.size();
  }
}

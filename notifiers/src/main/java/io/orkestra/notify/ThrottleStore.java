package io.orkestra.notify;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Where a {@link SlackNotifier} keeps when it last sent each throttle key ({@link
 * io.orkestra.core.ConditionNotice#throttleKey()}), so that the throttle survives a restart and is
 * shared by replicas (the runtime stores it in a ConfigMap). Implementations do their I/O off the
 * event loops (e.g. on {@code Schedulers.boundedElastic()}).
 */
public interface ThrottleStore {

  /**
   * Reads the stored send times.
   *
   * @return the last send time per throttle key (empty when nothing is stored); errors when the
   *     store cannot be read
   */
  Mono<Map<String, Instant>> load();

  /**
   * Records send times, merging with what is stored: per key the later time wins, keys not named
   * here are kept.
   *
   * @param sent last send time per throttle key (a batch)
   * @return completion once stored; errors when the store cannot be written
   */
  Mono<Void> save(Map<String, Instant> sent);

  /**
   * A store in this process's memory (what Orkestra does: the throttle resets on restart). Useful
   * for tests and for runs without a cluster.
   *
   * @return a new empty store
   */
  static ThrottleStore inMemory() {
    Map<String, Instant> map = new ConcurrentHashMap<>();
    return new ThrottleStore() {
      @Override
      public Mono<Map<String, Instant>> load() {
        return Mono.fromSupplier(() -> Map.copyOf(map));
      }

      @Override
      public Mono<Void> save(Map<String, Instant> sent) {
        return Mono.fromRunnable(() -> sent.forEach((k, v) -> map.merge(k, v, ThrottleStore::later)));
      }
    };
  }

  /**
   * The later of two instants (the merge rule of {@link #save}).
   *
   * @param a one instant
   * @param b another
   * @return the later one
   */
  static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

package io.orkestra.notify.internal;

import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One piece of work at a time per key, in subscription order: a Mono wrapped by {@link #inTurn}
 * starts only once the previous one of the same key terminated (or was cancelled). Memory: one
 * entry per key with work pending.
 */
final class KeyedTurns {

  private final ConcurrentHashMap<String, Turn> tails = new ConcurrentHashMap<>();

  private static final class Turn {
    final Sinks.Empty<Void> done = Sinks.empty();
  }

  <T> Mono<T> inTurn(String key, Mono<T> work) {
    return Mono.defer(
        () -> {
          Turn mine = new Turn();
          Turn previous = tails.put(key, mine);
          Mono<Void> wait = previous == null ? Mono.empty() : previous.done.asMono();
          return wait.then(work)
              .doFinally(
                  signal -> {
                    tails.remove(key, mine);
                    mine.done.tryEmitEmpty();
                  });
        });
  }

  int pendingKeys() {
    return tails.size();
  }
}

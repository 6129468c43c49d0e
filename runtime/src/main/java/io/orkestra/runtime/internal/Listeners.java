package io.orkestra.runtime.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A hot fan-out of values to any number of subscribers.
 *
 * <p>Overflow: each subscriber gets its own buffer (BUFFER strategy); subscribers are observers such
 * as the idle tracker and printers that keep up, so the buffers stay small. Values emitted before a
 * subscription are not replayed.
 *
 * @param <T> value type
 */
public final class Listeners<T> {

  private final CopyOnWriteArrayList<FluxSink<T>> sinks = new CopyOnWriteArrayList<>();

  /**
   * Delivers a value to every current subscriber.
   *
   * @param value the value
   */
  public void emit(T value) {
    for (FluxSink<T> s : sinks) {
      s.next(value);
    }
  }

  /**
   * A hot view of the values.
   *
   * @return the values emitted after subscription
   */
  public Flux<T> flux() {
    return Flux.create(
        sink -> {
          sinks.add(sink);
          sink.onDispose(() -> sinks.remove(sink));
        },
        FluxSink.OverflowStrategy.BUFFER);
  }
}

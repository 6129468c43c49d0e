package io.orkestra.core;

import reactor.core.publisher.Flux;

/** A source of watch events for the custom resources of one CRD. */
public interface WatchSource {

  /**
   * Watches the custom resources. Subscribing starts the watch; cancelling stops it.
   *
   * <p>Emits one event per observed change, starting with an {@link WatchEvent.Added} per existing
   * object. Never completes on its own; errors only when the watch cannot be resumed.
   *
   * <p>Overflow: implementations state their policy; the work queue that consumes this flux is
   * level-triggered, so its memory is bounded by the number of objects, not events.
   *
   * @return the events
   */
  Flux<WatchEvent> watch();
}

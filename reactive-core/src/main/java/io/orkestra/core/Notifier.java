package io.orkestra.core;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** A sink for reconciliation events (Kafka, webhook, ...). */
public interface Notifier {

  /**
   * Delivers events. Requests events from {@code events} only while fewer than the sink's
   * in-flight limit are unacknowledged, so a slow sink slows the producer (backpressure).
   *
   * <p>Emits one {@link DeliveryResult} per event, in acknowledgement order (per key order is
   * kept). A failed delivery is a result value, not an error signal. Completes after
   * {@code events} completes and every in-flight send is acknowledged.
   *
   * @param events events to deliver
   * @return one result per event
   */
  Flux<DeliveryResult> publish(Publisher<ReconcileEvent> events);
}

package io.orkestra.notify;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Notifier;
import io.orkestra.core.ReconcileEvent;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Notifier} that writes reconciliation events to one Kafka topic through the Vert.x Kafka
 * client, created by {@link Notifiers#kafka}. It owns one producer, created on first use; release
 * it with {@link #stop()} (or {@link #close()}) when the notifier is no longer needed.
 */
public interface KafkaNotifier extends Notifier, AutoCloseable {

  /**
   * Publishes each event as a CloudEvents structured JSON record: key {@code
   * event.key().eventKey()}, value {@link Notifiers#cloudEventJson}, header {@code content-type:
   * application/cloudevents+json}. In {@link CloudEventMode#BINARY binary mode} the value is the
   * {@code data} JSON, the header {@code content-type: application/json}, and the attributes are
   * headers {@code ce_specversion, ce_id, ce_source, ce_type, ce_subject, ce_time} (CloudEvents
   * Kafka protocol binding).
   *
   * <p>Emits one {@link DeliveryResult} per event, in acknowledgement order; records with the same
   * key reach the broker in upstream order (idempotent producer). A failed send (broker
   * unreachable, timeout, event that cannot be encoded) is a result with a {@code failure}, not an
   * error signal; each event gets its result at the latest about {@code deliveryTimeout} after it
   * was handed to the producer (plus a grace of a tenth of it, at least a second). A result
   * reported failed by that last-resort timer may still reach the broker later: delivery is at
   * least once, deduplicate on the event id.
   *
   * <p>Completes after {@code events} completes and every send has its result. Errors only when the
   * producer cannot be created (invalid configuration) or the notifier was stopped, with an {@link
   * io.orkestra.core.OrkestraException}, and with any error {@code events} signals (after the
   * results of the sends already in flight). Cancelling stops requesting events; sends already
   * handed to the producer still complete, their results are dropped.
   *
   * <p>Overflow: none. At most {@code maxInFlight} events are requested from {@code events} and not
   * yet emitted as results (sent but unacknowledged, or acknowledged but not yet requested
   * downstream); a slow broker or a slow subscriber therefore slows the upstream instead of
   * buffering.
   *
   * <p>Threads: the first subscription creates the producer on {@code Schedulers.boundedElastic()};
   * results are emitted on Vert.x event-loop threads (or a Reactor parallel thread for the
   * last-resort timeout), so keep downstream work non-blocking.
   *
   * <pre>
   * events   : --e1--e2--e3---------e4------|
   * (maxInFlight = 2: e3 is requested only after e1's result went downstream)
   * results  : --------r1----r2---r3-------r4|
   * </pre>
   *
   * @param events the events to deliver
   * @return one result per event
   */
  @Override
  Flux<DeliveryResult> publish(Publisher<ReconcileEvent> events);

  /**
   * The sink name carried by every {@link DeliveryResult}: {@code kafka:<topic>}.
   *
   * @return the sink name
   */
  String sink();

  /**
   * Closes the producer, first waiting (up to {@code deliveryTimeout}) for sends in flight.
   *
   * <p>Emits nothing and completes once the producer is closed (immediately when it was never
   * created). Idempotent. Errors if the Kafka producer's close fails. Later {@link #publish} calls
   * fail with an {@link io.orkestra.core.OrkestraException}. The close itself runs on a Vert.x
   * worker thread; completion is signalled on a Vert.x thread.
   *
   * @return completion of the close
   */
  Mono<Void> stop();

  /**
   * Blocking form of {@link #stop()}, waiting at most {@code deliveryTimeout} plus 10 s. Must not
   * be called on a non-blocking thread (Reactor's parallel scheduler, Vert.x event loops).
   */
  @Override
  void close();
}

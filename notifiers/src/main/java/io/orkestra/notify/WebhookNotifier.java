package io.orkestra.notify;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Notifier;
import io.orkestra.core.ReconcileEvent;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Notifier} that POSTs reconciliation events to one HTTP endpoint, created by {@link
 * Notifiers#webhook}. It owns one Vert.x HTTP client; release it with {@link #stop()} (or {@link
 * #close()}).
 */
public interface WebhookNotifier extends Notifier, AutoCloseable {

  /**
   * POSTs each event that passes the {@link WebhookOptions#filter() filter} as a CloudEvent
   * (HTTP protocol binding, structured or binary), signed when a secret is configured.
   *
   * <p>Emits one {@link DeliveryResult} per event that passes the filter (filtered-out events
   * produce nothing): delivered once the endpoint answered 2xx; failed when it answered another
   * 4xx than 408/429 (not retried), or when every attempt failed and no spill is configured. 5xx,
   * 408, 429, timeouts and connection errors are retried with exponential backoff and jitter
   * ({@code Retry-After} seconds are honoured, up to {@code maxBackoff}). Events of one key
   * ({@code <group>/<kind>/<namespace>/<name>}) are delivered one at a time, in upstream order.
   *
   * <p>With a spill: an event whose attempts are exhausted, and every later event while the spill
   * is not empty, is appended to the spill and its slot freed; a replay loop delivers the spill
   * oldest-first (per-key order kept) once the endpoint answers again, emits the results then, and
   * deletes each segment once all of its events are delivered. Events spilled by an earlier
   * process are replayed by the next one that publishes with the same directory. A spill record
   * whose checksum fails is skipped, logged and counted in {@link SinkStats#corrupted()}; the rest
   * is delivered. Delivery is at least once: an event may be delivered twice (e.g. an answer lost
   * in a timeout), always with the same CloudEvent id.
   *
   * <p>Completes once {@code events} completed, every event has its result and the spill is empty
   * (so never while the endpoint stays down with events in the spill). Errors only with an error
   * of {@code events} (after the results of events in flight), or an {@link
   * io.orkestra.core.OrkestraException} when the notifier is stopped or the spill cannot be
   * written. Cancelling stops requesting; events in the spill stay there for the next publish.
   *
   * <p>Overflow: none. At most {@code maxInFlight} events are taken from upstream and not
   * finished (sending, retrying, waiting for their key's turn, being written to the spill, or
   * delivered and not yet requested downstream). A slow endpoint therefore stops upstream demand;
   * a down endpoint moves events to the bounded spill, and when the spill is full ({@code
   * maxBytes}) events wait in flight, so demand stops again. Nothing is buffered without bound.
   *
   * <p>Threads: results are emitted on Vert.x event-loop threads, or on {@code boundedElastic}
   * threads after spill I/O, which runs only there; keep downstream work non-blocking.
   *
   * <pre>
   * events   : --e1--e2--e3-----------------------|
   * endpoint :   up    | down (503)   | up again
   * results  : ----r1--------------------r2--r3---|   (e2, e3 spilled, replayed in order)
   * </pre>
   *
   * @param events the events to deliver
   * @return one result per event passing the filter
   */
  @Override
  Flux<DeliveryResult> publish(Publisher<ReconcileEvent> events);

  /**
   * The sink name carried by every {@link DeliveryResult}: {@link WebhookOptions#sinkName()}.
   *
   * @return the sink name
   */
  String sink();

  /**
   * The sink's counters now.
   *
   * @return a snapshot
   */
  SinkStats stats();

  /**
   * Closes the HTTP client. Later publishes fail; a publish in progress fails its pending sends
   * (those with a spill are spilled when it is configured). Emits nothing; completes once the
   * client is closed, on a Vert.x thread. Idempotent.
   *
   * @return completion of the close
   */
  Mono<Void> stop();

  /**
   * Blocking form of {@link #stop()}, waiting at most ten seconds. Must not be called on a
   * non-blocking thread.
   */
  @Override
  void close();
}

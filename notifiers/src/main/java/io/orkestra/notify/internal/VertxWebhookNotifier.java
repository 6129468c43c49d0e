package io.orkestra.notify.internal;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.CloudEventMode;
import io.orkestra.notify.SinkStats;
import io.orkestra.notify.SpillOptions;
import io.orkestra.notify.WebhookNotifier;
import io.orkestra.notify.WebhookOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link WebhookNotifier} on a Vert.x HTTP client whose connection pool is bounded by {@code
 * maxInFlight}; delivery policy (retries, per-key order, spill) is {@link ResilientSink}'s.
 */
public final class VertxWebhookNotifier implements WebhookNotifier {

  /** Header carrying the HMAC signature. */
  public static final String SIGNATURE_HEADER = "X-Orkestra-Signature";

  private final WebhookOptions options;
  private final String sink;
  private final HttpClientAgent client;
  private final @Nullable WebhookSigner signer;
  private final ResilientSink delivery;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Mono<Void> stop;

  private VertxWebhookNotifier(Vertx vertx, WebhookOptions options) {
    this.options = options;
    this.sink = options.sinkName();
    String secret = options.secret();
    this.signer = secret == null ? null : new WebhookSigner(secret);
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.callTimeout().toMillis()))
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
    SpillOptions spill = options.spill();
    SpillStore store =
        spill == null
            ? null
            : new SpillStore(spill.directory(), spill.maxBytes(), spill.segmentBytes());
    this.delivery =
        new ResilientSink(
            sink,
            options.maxInFlight(),
            RetryPolicy.of(options.maxAttempts(), options.minBackoff(), options.maxBackoff()),
            options.filter(),
            store,
            spill == null ? Duration.ofSeconds(1) : spill.replayInterval(),
            this::post);
    this.stop =
        Mono.defer(
                () -> {
                  stopped.set(true);
                  return Mono.fromCompletionStage(() -> client.close().toCompletionStage());
                })
            .then(
                Mono.fromRunnable(
                        () -> {
                          if (store != null) {
                            store.close();
                          }
                        })
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
            .then()
            .cache();
  }

  /**
   * Creates a notifier; the HMAC key is initialised here, on the caller's thread.
   *
   * @param vertx the Vert.x instance
   * @param options the sink options
   * @return the notifier; nothing connects before the first publish
   */
  public static VertxWebhookNotifier create(Vertx vertx, WebhookOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    return new VertxWebhookNotifier(vertx, options);
  }

  @Override
  public Flux<DeliveryResult> publish(Publisher<ReconcileEvent> events) {
    Objects.requireNonNull(events, "events");
    return Flux.defer(
        () ->
            stopped.get()
                ? Flux.error(new OrkestraException("the webhook notifier " + sink + " is stopped"))
                : delivery.publish(events));
  }

  @Override
  public String sink() {
    return sink;
  }

  @Override
  public SinkStats stats() {
    return delivery.stats();
  }

  /** The body and headers of one request. */
  record Request(byte[] body, Map<String, String> headers) {}

  /**
   * Encodes an event for the HTTP protocol binding of CloudEvents (visible for tests).
   *
   * @param event the event
   * @param mode structured or binary
   * @param signer signs the body, {@code null} for none
   * @return body and headers
   */
  static Request encode(ReconcileEvent event, CloudEventMode mode, @Nullable WebhookSigner signer) {
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;
    if (mode == CloudEventMode.STRUCTURED) {
      body = CloudEventCodec.toJson(event);
      headers.put("Content-Type", CloudEventCodec.CLOUDEVENTS_JSON);
    } else {
      body = CloudEventCodec.dataJson(event);
      headers.put("Content-Type", CloudEventCodec.DATA_CONTENT_TYPE);
      CloudEventCodec.binaryAttributes(event)
          .forEach((name, value) -> headers.put("ce-" + name, headerValue(value)));
    }
    if (signer != null) {
      headers.put(SIGNATURE_HEADER, signer.sign(body));
    }
    return new Request(body, headers);
  }

  /** Percent-encodes what the CloudEvents HTTP binding asks to (space, quote, %, non-ASCII). */
  static String headerValue(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
      int c = raw & 0xFF;
      if (c <= 0x20 || c == '"' || c == '%' || c >= 0x7F) {
        b.append('%').append(String.format("%02X", c));
      } else {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private Mono<Void> post(ReconcileEvent event) {
    return Mono.defer(
            () -> {
              if (stopped.get()) {
                return Mono.error(
                    new OrkestraException("the webhook notifier " + sink + " is stopped"));
              }
              Request request = encode(event, options.mode(), signer);
              RequestOptions ro =
                  new RequestOptions()
                      .setMethod(HttpMethod.POST)
                      .setAbsoluteURI(options.url())
                      .setIdleTimeout(options.callTimeout().toMillis());
              request.headers().forEach(ro::putHeader);
              AtomicReference<@Nullable HttpClientRequest> sent = new AtomicReference<>();
              AtomicBoolean cancelled = new AtomicBoolean();
              return Mono.<Void>create(
                  out -> {
                    out.onCancel(
                        () -> {
                          cancelled.set(true);
                          HttpClientRequest r = sent.get();
                          if (r != null) {
                            r.reset();
                          }
                        });
                    client
                        .request(ro)
                        .compose(
                            r -> {
                              sent.set(r);
                              if (cancelled.get()) {
                                r.reset();
                              }
                              return r.send(Buffer.buffer(request.body()));
                            })
                        .compose(this::consume)
                        .onComplete(
                            (response, failure) -> {
                              if (failure != null) {
                                out.error(connectionFailure(failure));
                              } else if (response.status() / 100 == 2) {
                                out.success();
                              } else {
                                out.error(
                                    new RetryPolicy.StatusException(
                                        sink, response.status(), response.retryAfter()));
                              }
                            });
                  });
            })
        .timeout(
            options.callTimeout(),
            Mono.error(
                () ->
                    new TimeoutException(
                        sink + " did not answer within " + options.callTimeout())));
  }

  private record Answer(int status, @Nullable Duration retryAfter) {}

  private Future<Answer> consume(HttpClientResponse response) {
    Answer answer =
        new Answer(
            response.statusCode(), RetryPolicy.parseRetryAfter(response.getHeader("Retry-After")));
    // read (and drop) the body so the connection goes back to the pool
    return response.body().map(ignored -> answer);
  }

  private OrkestraException connectionFailure(Throwable failure) {
    return new OrkestraException(
        sink + " could not be reached: " + failure.getClass().getSimpleName() + ": "
            + failure.getMessage(),
        failure);
  }

  @Override
  public Mono<Void> stop() {
    return stop;
  }

  @Override
  public void close() {
    stop.block(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "VertxWebhookNotifier[" + options + "]";
  }
}

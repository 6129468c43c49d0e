package io.orkestra.notify.internal;

import io.orkestra.core.DeliveryResult;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.CloudEventMode;
import io.orkestra.notify.KafkaNotifier;
import io.orkestra.notify.KafkaSinkOptions;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link KafkaNotifier} on the Vert.x Kafka producer: bounded {@code flatMap} over lazily converted
 * Vert.x futures. The producer is created on first use on {@code boundedElastic}.
 */
public final class VertxKafkaNotifier implements KafkaNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(VertxKafkaNotifier.class);

  /** What Reactor's {@code cache()} treats as "never expires". */
  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  /** Kafka header naming the record's media type. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  private final KafkaSinkOptions options;
  private final Supplier<KafkaProducer<String, byte[]>> factory;
  private final Duration resultTimeout;
  private final Object lock = new Object();
  private final Mono<KafkaProducer<String, byte[]>> producer;
  private final Mono<Void> stop;

  private @Nullable KafkaProducer<String, byte[]> created;
  private boolean stopped;

  /**
   * Creates a notifier with its own producer built from {@code options}.
   *
   * @param vertx the Vert.x instance the producer runs on
   * @param options the sink options
   * @return the notifier; no connection is made before the first publish
   */
  public static VertxKafkaNotifier create(Vertx vertx, KafkaSinkOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    Map<String, String> config = producerConfig(options);
    return new VertxKafkaNotifier(
        options,
        () ->
            KafkaProducer.create(vertx, config, new StringSerializer(), new ByteArraySerializer()));
  }

  /**
   * Creates a notifier on a given producer factory (tests pass a {@code MockProducer}).
   *
   * @param options the sink options (topic, limits, timeouts)
   * @param factory creates the producer; called at most once, on {@code boundedElastic}
   */
  public VertxKafkaNotifier(
      KafkaSinkOptions options, Supplier<KafkaProducer<String, byte[]>> factory) {
    this.options = Objects.requireNonNull(options, "options");
    this.factory = Objects.requireNonNull(factory, "factory");
    Duration timeout = options.deliveryTimeout();
    Duration grace = timeout.dividedBy(10);
    this.resultTimeout =
        timeout.plus(grace.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : grace);
    // the producer is kept for good; a failed creation is not (the next publish tries again, e.g.
    // once the bootstrap host name resolves)
    this.producer =
        Mono.fromCallable(this::createProducer)
            .subscribeOn(Schedulers.boundedElastic())
            .cache(created -> FOREVER, failure -> Duration.ZERO, () -> Duration.ZERO);
    this.stop = Mono.defer(this::closeProducer).cache();
  }

  /**
   * The Kafka producer configuration derived from the options.
   *
   * @param options the sink options
   * @return producer properties (serializers excluded: they are passed as instances)
   */
  public static Map<String, String> producerConfig(KafkaSinkOptions options) {
    long delivery = options.deliveryTimeout().toMillis();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("max.in.flight.requests.per.connection", "5");
    config.putAll(options.producerProperties());
    long linger = parseLong(config.get("linger.ms"), 0L);
    if (!config.containsKey("request.timeout.ms")) {
      // Kafka insists on delivery.timeout.ms >= linger.ms + request.timeout.ms
      config.put(
          "request.timeout.ms", Long.toString(Math.max(1L, Math.min(30_000L, delivery - linger))));
    }
    config.putIfAbsent("max.block.ms", Long.toString(delivery));
    // after a broker restart the client can sit on stale topic metadata while sends wait for it
    // (seen with a SIGKILLed broker coming back on the same port): refresh it every 5 s
    config.putIfAbsent("metadata.max.age.ms", "5000");
    config.put("delivery.timeout.ms", Long.toString(delivery));
    config.put("bootstrap.servers", options.bootstrapServers());
    config.put("enable.idempotence", "true");
    config.put("acks", "all");
    return config;
  }

  private static long parseLong(@Nullable String value, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @Override
  public String sink() {
    return options.sinkName();
  }

  @Override
  public Flux<DeliveryResult> publish(Publisher<ReconcileEvent> events) {
    Objects.requireNonNull(events, "events");
    return Mono.defer(() -> isStopped() ? Mono.error(stoppedError()) : producer)
        .flatMapMany(
            // delayError: an upstream error still lets the sends in flight report their results
            p ->
                Flux.from(events)
                    .flatMapDelayError(event -> send(p, event), options.maxInFlight(), 1));
  }

  private Mono<DeliveryResult> send(KafkaProducer<String, byte[]> p, ReconcileEvent event) {
    return Mono.defer(
            () -> {
              KafkaProducerRecord<String, byte[]> record;
              if (options.mode() == CloudEventMode.BINARY) {
                record =
                    KafkaProducerRecord.create(
                        options.topic(), event.key().eventKey(), CloudEventCodec.dataJson(event));
                record.addHeader(CONTENT_TYPE_HEADER, CloudEventCodec.DATA_CONTENT_TYPE);
                CloudEventCodec.binaryAttributes(event)
                    .forEach((name, value) -> record.addHeader("ce_" + name, value));
              } else {
                record =
                    KafkaProducerRecord.create(
                        options.topic(), event.key().eventKey(), CloudEventCodec.toJson(event));
                record.addHeader(CONTENT_TYPE_HEADER, CloudEventCodec.CLOUDEVENTS_JSON);
              }
              return Mono.fromCompletionStage(() -> p.send(record).toCompletionStage());
            })
        .timeout(
            resultTimeout,
            Mono.error(
                () ->
                    new TimeoutException(
                        "no acknowledgement from " + sink() + " within " + resultTimeout)))
        .map(metadata -> new DeliveryResult(event, sink(), null))
        .onErrorResume(failure -> Mono.just(new DeliveryResult(event, sink(), failure)));
  }

  private KafkaProducer<String, byte[]> createProducer() {
    if (isStopped()) {
      throw stoppedError();
    }
    KafkaProducer<String, byte[]> p;
    try {
      p = factory.get();
    } catch (RuntimeException e) {
      throw new OrkestraException(
          "cannot create the Kafka producer for "
              + sink()
              + " (bootstrap.servers="
              + options.bootstrapServers()
              + "): "
              + e.getMessage(),
          e);
    }
    // every failed send is already a DeliveryResult; without a handler Vert.x would also log it
    // as an unhandled exception on the event loop
    p.exceptionHandler(e -> LOG.debug("send to {} failed", sink(), e));
    synchronized (lock) {
      if (!stopped) {
        created = p;
        return p;
      }
    }
    p.close(0);
    throw stoppedError();
  }

  private Mono<Void> closeProducer() {
    KafkaProducer<String, byte[]> p;
    synchronized (lock) {
      stopped = true;
      p = created;
      created = null;
    }
    if (p == null) {
      return Mono.empty();
    }
    long timeout = options.deliveryTimeout().toMillis();
    return Mono.fromCompletionStage(() -> p.close(timeout).toCompletionStage()).then();
  }

  private boolean isStopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  private OrkestraException stoppedError() {
    return new OrkestraException("the Kafka notifier for " + sink() + " is stopped");
  }

  @Override
  public Mono<Void> stop() {
    return stop;
  }

  @Override
  public void close() {
    stop.block(options.deliveryTimeout().plusSeconds(10));
  }
}

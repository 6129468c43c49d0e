package io.orkestra.notify.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.notify.TailOptions;
import io.orkestra.notify.TailedEvent;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/** Reads the event topic with the Vert.x Kafka consumer in fetch mode (demand-driven). */
public final class KafkaTail {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTail.class);

  private KafkaTail() {}

  /**
   * The tail stream; see {@link io.orkestra.notify.Notifiers#tail}.
   *
   * @param vertx Vert.x instance the consumer runs on
   * @param options what to read
   * @return a cold stream: each subscription has its own consumer
   */
  public static Flux<TailedEvent> tail(Vertx vertx, TailOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    Flux<TailedEvent> records =
        Flux.<TailedEvent>create(
                sink -> open(vertx, options, sink), FluxSink.OverflowStrategy.BUFFER)
            // consumer creation loads classes and registers MBeans: not on an event loop
            .subscribeOn(Schedulers.boundedElastic(), false);
    return options.maxCount() == TailOptions.UNBOUNDED
        ? records
        : records.take(options.maxCount(), true);
  }

  /**
   * The consumer configuration derived from the options.
   *
   * @param options the tail options
   * @return consumer properties (deserializers excluded: they are passed as instances)
   */
  public static Map<String, String> consumerConfig(TailOptions options) {
    Map<String, String> config = new LinkedHashMap<>();
    String group = options.groupId();
    if (group == null) {
      group = "ork-tail-" + UUID.randomUUID();
    }
    // a throw-away group has nobody to resume from its offsets; a named group commits what the
    // tail emitted when it stops (auto-commit would also commit records fetched but not emitted)
    config.put("enable.auto.commit", "false");
    config.putAll(options.consumerProperties());
    config.put("bootstrap.servers", options.bootstrapServers());
    config.put("group.id", group);
    config.put("auto.offset.reset", options.fromBeginning() ? "earliest" : "latest");
    return config;
  }

  private static void open(Vertx vertx, TailOptions options, FluxSink<TailedEvent> sink) {
    KafkaConsumer<String, String> consumer;
    try {
      consumer =
          KafkaConsumer.create(
              vertx, consumerConfig(options), new StringDeserializer(), new StringDeserializer());
    } catch (RuntimeException e) {
      sink.error(
          new OrkestraException(
              "cannot create a Kafka consumer for topic "
                  + options.topic()
                  + " (bootstrap.servers="
                  + options.bootstrapServers()
                  + "): "
                  + e.getMessage(),
              e));
      return;
    }
    // fetch mode: Vert.x polls and delivers only against demand that request(n) adds
    consumer.pause();
    consumer.handler(
        r -> {
          ConsumerRecord<String, String> record = r.record();
          if (options.groupId() != null) {
            // a named group resumes after what was emitted: commit each record as it is
            // emitted (queued on the consumer's worker before the close a take() may cause next)
            consumer
                .commit(Map.of(
                    new io.vertx.kafka.client.common.TopicPartition(record.topic(), record.partition()),
                    new io.vertx.kafka.client.consumer.OffsetAndMetadata(record.offset() + 1, "")))
                .onFailure(e -> LOG.warn("committing offset {} of group {} failed: {}",
                    record.offset() + 1, options.groupId(), e.getMessage()));
          }
          sink.next(
              CloudEventCodec.toTailedEvent(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  record.key(),
                  record.value()));
        });
    consumer.exceptionHandler(
        e ->
            sink.error(
                new OrkestraException(
                    "reading topic " + options.topic() + " failed: " + e.getMessage(), e)));
    sink.onRequest(consumer::fetch);
    sink.onDispose(
        () ->
            consumer
                .close()
                .onFailure(
                    e -> LOG.debug("closing the tail consumer of {} failed", options.topic(), e)));
    consumer
        .subscribe(options.topic())
        .onFailure(
            e ->
                sink.error(
                    new OrkestraException(
                        "cannot subscribe to topic " + options.topic() + ": " + e.getMessage(),
                        e)));
  }
}

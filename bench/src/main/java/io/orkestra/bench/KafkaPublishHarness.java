package io.orkestra.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ResourceKey;
import io.orkestra.notify.BrokerOptions;
import io.orkestra.notify.EmbeddedKafka;
import io.orkestra.notify.KafkaNotifier;
import io.orkestra.notify.KafkaSinkOptions;
import io.orkestra.notify.Notifiers;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;

/**
 * Kafka sink throughput and publish latency against a real local broker (Kafka 4.1.1 in a child
 * JVM, 3 partitions), through the public API only: {@link Notifiers#kafka} with its idempotent
 * {@code acks=all} producer.
 *
 * <p>Two phases, each on a fresh topic: <b>saturation</b> offers {@code --events} events as fast
 * as the notifier requests them (bounded by {@code --max-in-flight}) and reports events/s from the
 * first request to the last acknowledgement; <b>paced</b> offers {@code --rate} events/s for
 * {@code --seconds} seconds (in batches every 10 ms). Latency of one event: from the moment the
 * notifier takes it from upstream to its {@link DeliveryResult}, p50/p99/max.
 *
 * <p>Usage: {@code java -cp bench/target/classes:$(cat bench/target/bench.classpath)
 * io.orkestra.bench.KafkaPublishHarness [--events N] [--rate R] [--seconds S] [--max-in-flight M]
 * [--linger-ms L]}.
 */
public final class KafkaPublishHarness {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private KafkaPublishHarness() {}

  /**
   * Runs both phases and prints one line per phase.
   *
   * @param args see the class documentation
   * @throws Exception when the broker does not start or a phase fails
   */
  public static void main(String[] args) throws Exception {
    int events = 200_000;
    int rate = 5_000;
    int seconds = 10;
    int maxInFlight = 2048;
    int lingerMs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--max-in-flight" -> maxInFlight = Integer.parseInt(args[++i]);
        case "--linger-ms" -> lingerMs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    EmbeddedKafka broker =
        Notifiers.startEmbeddedBroker(BrokerOptions.defaults().withPartitions(3))
            .block(Duration.ofMinutes(11));
    Vertx vertx = Vertx.vertx();
    try {
      KafkaSinkOptions base =
          KafkaSinkOptions.defaults()
              .withBootstrapServers(broker.bootstrapServers())
              .withMaxInFlight(maxInFlight)
              .withDeliveryTimeout(Duration.ofSeconds(60))
              .withProducerProperty("linger.ms", Integer.toString(lingerMs));
      // warm-up: JIT, producer metadata, topic creation
      phase(vertx, base.withTopic("bench-warmup"), Flux.range(0, 20_000).map(i -> event(i)), "warm-up");
      Phase saturation =
          phase(
              vertx,
              base.withTopic("bench-saturation"),
              Flux.range(0, events).map(KafkaPublishHarness::event),
              "saturation");
      System.out.println(saturation.report());
      int perTick = Math.max(1, rate / 100);
      long ticks = (long) seconds * 100;
      Phase paced =
          phase(
              vertx,
              base.withTopic("bench-paced"),
              Flux.interval(Duration.ofMillis(10))
                  .onBackpressureBuffer()
                  .take(ticks)
                  .concatMapIterable(
                      t -> {
                        List<ReconcileEvent> batch = new ArrayList<>(perTick);
                        for (int j = 0; j < perTick; j++) {
                          batch.add(event((int) (t * perTick + j)));
                        }
                        return batch;
                      }),
              "paced " + rate + "/s");
      System.out.println(paced.report());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      broker.close();
    }
  }

  private record Phase(
      String name, long delivered, long failed, String firstFailure, Duration wall, Histogram latency) {
    String report() {
      double perSecond = delivered / Math.max(1e-9, wall.toNanos() / 1e9);
      return String.format(
          Locale.ROOT,
          "%s: %d events acknowledged (%d failed) in %.2f s = %.0f events/s;"
              + " publish latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%s",
          name,
          delivered,
          failed,
          wall.toNanos() / 1e9,
          perSecond,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0,
          failed == 0 ? "" : "; first failure: " + firstFailure);
    }
  }

  private static Phase phase(
      Vertx vertx, KafkaSinkOptions options, Flux<ReconcileEvent> source, String name) {
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    AtomicLong delivered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    // taken-from-upstream time per event, by sequence number (the event's generation)
    AtomicLongArray taken = new AtomicLongArray(4_000_000);
    AtomicLong first = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> firstFailure =
        new java.util.concurrent.atomic.AtomicReference<>();
    KafkaNotifier notifier = Notifiers.kafka(vertx, options);
    try {
      notifier
          .publish(
              source.doOnNext(
                  e -> {
                    long now = System.nanoTime();
                    first.compareAndSet(0, now);
                    taken.set((int) e.generation(), now);
                  }))
          .doOnNext(
              r -> {
                long micros = (System.nanoTime() - taken.get((int) r.event().generation())) / 1000;
                synchronized (latency) {
                  latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                }
                (r.delivered() ? delivered : failed).incrementAndGet();
                if (!r.delivered()) {
                  firstFailure.compareAndSet(null, String.valueOf(r.failure()));
                }
              })
          .blockLast(Duration.ofMinutes(10));
    } finally {
      notifier.close();
    }
    return new Phase(
        name, delivered.get(), failed.get(), String.valueOf(firstFailure.get()), Duration.ofNanos(System.nanoTime() - first.get()),
        latency);
  }

  private static ReconcileEvent event(int n) {
    String name = "app-" + (n % 1000);
    return new ReconcileEvent(
        "bench-" + n,
        "bench",
        "webapps",
        new ResourceKey("demo.orkestra.io", "v1", "WebApp", "bench", name),
        "uid-" + name,
        n,
        n,
        Outcome.SUCCEEDED,
        List.of(new ReconcileEvent.ActionSummary("updated", "Deployment", "bench", name)),
        3,
        JSON.createArrayNode(),
        null,
        Instant.now());
  }
}

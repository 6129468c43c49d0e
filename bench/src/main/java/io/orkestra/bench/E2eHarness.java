package io.orkestra.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Outcome;
import io.orkestra.core.ResourceKey;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.runtime.OrkestraRuntime;
import io.orkestra.runtime.RunConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * End-to-end throughput: N custom resources through the same runtime as {@code ork run --embedded}
 * (in-process API server, real Kafka broker in a child JVM, Vert.x Kafka producer with acks=all).
 *
 * <p>Latency of one resource: from the moment its create request is sent to the API server to the
 * broker's acknowledgement of its first {@code succeeded} event. Throughput: resources reconciled
 * and acknowledged per second of wall time, from the first create to the last acknowledgement.
 * Peak heap: the sum of the heap pools' peak usage in this JVM (runtime + API server; the broker
 * runs in its own JVM).
 *
 * <p>Usage: {@code bench/run e2e [--crs N] [--katalog DIR] [--concurrency C]}.
 */
public final class E2eHarness {

  private E2eHarness() {}

  /**
   * Runs the harness.
   *
   * @param args {@code --crs N}, {@code --katalog DIR}, {@code --concurrency C}
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    int crs = 1000;
    int concurrency = 16;
    Path katalog = Path.of("examples/quickstart");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--crs" -> crs = Integer.parseInt(args[++i]);
        case "--katalog" -> katalog = Path.of(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Result r = run(katalog, crs, concurrency);
    System.out.println(r.report());
    System.exit(r.acknowledged() == crs ? 0 : 1);
  }

  /**
   * The measured figures.
   *
   * @param crs resources created
   * @param acknowledged resources whose succeeded event the broker acknowledged
   * @param wall wall time from first create to last acknowledgement
   * @param latency latencies in microseconds
   * @param peakHeapBytes peak heap of this JVM
   */
  public record Result(int crs, long acknowledged, Duration wall, Histogram latency, long peakHeapBytes) {
    /**
     * Reconciles per second.
     *
     * @return the throughput
     */
    public double throughput() {
      return acknowledged * 1000.0 / Math.max(1, wall.toMillis());
    }

    /**
     * Human report.
     *
     * @return the lines
     */
    public String report() {
      return String.format(Locale.ROOT,
          "e2e: %d/%d CRs reconciled and acknowledged in %.2f s%n"
              + "  throughput   %.1f reconciles/s%n"
              + "  latency      p50 %.1f ms, p99 %.1f ms, max %.1f ms (CR create -> broker ack)%n"
              + "  peak heap    %.1f MiB (runtime JVM incl. in-process API server; broker is a separate JVM)",
          acknowledged, crs, wall.toMillis() / 1000.0, throughput(),
          latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0, peakHeapBytes / (1024.0 * 1024.0));
    }
  }

  /**
   * Runs N resources through an embedded runtime.
   *
   * @param katalog the Katalog directory; its first CR file's first object is the template
   * @param crs how many resources
   * @param concurrency create requests in flight
   * @return the figures
   * @throws InterruptedException when interrupted
   */
  public static Result run(Path katalog, int crs, int concurrency) throws InterruptedException {
    RunConfig config = RunConfig.defaults().withFiles(List.of(katalog)).withEmbedded(true)
        .withReadBack(false).withRuntimeName("bench");
    try (OrkestraRuntime runtime = OrkestraRuntime.start(config)) {
      Path crFile = runtime.operators().get(0).spec().crFiles().get(0);
      ObjectNode template = KatalogInterpreter.readManifests(crFile).get(0);
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
      AtomicLong acked = new AtomicLong();
      CountDownLatch all = new CountDownLatch(crs);
      Disposable d = runtime.deliveries().subscribe((DeliveryResult r) -> {
        ResourceKey k = r.event().key();
        if (r.delivered() && r.event().outcome() == Outcome.SUCCEEDED) {
          Long t0 = sentAt.remove(k.name());
          if (t0 != null) {
            synchronized (latency) {
              latency.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
            }
            acked.incrementAndGet();
            all.countDown();
          }
        }
      });
      resetPeaks();
      long start = System.nanoTime();
      Flux.range(0, crs)
          .map(i -> {
            ObjectNode cr = template.deepCopy();
            ObjectNode meta = (ObjectNode) cr.get("metadata");
            meta.put("name", "bench-" + i);
            meta.remove("resourceVersion");
            sentAt.put("bench-" + i, System.nanoTime());
            return cr;
          })
          .flatMap(runtime::apply, concurrency)
          .blockLast(Duration.ofMinutes(10));
      boolean done = all.await(10, TimeUnit.MINUTES);
      long wallNanos = System.nanoTime() - start;
      d.dispose();
      if (!done) {
        System.err.println("e2e: only " + acked.get() + "/" + crs + " acknowledged within 10 minutes");
      }
      return new Result(crs, acked.get(), Duration.ofNanos(wallNanos), latency, peakHeap());
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}

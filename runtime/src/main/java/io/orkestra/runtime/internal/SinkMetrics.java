package io.orkestra.runtime.internal;

import io.orkestra.core.DeliveryResult;
import io.orkestra.notify.NoticeDelivery;
import io.orkestra.notify.SinkStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Event-sink and notification metrics in the Prometheus text format, named as a Micrometer
 * Prometheus registry would name the meters {@code orkestra.sink.events.*} (counters get {@code
 * _total}), {@code orkestra.sink.events.in.flight}, {@code orkestra.sink.spill} (base unit bytes)
 * and {@code orkestra.notifications}:
 *
 * <ul>
 *   <li>{@code orkestra_sink_events_published_total{sink}}: events the sink acknowledged (from the
 *       spill too)
 *   <li>{@code orkestra_sink_events_failed_total{sink}}: events given up on
 *   <li>{@code orkestra_sink_events_spilled_total{sink}}, {@code
 *       orkestra_sink_events_replayed_total{sink}}: written to / delivered from the spill
 *   <li>{@code orkestra_sink_events_in_flight{sink}}: taken by the sink and not finished
 *   <li>{@code orkestra_sink_spill_bytes{sink}}: bytes in the sink's spill files
 *   <li>{@code orkestra_notifications_total{team,status}}: condition notices by result ({@code
 *       sent}, {@code throttled}, {@code skipped}, {@code failed})
 * </ul>
 *
 * Counts of sinks without their own statistics (Kafka) come from the delivery results and the
 * events handed to the sink; webhook sinks report theirs ({@link SinkStats}). Thread-safe.
 */
public final class SinkMetrics {

  private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> notices = new ConcurrentHashMap<>();

  private static final class Sink {
    final LongAdder offered = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final @Nullable Supplier<SinkStats> stats;

    Sink(@Nullable Supplier<SinkStats> stats) {
      this.stats = stats;
    }
  }

  /**
   * Registers a sink; its series are rendered from now on (zeros included).
   *
   * @param name the sink name ({@link DeliveryResult#sink()})
   * @param stats the sink's own counters, {@code null} when it has none
   */
  public void register(String name, @Nullable Supplier<SinkStats> stats) {
    sinks.putIfAbsent(name, new Sink(stats));
  }

  /**
   * An event was handed to a sink.
   *
   * @param name the sink name
   */
  public void onOffered(String name) {
    Sink s = sinks.get(name);
    if (s != null) {
      s.offered.increment();
    }
  }

  /**
   * A sink reported a delivery result.
   *
   * @param d the result
   */
  public void onDelivery(DeliveryResult d) {
    Sink s = sinks.get(d.sink());
    if (s != null) {
      (d.delivered() ? s.delivered : s.failed).increment();
    }
  }

  /**
   * A condition notice was handled.
   *
   * @param d what happened to it
   */
  public void onNotice(NoticeDelivery d) {
    notices
        .computeIfAbsent(
            d.notice().team() + "\u0000" + d.status().name().toLowerCase(java.util.Locale.ROOT),
            k -> new LongAdder())
        .increment();
  }

  /**
   * Appends the series.
   *
   * @param out the exposition being written
   */
  void render(StringBuilder out) {
    Map<String, long[]> rows = new TreeMap<>();
    sinks.forEach((name, s) -> {
      long delivered = s.delivered.sum();
      long failed = s.failed.sum();
      SinkStats st = s.stats == null ? null : s.stats.get();
      rows.put(name, new long[] {
        delivered,
        failed,
        st == null ? 0 : st.spilled(),
        st == null ? 0 : st.replayed(),
        st == null ? Math.max(0, s.offered.sum() - delivered - failed) : st.inFlight(),
        st == null ? 0 : st.spillBytes()
      });
    });
    series(out, rows, 0, "orkestra_sink_events_published_total", "counter",
        "Events the sink acknowledged (directly or from the spill).");
    series(out, rows, 1, "orkestra_sink_events_failed_total", "counter",
        "Events the sink rejected or whose retries were exhausted without a spill.");
    series(out, rows, 2, "orkestra_sink_events_spilled_total", "counter",
        "Events written to the sink's spill while it was down.");
    series(out, rows, 3, "orkestra_sink_events_replayed_total", "counter",
        "Events delivered from the spill.");
    series(out, rows, 4, "orkestra_sink_events_in_flight", "gauge",
        "Events taken by the sink and not finished (sending, retrying, waiting).");
    series(out, rows, 5, "orkestra_sink_spill_bytes", "gauge", "Bytes in the sink's spill files.");
    out.append("# HELP orkestra_notifications_total Condition notices by team and result.\n");
    out.append("# TYPE orkestra_notifications_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(notices).entrySet()) {
      String[] parts = e.getKey().split("\u0000", 2);
      out.append("orkestra_notifications_total{team=\"")
          .append(ReconcileMetrics.escape(parts[0])).append("\",status=\"").append(parts[1])
          .append("\"} ").append(e.getValue().sum()).append('\n');
    }
  }

  private static void series(StringBuilder out, Map<String, long[]> rows, int column, String name,
      String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    rows.forEach((sink, values) -> out.append(name).append("{sink=\"")
        .append(ReconcileMetrics.escape(sink)).append("\"} ").append(values[column]).append('\n'));
  }
}

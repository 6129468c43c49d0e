package io.orkestra.watch.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Bridges a push source (callbacks that must never block) into a {@link Flux} that honours
 * backpressure by coalescing: values wait in a {@link CoalescingBuffer} and are emitted only as
 * downstream requests them.
 *
 * <pre>
 * source:   --A1--B1--A2--A3------B2--|
 * demand:   0 ...................... n
 * emitted:  ------------------------A3-B2   A kept its place in line, only its newest value is left
 * </pre>
 *
 * <p>Each subscription gets its own buffer and starts the source; cancelling (or an error) disposes
 * the source and forgets waiting values. Values are emitted on the thread that offered them (the
 * source's callback thread) or on the thread that requested more, never on two threads at once.
 */
public final class CoalescingFlux {

  private CoalescingFlux() {}

  /**
   * The push side given to a source.
   *
   * @param <V> the value
   */
  public interface Emitter<V> {
    /**
     * Offers a value; never blocks.
     *
     * @param value the value
     */
    void next(V value);

    /**
     * Ends the flux with an error (terminal failure of the source); later calls are ignored; never
     * blocks.
     *
     * @param error the failure
     */
    void error(Throwable error);
  }

  /**
   * Something that pushes values once started.
   *
   * @param <V> the value
   */
  @FunctionalInterface
  public interface Source<V> {
    /**
     * Starts pushing into {@code emitter}.
     *
     * @param emitter where to push
     * @return stops the source when disposed
     */
    Disposable start(Emitter<V> emitter);
  }

  /**
   * Sees every offered value and what the buffer did with it (tests, metrics).
   *
   * @param <V> the value
   */
  @FunctionalInterface
  public interface Probe<V> {
    /** A probe that does nothing. */
    Probe<Object> NONE = (v, o) -> {};

    /**
     * Called after each offer, on the source's thread; must not block.
     *
     * @param value the value offered
     * @param outcome what the buffer did with it
     */
    void offered(V value, CoalescingBuffer.Offer outcome);

    /**
     * The no-op probe.
     *
     * @param <V> the value
     * @return a probe that does nothing
     */
    @SuppressWarnings("unchecked")
    static <V> Probe<V> none() {
      return (Probe<V>) (Probe<?>) NONE;
    }
  }

  /**
   * Creates the flux.
   *
   * @param buffers makes the buffer of each subscription
   * @param keyOf the key of a value
   * @param source the push source, started on subscription
   * @param probe sees every offer
   * @param <K> the key
   * @param <V> the value
   * @return a flux that emits buffered values on demand; errors when the source errors; never
   *     completes on its own
   */
  public static <K, V> Flux<V> create(
      Supplier<CoalescingBuffer<K, V>> buffers,
      Function<? super V, ? extends K> keyOf,
      Source<V> source,
      Probe<? super V> probe) {
    Objects.requireNonNull(buffers, "buffers");
    Objects.requireNonNull(keyOf, "keyOf");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(probe, "probe");
    return Flux.create(
        sink -> {
          Drain<K, V> drain = new Drain<>(buffers.get(), keyOf, sink, probe);
          Disposable.Swap stop = Disposables.swap();
          sink.onRequest(n -> drain.drain());
          sink.onDispose(
              () -> {
                drain.cancel();
                stop.dispose();
              });
          try {
            stop.update(source.start(drain));
          } catch (RuntimeException e) {
            sink.error(e);
          }
        },
        // demand is tracked by Drain: emitting beyond it would be a bug, so fail loudly
        FluxSink.OverflowStrategy.ERROR);
  }

  private static final class Drain<K, V> implements Emitter<V> {
    private final CoalescingBuffer<K, V> buffer;
    private final Function<? super V, ? extends K> keyOf;
    private final FluxSink<V> sink;
    private final Probe<? super V> probe;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile boolean cancelled;

    Drain(
        CoalescingBuffer<K, V> buffer,
        Function<? super V, ? extends K> keyOf,
        FluxSink<V> sink,
        Probe<? super V> probe) {
      this.buffer = buffer;
      this.keyOf = keyOf;
      this.sink = sink;
      this.probe = probe;
    }

    @Override
    public void next(V value) {
      if (cancelled) {
        return;
      }
      CoalescingBuffer.Offer outcome = buffer.offer(keyOf.apply(value), value);
      probe.offered(value, outcome);
      drain();
    }

    @Override
    public void error(Throwable error) {
      // a source may report one failure through several callbacks: signal the first only
      if (failed.compareAndSet(false, true)) {
        sink.error(error);
      }
    }

    void cancel() {
      cancelled = true;
      buffer.clear();
    }

    void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        while (!cancelled && sink.requestedFromDownstream() > 0) {
          V v = buffer.poll();
          if (v == null) {
            break;
          }
          sink.next(v);
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}

package io.orkestra.runtime.internal;

import io.orkestra.oci.OciReference;
import io.orkestra.oci.TransferListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One updating progress line on stderr for pulls and pushes of more than 1 MiB, shown only when
 * the process has a console ({@link System#console()} is not null), so tests and pipes never see
 * it.
 *
 * <p>The transfer side only adds to counters (it runs on Vert.x event loops and must not block); a
 * daemon thread renders the line every 200 ms with a carriage return, and {@link #close()} prints
 * the final state and a newline.
 */
final class ProgressLine implements TransferListener, AutoCloseable {

  /** Transfers up to this size show no progress. */
  static final long THRESHOLD = 1024 * 1024;

  private final String verb;
  private final PrintWriter err;
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicReference<@Nullable String> what = new AtomicReference<>();
  private @Nullable ScheduledExecutorService ticker;
  private boolean shown;

  private final boolean interactive;

  ProgressLine(String verb, PrintWriter err, boolean interactive) {
    this.verb = verb;
    this.err = err;
    this.interactive = interactive;
  }

  /**
   * A progress line when stderr is a terminal, else a listener that does nothing.
   *
   * @param verb {@code pulling} or {@code pushing}
   * @param err the CLI's stderr
   * @return the listener; close it when the transfer is over
   */
  static ProgressLine forTerminal(String verb, PrintWriter err) {
    return new ProgressLine(verb, err, onTerminal());
  }

  /**
   * {@code System.console() != null}; on JDK 22 and later, where a console may exist without a
   * terminal, also its {@code isTerminal()} (looked up reflectively: the build targets Java 17).
   */
  private static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true; // JDK 17 to 21: a console means stdin and stdout are a terminal
    }
  }

  @Override
  public void started(OciReference reference, long totalBytes) {
    what.set(reference.toString());
    if (total.addAndGet(totalBytes) > THRESHOLD && interactive) {
      startTicker();
    }
  }

  @Override
  public void transferred(long bytes) {
    done.addAndGet(bytes);
  }

  private synchronized void startTicker() {
    if (ticker == null) {
      ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread th = new Thread(r, "ork-progress");
        th.setDaemon(true);
        return th;
      });
      t.scheduleAtFixedRate(this::tick, 0, 200, TimeUnit.MILLISECONDS);
      ticker = t;
    }
  }

  private synchronized void tick() {
    err.print("\r" + render());
    err.flush();
    shown = true;
  }

  /** The line as shown, e.g. {@code pulling host/repo:v1  1.5/3.0 MiB  50%}. */
  String render() {
    long t = total.get();
    long d = Math.min(done.get(), t);
    int pct = t == 0 ? 100 : (int) (d * 100 / t);
    return String.format(Locale.ROOT, "%s %s  %.1f/%.1f MiB  %3d%%", verb, what.get(), d / 1048576.0, t / 1048576.0, pct);
  }

  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      t = ticker;
      ticker = null;
    }
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (shown || t != null) {
        err.println("\r" + render());
        err.flush();
        shown = false;
      }
    }
  }
}

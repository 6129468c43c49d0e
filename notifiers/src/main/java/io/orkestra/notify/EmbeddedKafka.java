package io.orkestra.notify;

import java.nio.file.Path;
import reactor.core.publisher.Mono;

/**
 * Handle of a single-node Kafka broker running in a child JVM, started by {@link
 * Notifiers#startEmbeddedBroker}. The broker listens on {@code 127.0.0.1} only, keeps its data in a
 * temporary directory that {@link #stop()} deletes, and is killed by a JVM shutdown hook if the
 * owner never stops it.
 */
public interface EmbeddedKafka extends AutoCloseable {

  /**
   * The {@code bootstrap.servers} value for clients.
   *
   * @return {@code 127.0.0.1:<port>}
   */
  String bootstrapServers();

  /**
   * The operating-system process id of the broker JVM, for diagnostics.
   *
   * @return the pid
   */
  long pid();

  /**
   * The broker's console log (standard output and error), for diagnostics; deleted by {@link
   * #stop()}.
   *
   * @return the log file
   */
  Path logFile();

  /**
   * Kills the broker process with SIGKILL, as a crash would, keeping its data directory and ports
   * so that {@link #restart()} can bring the same broker back. For fault-injection tests.
   *
   * @return completes once the process has exited
   */
  Mono<Void> kill();

  /**
   * Starts the broker again after {@link #kill()} (or a crash), on the same port with the same
   * data, and waits until it serves clients. Runs on {@code Schedulers.boundedElastic()}.
   *
   * @return completes once the broker has started again; errors when it is still running or does
   *     not start in time
   */
  Mono<Void> restart();

  /**
   * Stops the broker: SIGTERM, up to 20 s for a clean shutdown, then a forcible kill; then deletes
   * the data directory and removes the shutdown hook.
   *
   * <p>Emits nothing and completes once the process has exited and its files are gone. Idempotent:
   * every subscription after the first replays the first outcome. Never errors for an already dead
   * process. The wait is non-blocking; the file deletion runs on {@code
   * Schedulers.boundedElastic()}, which is also where completion is signalled.
   *
   * @return completion of the stop
   */
  Mono<Void> stop();

  /**
   * Blocking form of {@link #stop()} (waits up to 40 s). Must not be called on a non-blocking
   * thread (Reactor's parallel scheduler, Vert.x event loops): use {@link #stop()} there.
   */
  @Override
  void close();
}

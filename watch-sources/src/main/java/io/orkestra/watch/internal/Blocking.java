package io.orkestra.watch.internal;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Runs blocking fabric8 calls lazily on {@code Schedulers.boundedElastic()}. */
public final class Blocking {

  private Blocking() {}

  /**
   * Defers a blocking call until subscription and runs it on {@code boundedElastic()}.
   *
   * @param call the call; may return {@code null} for "nothing"
   * @param <T> the result
   * @return emits the result (empty for {@code null}) on a {@code boundedElastic} thread, or its
   *     exception
   */
  public static <T> Mono<T> call(Callable<? extends @Nullable T> call) {
    return Mono.<T>fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}

package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class BlockHoundActiveTest {

  @Test
  void blockingOnParallelSchedulerRaisesBlockingOperationError() {
    Mono<Integer> blocking =
        Mono.fromCallable(
                () -> {
                  Thread.sleep(5);
                  return 1;
                })
            .subscribeOn(Schedulers.parallel());

    StepVerifier.create(blocking)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(BlockingOperationError.class)
                    .hasMessageContaining("java.lang.Thread.sleep"))
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void blockingOnBoundedElasticIsAllowed() {
    Mono<Integer> blocking =
        Mono.fromCallable(
                () -> {
                  Thread.sleep(5);
                  return 1;
                })
            .subscribeOn(Schedulers.boundedElastic());

    StepVerifier.create(blocking).expectNext(1).expectComplete().verify(Duration.ofSeconds(10));
  }

  @Test
  void blockingOnVertxEventLoopIsReported() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Throwable> reported = new CompletableFuture<>();
      context.exceptionHandler(reported::complete);

      context.runOnContext(
          v -> {
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });

      StepVerifier.create(Mono.fromFuture(reported))
          .assertNext(e -> assertThat(e).isInstanceOf(BlockingOperationError.class))
          .expectComplete()
          .verify(Duration.ofSeconds(10));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

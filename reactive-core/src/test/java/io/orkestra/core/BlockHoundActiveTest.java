package io.orkestra.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves BlockHound is installed in this test JVM, so the other tests would catch blocking. */
class BlockHoundActiveTest {

  @Test
  void blockingOnParallelSchedulerIsDetected() {
    StepVerifier.create(
            Mono.fromCallable(() -> {
                  Thread.sleep(1);
                  return "slept";
                })
                .subscribeOn(Schedulers.parallel()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class))
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void blockingOnBoundedElasticIsAllowed() {
    StepVerifier.create(
            Mono.fromCallable(() -> {
                  Thread.sleep(1);
                  return "slept";
                })
                .subscribeOn(Schedulers.boundedElastic()))
        .expectNext("slept")
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }
}

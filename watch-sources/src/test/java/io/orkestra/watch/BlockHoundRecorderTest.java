package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves BlockHound is active with this module's integration, so the ITs' record means something.
 */
class BlockHoundRecorderTest {

  @Test
  void blockingOnParallelIsDetectedAndRecorded() {
    StepVerifier.create(
            Mono.fromCallable(
                    () -> {
                      Thread.sleep(1);
                      return "slept";
                    })
                .subscribeOn(Schedulers.parallel()))
        .expectError(BlockingOperationError.class)
        .verify(Duration.ofSeconds(5));

    assertThat(BlockingCalls.hits())
        .anySatisfy(
            h -> {
              assertThat(h.method()).contains("sleep");
              assertThat(h.thread()).startsWith("parallel-");
            });
  }

  @Test
  void hitsAreAttributedToOurCodeOnlyWhenAMainClassIsOnTheStack() {
    StackTraceElement ours =
        new StackTraceElement(
            "io.orkestra.watch.internal.CoalescingFlux$Drain", "drain", "CoalescingFlux.java", 1);
    StackTraceElement test =
        new StackTraceElement(
            "io.orkestra.watch.KubernetesWatchSourcesWatchIT",
            "x",
            "KubernetesWatchSourcesWatchIT.java",
            1);
    StackTraceElement vertx =
        new StackTraceElement("io.vertx.core.internal.WorkerPool", "close", "WorkerPool.java", 1);

    assertThat(new BlockingCalls.Hit("m", "t", List.of(vertx, ours)).fromOurCode()).isTrue();
    assertThat(new BlockingCalls.Hit("m", "t", List.of(vertx, test)).fromOurCode()).isFalse();
  }

  @Test
  void blockingOnBoundedElasticIsAllowed() {
    StepVerifier.create(
            Mono.fromCallable(
                    () -> {
                      Thread.sleep(1);
                      return "slept";
                    })
                .subscribeOn(Schedulers.boundedElastic()))
        .expectNext("slept")
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }
}

package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.ObservedState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Interpretation runs on Reactor's non-blocking {@code parallel()} workers in the runtime;
 * BlockHound (installed in every test JVM) fails the call if it does anything blocking there.
 */
class InterpretNonBlockingTest {

  @Test
  void blockHoundIsWatchingParallelWorkers() {
    StepVerifier.create(
            Mono.fromCallable(
                    () -> {
                      Thread.sleep(1);
                      return "slept";
                    })
                .subscribeOn(Schedulers.parallel()))
        .expectError(BlockingOperationError.class)
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void interpretsOnParallelWorkersWithoutBlocking() {
    CompiledOperator op = KatalogInterpreter.load(QuickstartExampleTest.QUICKSTART).get(0);
    List<ObjectNode> crs = KatalogInterpreter.readManifests(op.spec().crFiles().get(0));

    StepVerifier.create(
            Flux.range(0, 300)
                .parallel()
                .runOn(Schedulers.parallel())
                .map(i -> op.interpret(crs.get(i % 3), ObservedState.empty(), Fixtures.CLOCK))
                .sequential()
                .count())
        .assertNext(n -> assertThat(n).isEqualTo(300))
        .expectComplete()
        .verify(Duration.ofSeconds(30));
  }
}

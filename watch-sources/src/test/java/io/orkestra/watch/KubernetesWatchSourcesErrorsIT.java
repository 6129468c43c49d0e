package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class KubernetesWatchSourcesErrorsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final OperatorSpec SPEC = Fixtures.webAppSpec(null);

  private MockApi api;

  @BeforeEach
  void startApi() {
    api = MockApi.start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  @Test
  void watchErrorsWhenTheApiServerRefusesTheInitialList() {
    api.faults().failGets("/apis/demo.orkestra.io/v1/webapps", 403);
    KubernetesWatchSources k8s =
        KubernetesWatchSources.create(
            api.client(), WatchOptions.defaults().withApplyStrategy(ApplyStrategy.UPDATE));

    StepVerifier.create(k8s.watch(SPEC).watch())
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OrkestraException.class)
                    .hasMessageContaining("watch of WebApp (demo.orkestra.io/v1)")
                    .hasMessageContaining("injected failure"))
        .verify(TIMEOUT);
  }
}

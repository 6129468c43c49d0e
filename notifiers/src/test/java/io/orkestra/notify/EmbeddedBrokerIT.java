package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Lifecycle of {@link Notifiers#startEmbeddedBroker}: its own broker, independent of {@link
 * TestKafka}'s, started and stopped within the test.
 */
class EmbeddedBrokerIT {

  @Test
  void startsBrokerOnBoundedElasticAndStopsItCleanly() throws Exception {
    AtomicReference<EmbeddedKafka> started = new AtomicReference<>();

    StepVerifier.create(Notifiers.startEmbeddedBroker(BrokerOptions.defaults()))
        .assertNext(
            broker -> {
              started.set(broker);
              assertThat(Thread.currentThread().getName()).startsWith("boundedElastic");
            })
        .expectComplete()
        .verify(Duration.ofMinutes(11)); // a first run may resolve the broker classpath
    EmbeddedKafka broker = started.get();
    long pid = broker.pid();
    try {
      assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(broker.logFile()).content().contains("Kafka Server started");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
      }
    } finally {
      StepVerifier.create(broker.stop()).expectComplete().verify(Duration.ofSeconds(45));
    }

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
        .as("broker process gone")
        .isEmpty();
    assertThat(broker.logFile()).doesNotExist();
    StepVerifier.create(broker.stop()).expectComplete().verify(Duration.ofSeconds(5));
  }
}

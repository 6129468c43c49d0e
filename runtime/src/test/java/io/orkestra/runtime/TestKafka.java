package io.orkestra.runtime;

import io.orkestra.notify.BrokerOptions;
import io.orkestra.notify.EmbeddedKafka;
import io.orkestra.notify.Notifiers;
import java.time.Duration;

/** One real Kafka broker (child JVM) per test JVM, started on first use, stopped at JVM exit. */
final class TestKafka {

  private static EmbeddedKafka broker;

  private TestKafka() {}

  static synchronized String bootstrapServers() {
    if (broker == null) {
      EmbeddedKafka started = Notifiers.startEmbeddedBroker(BrokerOptions.defaults()).block(Duration.ofMinutes(11));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
      broker = started;
    }
    return broker.bootstrapServers();
  }
}

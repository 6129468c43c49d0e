package io.orkestra.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One real Kafka broker per test JVM, started on first use through {@link
 * Notifiers#startEmbeddedBroker} (three partitions per topic) and stopped by a shutdown hook.
 */
final class TestKafka {

  private static EmbeddedKafka broker;

  private TestKafka() {}

  static synchronized EmbeddedKafka broker() {
    if (broker == null) {
      // first run ever resolves the broker classpath with Maven (downloads ~45 MB)
      EmbeddedKafka started =
          Notifiers.startEmbeddedBroker(BrokerOptions.defaults().withPartitions(3))
              .block(Duration.ofMinutes(11));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
      broker = started;
    }
    return broker;
  }

  static String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** A topic name no other test uses. */
  static String uniqueTopic(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a topic and waits until the broker confirms it. */
  static String createTopic(String prefix, int partitions) throws Exception {
    String topic = uniqueTopic(prefix);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return topic;
  }
}

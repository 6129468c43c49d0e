package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.OrkestraException;
import io.orkestra.notify.BrokerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

  @TempDir Path tmp;

  @Test
  void serverPropertiesDescribeOneCombinedKraftNodeOnLoopback() {
    Map<String, String> p =
        EmbeddedBroker.serverProperties(
            9101, 9102, Path.of("/tmp/data"), BrokerOptions.defaults().withPartitions(3));

    assertThat(p)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9102")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9101,CONTROLLER://127.0.0.1:9102")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9101")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
        .containsEntry("inter.broker.listener.name", "PLAINTEXT")
        .containsEntry("log.dirs", "/tmp/data")
        .containsEntry("num.partitions", "3")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("share.coordinator.state.topic.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0");
  }

  @Test
  void extraServerPropertiesAreAppendedAndMayOverrideDefaults() {
    Map<String, String> p =
        EmbeddedBroker.serverProperties(
            1,
            2,
            Path.of("/d"),
            BrokerOptions.defaults()
                .withServerProperties(
                    Map.of("offsets.topic.num.partitions", "5", "log.retention.ms", "1000")));

    assertThat(p)
        .containsEntry("offsets.topic.num.partitions", "5")
        .containsEntry("log.retention.ms", "1000");
  }

  @Test
  void rendersPropertiesWithEscapedBackslashes() {
    String text = EmbeddedBroker.render(Map.of("log.dirs", "C:\\tmp\\kafka"));

    assertThat(text).contains("log.dirs=C:\\\\tmp\\\\kafka\n");
  }

  @Test
  void clusterIdIsSixteenRandomBytesInUrlSafeBase64() {
    for (int i = 0; i < 200; i++) {
      String id = EmbeddedBroker.clusterId();
      assertThat(id).hasSize(22).doesNotStartWith("-");
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
    }
    assertThat(EmbeddedBroker.clusterId()).isNotEqualTo(EmbeddedBroker.clusterId());
  }

  @Test
  void freePortsAreDistinctAndNonZero() throws Exception {
    int[] ports = EmbeddedBroker.freePorts(2);

    assertThat(ports[0]).isPositive().isNotEqualTo(ports[1]);
    assertThat(ports[1]).isPositive();
  }

  @Test
  void runsBrokerWithThisJavaAndSmallHeap() {
    List<String> command =
        EmbeddedBroker.command("/a.jar", Path.of("/l.xml"), "kafka.Kafka", "server.properties");

    assertThat(command.get(0))
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(command)
        .containsSubsequence("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .contains("-Dlog4j2.configurationFile=/l.xml")
        .containsSubsequence("-cp", "/a.jar", "kafka.Kafka", "server.properties");
  }

  @Test
  void failsWithLogTailWhenBrokerClassesAreMissing() {
    // a classpath that exists but holds no Kafka: the formatting JVM cannot find StorageTool
    BrokerOptions options =
        BrokerOptions.defaults()
            .withClasspath(tmp.toString())
            .withStartTimeout(Duration.ofSeconds(30));

    assertThatThrownBy(() -> EmbeddedBroker.start(options, Map.of()))
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("formatting the log directory failed with exit code 1")
        .hasMessageContaining("kafka.tools.StorageTool");
  }
}

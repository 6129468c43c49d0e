package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerOptionsTest {

  @Test
  void defaultsLeaveClasspathAndHomeToEnvironmentAndCache() {
    BrokerOptions options = BrokerOptions.defaults();

    assertThat(options.home()).isNull();
    assertThat(options.classpath()).isNull();
    assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.resolveTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.partitions()).isEqualTo(1);
    assertThat(options.serverProperties()).isEmpty();
    assertThat(BrokerOptions.KAFKA_VERSION).isEqualTo("4.1.1");
  }

  @Test
  void copyMethodsChangeOneComponent() {
    BrokerOptions options =
        BrokerOptions.defaults()
            .withHome(Path.of("/tmp/k"))
            .withClasspath("/a.jar")
            .withStartTimeout(Duration.ofSeconds(5))
            .withResolveTimeout(Duration.ofSeconds(50))
            .withPartitions(3)
            .withServerProperties(Map.of("log.retention.hours", "1"));

    assertThat(options)
        .isEqualTo(
            new BrokerOptions(
                Path.of("/tmp/k"),
                "/a.jar",
                Duration.ofSeconds(5),
                Duration.ofSeconds(50),
                3,
                Map.of("log.retention.hours", "1")));
  }

  @Test
  void rejectsZeroPartitions() {
    assertThatThrownBy(() -> BrokerOptions.defaults().withPartitions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partitions must be at least 1, was 0");
  }

  @Test
  void rejectsStartTimeoutUnderOneSecond() {
    assertThatThrownBy(() -> BrokerOptions.defaults().withStartTimeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startTimeout");
  }

  @Test
  void rejectsBlankExplicitClasspath() {
    assertThatThrownBy(() -> BrokerOptions.defaults().withClasspath(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classpath must not be blank (was '')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"listeners", "log.dirs", "node.id", "process.roles", "num.partitions"})
  void rejectsServerPropertiesTheLauncherOwns(String key) {
    assertThatThrownBy(() -> BrokerOptions.defaults().withServerProperties(Map.of(key, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("serverProperties must not set '" + key + "'");
  }
}

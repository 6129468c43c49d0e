package io.orkestra.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link Notifiers#startEmbeddedBroker}. Immutable; start from {@link #defaults()} and
 * derive with the {@code withX} methods.
 *
 * <p>Where the broker's jars come from, first match wins: {@link #classpath()}, the environment
 * variable {@value #ENV_CLASSPATH}, the {@code classpath.txt} cached in {@link #home()} (or {@value
 * #ENV_HOME}, or {@code ~/.orkestra/embedded-kafka/4.1.1}) while every jar in it still exists, and
 * finally Maven ({@code mvn dependency:build-classpath} on a pom shipped in this module).
 *
 * @param home cache directory for the broker pom and classpath; {@code null} means {@value
 *     #ENV_HOME} if set, else {@code ~/.orkestra/embedded-kafka/<KAFKA_VERSION>}
 * @param classpath the broker classpath ({@link java.io.File#pathSeparator}-separated jars); {@code
 *     null} means {@value #ENV_CLASSPATH} if set, else the cached or Maven-resolved one
 * @param startTimeout how long formatting plus start-up may take before the start fails
 * @param resolveTimeout how long the Maven resolution may take (the first one downloads about 45
 *     MB)
 * @param partitions {@code num.partitions} for topics the broker creates automatically (at least 1)
 * @param serverProperties further {@code server.properties} entries; the listener, node, role and
 *     log directory settings are fixed by the launcher
 */
public record BrokerOptions(
    @Nullable Path home,
    @Nullable String classpath,
    Duration startTimeout,
    Duration resolveTimeout,
    int partitions,
    Map<String, String> serverProperties) {

  /** The Kafka broker version started by the launcher. */
  public static final String KAFKA_VERSION = "4.1.1";

  /** Environment variable overriding the cache directory. */
  public static final String ENV_HOME = "ORK_KAFKA_HOME";

  /** Environment variable giving a ready broker classpath (no Maven needed). */
  public static final String ENV_CLASSPATH = "ORK_KAFKA_CLASSPATH";

  private static final Set<String> RESERVED =
      Set.of(
          "process.roles",
          "node.id",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "listeners",
          "advertised.listeners",
          "controller.listener.names",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "log.dirs",
          "log.dir",
          "num.partitions");

  /** Validates every component and copies {@code serverProperties} into an immutable map. */
  public BrokerOptions {
    if (classpath != null) {
      OptionChecks.notBlank(classpath, "classpath");
    }
    OptionChecks.positiveMillis(startTimeout, "startTimeout", Duration.ofSeconds(1));
    OptionChecks.positiveMillis(resolveTimeout, "resolveTimeout", Duration.ofSeconds(1));
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    serverProperties =
        OptionChecks.properties(
            serverProperties,
            "serverProperties",
            RESERVED,
            "the launcher sets it (single KRaft node on 127.0.0.1, temporary log directory)");
  }

  /**
   * Cache from the environment or the home directory, 60 s start timeout, 10 min resolve timeout,
   * one partition per topic, no extra server properties.
   *
   * @return the default options
   */
  public static BrokerOptions defaults() {
    return new BrokerOptions(
        null, null, Duration.ofSeconds(60), Duration.ofMinutes(10), 1, Map.of());
  }

  /**
   * Copy with another cache directory.
   *
   * @param home the directory, or {@code null} for the environment or default one
   * @return the copy
   */
  public BrokerOptions withHome(@Nullable Path home) {
    return new BrokerOptions(
        home, classpath, startTimeout, resolveTimeout, partitions, serverProperties);
  }

  /**
   * Copy with an explicit broker classpath.
   *
   * @param classpath path-separator-separated jars, or {@code null} to resolve it
   * @return the copy
   */
  public BrokerOptions withClasspath(@Nullable String classpath) {
    return new BrokerOptions(
        home, classpath, startTimeout, resolveTimeout, partitions, serverProperties);
  }

  /**
   * Copy with another start timeout.
   *
   * @param startTimeout at least one second
   * @return the copy
   */
  public BrokerOptions withStartTimeout(Duration startTimeout) {
    return new BrokerOptions(
        home, classpath, startTimeout, resolveTimeout, partitions, serverProperties);
  }

  /**
   * Copy with another Maven resolution timeout.
   *
   * @param resolveTimeout at least one second
   * @return the copy
   */
  public BrokerOptions withResolveTimeout(Duration resolveTimeout) {
    return new BrokerOptions(
        home, classpath, startTimeout, resolveTimeout, partitions, serverProperties);
  }

  /**
   * Copy with another default partition count.
   *
   * @param partitions at least 1
   * @return the copy
   */
  public BrokerOptions withPartitions(int partitions) {
    return new BrokerOptions(
        home, classpath, startTimeout, resolveTimeout, partitions, serverProperties);
  }

  /**
   * Copy whose extra server properties are replaced by {@code serverProperties}.
   *
   * @param serverProperties the new extra properties
   * @return the copy
   */
  public BrokerOptions withServerProperties(Map<String, String> serverProperties) {
    Objects.requireNonNull(serverProperties, "serverProperties");
    return new BrokerOptions(
        home, classpath, startTimeout, resolveTimeout, partitions, serverProperties);
  }
}

package io.orkestra.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link OrkestraRuntime} runs and where. Immutable; start from {@link #defaults()}.
 *
 * @param files Katalog files or directories to load
 * @param embedded start an in-process Kubernetes API server (and a Kafka broker unless
 *     {@code bootstrapServers} is given) instead of using the current kubeconfig
 * @param bootstrapServers Kafka bootstrap servers; {@code null} with {@code embedded} starts a
 *     broker
 * @param topic Kafka topic for reconciliation events
 * @param runtimeName name of this runtime instance (CloudEvent {@code source})
 * @param readBack also consume the topic and expose what the broker holds ({@link
 *     OrkestraRuntime#readBack()})
 * @param webhooks URLs every event is also POSTed to (CloudEvents HTTP binding, structured)
 * @param webhookSecretFile file holding the HMAC secret that signs webhook requests (read at
 *     start, a trailing line break ignored); {@code null} for unsigned requests
 * @param kubeconfig kubeconfig file for cluster mode, {@code null} for fabric8's defaults
 * @param applyStrategy how children are written, {@code null} to choose by mode
 * @param spillDir directory under which each webhook spills (one sub-directory per URL) while it
 *     is down; {@code null}: a webhook event whose retries are exhausted is reported failed
 * @param metricsPort port of the Prometheus {@code /metrics} endpoint ({@code 0} = any free
 *     port), {@code null} for no endpoint
 * @param leaderElection campaign for this Lease and reconcile only while leading (replicas of one
 *     runtime); {@code null} to always reconcile
 * @param registry options for the Katalogs' registry imports (cache, mirrors, mirror-only),
 *     {@code null} for {@link io.orkestra.oci.OciOptions#defaults()}
 */
public record RunConfig(
    List<Path> files,
    boolean embedded,
    @Nullable String bootstrapServers,
    String topic,
    String runtimeName,
    boolean readBack,
    List<String> webhooks,
    @Nullable Path webhookSecretFile,
    @Nullable Path spillDir,
    @Nullable Path kubeconfig,
    io.orkestra.watch.@Nullable ApplyStrategy applyStrategy,
    @Nullable Integer metricsPort,
    io.orkestra.watch.@Nullable LeaderElectionOptions leaderElection,
    io.orkestra.oci.@Nullable OciOptions registry) {

  /** Default Kafka topic of the event contract v1. */
  public static final String DEFAULT_TOPIC = "orkestra.reconcile";

  /** Null checks and an immutable copy of {@code files}. */
  public RunConfig {
    files = List.copyOf(Objects.requireNonNull(files, "files"));
    webhooks = List.copyOf(Objects.requireNonNull(webhooks, "webhooks"));
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(runtimeName, "runtimeName");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new IllegalArgumentException("metricsPort must be 0..65535, was " + metricsPort);
    }
  }

  /**
   * No files, embedded, embedded broker, topic {@code orkestra.reconcile}, runtime name
   * {@code orkestra}, read-back on, no webhooks, no metrics endpoint.
   *
   * @return the defaults
   */
  public static RunConfig defaults() {
    return new RunConfig(List.of(), true, null, DEFAULT_TOPIC, "orkestra", true, List.of(), null, null, null, null, null, null, null);
  }

  /**
   * Copy with other files.
   *
   * @param f the files
   * @return the copy
   */
  public RunConfig withFiles(List<Path> f) {
    return new RunConfig(f, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with embedded mode on or off.
   *
   * @param e embedded
   * @return the copy
   */
  public RunConfig withEmbedded(boolean e) {
    return new RunConfig(files, e, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with a Kafka bootstrap server list.
   *
   * @param servers {@code host:port[,host:port]}, or {@code null} for an embedded broker
   * @return the copy
   */
  public RunConfig withBootstrapServers(@Nullable String servers) {
    return new RunConfig(files, embedded, servers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with another topic.
   *
   * @param t the topic
   * @return the copy
   */
  public RunConfig withTopic(String t) {
    return new RunConfig(files, embedded, bootstrapServers, t, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with another runtime name.
   *
   * @param name the name
   * @return the copy
   */
  public RunConfig withRuntimeName(String name) {
    return new RunConfig(files, embedded, bootstrapServers, topic, name, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with read-back on or off.
   *
   * @param r read back
   * @return the copy
   */
  public RunConfig withReadBack(boolean r) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, r, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with other webhook URLs.
   *
   * @param urls http or https URLs
   * @return the copy
   */
  public RunConfig withWebhooks(List<String> urls) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, urls, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with another webhook secret file.
   *
   * @param file the file, {@code null} for unsigned requests
   * @return the copy
   */
  public RunConfig withWebhookSecretFile(@Nullable Path file) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, file, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with another spill directory.
   *
   * @param dir the directory, {@code null} for no spill
   * @return the copy
   */
  public RunConfig withSpillDir(@Nullable Path dir) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, dir, kubeconfig, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with an explicit kubeconfig file (cluster mode); {@code null} uses fabric8's defaults
   * ({@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster service account).
   *
   * @param file the kubeconfig
   * @return the copy
   */
  public RunConfig withKubeconfig(@Nullable Path file) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, file, applyStrategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with an explicit apply strategy; {@code null} picks server-side apply on clusters and
   * {@code UPDATE} for the in-process API server (which has no server-side apply).
   *
   * @param strategy the strategy
   * @return the copy
   */
  public RunConfig withApplyStrategy(io.orkestra.watch.@Nullable ApplyStrategy strategy) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, strategy, metricsPort, leaderElection, registry);
  }

  /**
   * Copy with a metrics endpoint on another port.
   *
   * @param port the port ({@code 0} = any free port), {@code null} for no endpoint
   * @return the copy
   */
  public RunConfig withMetricsPort(@Nullable Integer port) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, port, leaderElection, registry);
  }

  /**
   * Copy with leader election: the runtime reconciles only while it holds the Lease; followers
   * keep watching.
   *
   * @param election the Lease and timings, {@code null} to always reconcile
   * @return the copy
   */
  public RunConfig withLeaderElection(io.orkestra.watch.@Nullable LeaderElectionOptions election) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, election, registry);
  }

  /**
   * Copy with other options for registry imports.
   *
   * @param options cache, mirrors and mirror-only for registry imports, {@code null} for the
   *     defaults
   * @return the copy
   */
  public RunConfig withRegistry(io.orkestra.oci.@Nullable OciOptions options) {
    return new RunConfig(files, embedded, bootstrapServers, topic, runtimeName, readBack, webhooks, webhookSecretFile, spillDir, kubeconfig, applyStrategy, metricsPort, leaderElection, options);
  }
}

package io.orkestra.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DeliveryResult;
import io.orkestra.core.Notifier;
import io.orkestra.core.OperatorRuntime;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ReconcileResult;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.RuntimeOptions;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.oci.OciOptions;
import io.orkestra.runtime.internal.RegistryImports;
import io.orkestra.notify.EmbeddedKafka;
import io.orkestra.notify.Notifiers;
import io.orkestra.notify.SpillOptions;
import io.orkestra.notify.TailedEvent;
import io.orkestra.notify.WebhookOptions;
import io.orkestra.runtime.internal.EmbeddedApiServer;
import io.orkestra.runtime.internal.Listeners;
import io.orkestra.runtime.internal.ReconcileMetrics;
import io.orkestra.watch.KubernetesWatchSources;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A running Orkestra runtime: every loaded operator's watch → queue → reconcile → publish pipeline,
 * on one Vert.x instance and one Kubernetes client.
 *
 * <p>{@link #start(RunConfig)} blocks until the runtime is up (servers started, CRDs installed in
 * embedded mode, pipelines subscribed) and is meant for {@code main} methods and benchmarks; the
 * pipelines themselves never block an event loop. A Katalog that does not load is reported in
 * {@link #loadErrors()} and skipped; the others run.
 */
public final class OrkestraRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OrkestraRuntime.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final RunConfig config;
  private final List<CompiledOperator> operators;
  private final List<String> loadErrors;
  private final Listeners<ReconcileResult> results = new Listeners<>();
  private final Listeners<DeliveryResult> deliveries = new Listeners<>();
  private final Listeners<TailedEvent> readBack = new Listeners<>();
  private final List<Disposable> running = new ArrayList<>();
  private @Nullable EmbeddedApiServer apiServer;
  private @Nullable EmbeddedKafka broker;
  private @Nullable KubernetesClient client;
  private @Nullable Vertx vertx;
  private final List<Notifier> sinks = new ArrayList<>();
  private final List<WebhookOptions> webhooks;
  private @Nullable KubernetesWatchSources sources;
  private String bootstrapServers = "";
  private final OperatorRuntime loop;
  private final ReconcileMetrics metrics;
  private int metricsPort = -1;

  private OrkestraRuntime(RunConfig config, List<CompiledOperator> operators, List<String> errors,
      List<WebhookOptions> webhooks) {
    this.config = config;
    this.webhooks = List.copyOf(webhooks);
    this.operators = List.copyOf(operators);
    this.loadErrors = List.copyOf(errors);
    OperatorRuntime[] self = new OperatorRuntime[1];
    this.metrics = new ReconcileMetrics(() -> self[0] == null ? List.of() : self[0].stats());
    this.loop = OperatorRuntime.create(RuntimeOptions.defaults()
        .withRuntimeName(config.runtimeName())
        .withListener(new LoggingListener(metrics)));
    self[0] = loop;
  }

  /**
   * Loads the Katalogs only (no servers, no cluster). Useful to validate before starting.
   *
   * @param files Katalog files or directories
   * @param errors receives one message per file that failed to load
   * @return the operators of the files that loaded
   */
  public static List<CompiledOperator> load(List<Path> files, List<String> errors) {
    return load(files, OciOptions.defaults(), errors);
  }

  /**
   * Loads the Katalogs only, resolving registry imports with {@code registry} (cache, mirrors,
   * mirror-only); the lock file is the {@code orkestra.lock} next to each entry unless {@code
   * registry} names one.
   *
   * @param files Katalog files or directories
   * @param registry options for registry imports
   * @param errors receives one message per file that failed to load
   * @return the operators of the files that loaded
   */
  public static List<CompiledOperator> load(List<Path> files, OciOptions registry, List<String> errors) {
    List<CompiledOperator> ops = new ArrayList<>();
    for (Path f : files) {
      try {
        try (RegistryImports imports = RegistryImports.forEntry(f, registry)) {
          ops.addAll(KatalogInterpreter.load(f, imports.loadOptions()));
        }
      } catch (OrkestraException e) {
        errors.add(e.getMessage());
      }
    }
    return ops;
  }

  /**
   * Starts a runtime: loads the Katalogs, starts the embedded API server and broker when asked,
   * installs CRDs (embedded mode, or when the entry names a {@code crdFile}), starts every
   * operator's pipeline and the event sink. Custom resources from {@code crFiles} are applied by
   * {@link #applyCrFiles()}. Blocking; call it from {@code main}, never from an event loop.
   *
   * @param config what to run
   * @return the running runtime; {@link #close()} stops it
   * @throws OrkestraException when no Katalog loads or a server cannot start
   */
  public static OrkestraRuntime start(RunConfig config) {
    Objects.requireNonNull(config, "config");
    List<String> errors = new ArrayList<>();
    List<CompiledOperator> ops = load(config.files(),
        config.registry() == null ? OciOptions.defaults() : config.registry(), errors);
    if (ops.isEmpty()) {
      throw new OrkestraException(
          errors.isEmpty() ? "no operator to run: the Katalogs declare no enabled CRD" : String.join("\n", errors));
    }
    OrkestraRuntime runtime = new OrkestraRuntime(config, ops, errors, webhookOptions(config));
    try {
      runtime.startServers();
      runtime.startPipelines();
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /**
   * The options of every configured webhook: structured CloudEvents, signed with the secret of
   * {@link RunConfig#webhookSecretFile()}, spilling under {@link RunConfig#spillDir()}. Blocking
   * (reads the secret file).
   *
   * @param config the run configuration
   * @return one options record per URL, in order
   * @throws OrkestraException for a bad URL or an unreadable or empty secret file (the message
   *     never includes the secret)
   */
  public static List<WebhookOptions> webhookOptions(RunConfig config) {
    String secret = null;
    Path secretFile = config.webhookSecretFile();
    if (secretFile != null) {
      try {
        secret = Files.readString(secretFile, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
      } catch (java.io.IOException e) {
        throw new OrkestraException("cannot read the webhook secret file " + secretFile + ": "
            + e.getClass().getSimpleName());
      }
      if (secret.isEmpty()) {
        throw new OrkestraException("the webhook secret file " + secretFile + " is empty");
      }
    }
    List<WebhookOptions> out = new ArrayList<>();
    for (String url : config.webhooks()) {
      WebhookOptions options;
      try {
        options = WebhookOptions.to(url).withSecret(secret);
      } catch (IllegalArgumentException e) {
        throw new OrkestraException("--webhook: " + e.getMessage());
      }
      for (WebhookOptions earlier : out) {
        if (earlier.sinkName().equals(options.sinkName())) {
          throw new OrkestraException("--webhook: " + options.sinkName().substring("webhook:".length())
              + " is given twice (URLs that differ only in user info or query count as the same webhook)");
        }
      }
      Path spill = config.spillDir();
      if (spill != null) {
        String dir = options.sinkName().replaceAll("[^A-Za-z0-9._-]", "_")
            + "-" + Integer.toHexString(url.hashCode());
        options = options.withSpill(SpillOptions.in(spill.resolve(dir)));
      }
      out.add(options);
    }
    return out;
  }

  private void startServers() {
    vertx = Vertx.vertx();
    Mono<String> kafka;
    if (config.bootstrapServers() != null) {
      kafka = Mono.just(config.bootstrapServers());
    } else if (config.embedded()) {
      kafka = Notifiers.startEmbeddedBroker(io.orkestra.notify.BrokerOptions.defaults())
          .doOnNext(b -> broker = b)
          .map(EmbeddedKafka::bootstrapServers);
    } else {
      throw new OrkestraException("no Kafka broker: pass --bootstrap-server HOST:PORT (or --embedded)");
    }
    Mono<KubernetesClient> kube;
    if (config.embedded()) {
      kube = Mono.fromCallable(() -> {
            apiServer = EmbeddedApiServer.start();
            return apiServer.client();
          })
          .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    } else {
      kube = Mono.fromCallable(() -> clusterClient(config.kubeconfig()))
          .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }
    var started = Mono.zip(kafka, kube).block(START_TIMEOUT);
    if (started == null) {
      throw new OrkestraException("runtime did not start within " + START_TIMEOUT);
    }
    bootstrapServers = started.getT1();
    client = started.getT2();
    if (apiServer != null) {
      LOG.info("in-process Kubernetes API server at {}", apiServer.url());
    }
    LOG.info("Kafka bootstrap servers {} (topic {})", bootstrapServers, config.topic());
    sources = KubernetesWatchSources.create(client, io.orkestra.watch.WatchOptions.defaults()
        .withApplyStrategy(config.applyStrategy() != null
            ? config.applyStrategy()
            : config.embedded()
                ? io.orkestra.watch.ApplyStrategy.UPDATE
                : io.orkestra.watch.ApplyStrategy.SERVER_SIDE_APPLY));
    for (CompiledOperator op : operators) {
      if (config.embedded() || op.spec().crd().isPresent()) {
        sources.installCrd(op.spec()).block(START_TIMEOUT);
      }
    }
  }

  private static KubernetesClient clusterClient(@Nullable Path kubeconfig) throws java.io.IOException {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    if (!Files.isRegularFile(kubeconfig)) {
      throw new OrkestraException("kubeconfig not found: " + kubeconfig);
    }
    return new KubernetesClientBuilder()
        .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  private void startPipelines() {
    KubernetesWatchSources src = Objects.requireNonNull(sources);
    Vertx vx = Objects.requireNonNull(vertx);
    if (config.readBack()) {
      running.add(
          Notifiers.tail(vx, io.orkestra.notify.TailOptions.defaults()
                  .withBootstrapServers(bootstrapServers)
                  .withTopic(config.topic())
                  .withFromBeginning(readBackFromBeginning()))
              .subscribe(readBack::emit, e -> LOG.error("reading events back from Kafka failed: {}", e.getMessage())));
    }
    sinks.add(Notifiers.kafka(vx, io.orkestra.notify.KafkaSinkOptions.defaults()
        .withBootstrapServers(bootstrapServers)
        .withTopic(config.topic())));
    for (WebhookOptions w : webhooks) {
      sinks.add(Notifiers.webhook(vx, w));
      LOG.info("events also go to {}", w.sinkName());
    }
    startMetricsServer(vx);
    var applier = src.applier();
    Flux<ReconcileEvent> events =
        Flux.merge(
                operators.stream()
                    .map(op -> loop.run(op, src.watch(op.spec()), applier)
                        .onErrorResume(e -> {
                          LOG.error("operator {} stopped: {}", op.spec().name(), e.getMessage());
                          return Flux.empty();
                        }))
                    .toList())
            .doOnNext(this::logResult)
            .doOnNext(results::emit)
            .filter(ReconcileResult::publishable)
            .map(ReconcileResult::event);
    // every sink sees every event; the slowest sink's demand paces the pipeline (a webhook that
    // is down spills to disk instead of slowing it, when a spill directory is configured)
    Flux<ReconcileEvent> shared = sinks.size() == 1 ? events : events.publish(32).autoConnect(sinks.size());
    running.add(
        Flux.merge(sinks.stream().map(sink -> sink.publish(shared)).toList())
            .doOnNext(d -> {
              if (!d.delivered()) {
                LOG.error("event {} for {} not delivered to {}: {}", d.event().id(), d.event().key(), d.sink(),
                    d.error().map(Throwable::getMessage).orElse("?"));
              }
            })
            .subscribe(deliveries::emit, e -> LOG.error("event sink stopped: {}", e.getMessage())));
  }

  /** Feeds the metrics and logs what an operator should see: health changes and drops. */
  private static final class LoggingListener implements io.orkestra.core.ReconcileListener {
    private final ReconcileMetrics metrics;

    LoggingListener(ReconcileMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public void onReconciled(String operator, ResourceKey key, io.orkestra.core.Outcome outcome,
        Duration duration) {
      metrics.onReconciled(operator, key, outcome, duration);
    }

    @Override
    public void onRetryScheduled(String operator, ResourceKey key, int attempt, Duration delay) {
      metrics.onRetryScheduled(operator, key, attempt, delay);
    }

    @Override
    public void onRequeueScheduled(String operator, ResourceKey key, Duration delay) {
      metrics.onRequeueScheduled(operator, key, delay);
    }

    @Override
    public void onDropped(String operator, ResourceKey key) {
      metrics.onDropped(operator, key);
      LOG.warn("operator {}: queue full (queue.maxDepth), dropped the trigger for {};"
          + " the next resync brings it back", operator, key);
    }

    @Override
    public void onHealthChanged(String operator, io.orkestra.core.HealthState state) {
      metrics.onHealthChanged(operator, state);
      if (state == io.orkestra.core.HealthState.DEGRADED) {
        LOG.warn("operator {} is degraded: a resource reached queue.failureThreshold consecutive"
            + " failures", operator);
      } else {
        LOG.info("operator {} is {}", operator, state.wireName());
      }
    }
  }

  private void startMetricsServer(Vertx vx) {
    Integer port = config.metricsPort();
    if (port == null) {
      return;
    }
    var server = vx.createHttpServer().requestHandler(req -> {
      if ("/metrics".equals(req.path()) && req.method() == io.vertx.core.http.HttpMethod.GET) {
        req.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(metrics.scrape());
      } else {
        req.response().setStatusCode(404).end("not found: only GET /metrics is served here\n");
      }
    });
    var bound = Mono.fromCompletionStage(() -> server.listen(port, "0.0.0.0").toCompletionStage())
        .onErrorMap(e -> new OrkestraException(
            "cannot serve metrics on port " + port + ": " + e.getMessage(), e))
        .block(START_TIMEOUT);
    metricsPort = Objects.requireNonNull(bound, "metrics server").actualPort();
    LOG.info("Prometheus metrics at http://localhost:{}/metrics", metricsPort);
  }

  /**
   * The port the Prometheus {@code /metrics} endpoint listens on.
   *
   * @return the port, or {@code -1} without {@link RunConfig#metricsPort()}
   */
  public int metricsPort() {
    return metricsPort;
  }

  /**
   * The current metrics in the Prometheus text format (what {@code GET /metrics} returns):
   * {@code orkestra_reconcile_total{operator,outcome}}, {@code
   * orkestra_reconcile_duration_seconds} (histogram), {@code orkestra_reconcile_retries_total},
   * {@code orkestra_requeues_total}, {@code orkestra_queue_dropped_total}, {@code
   * orkestra_queue_depth}, {@code orkestra_reconciles_in_flight}, {@code
   * orkestra_operator_failing_keys} and {@code orkestra_operator_health{operator,state}}.
   *
   * @return the exposition text
   */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  /**
   * Health, queue depth and reconciles in flight of every running operator.
   *
   * @return one snapshot per operator
   */
  public List<io.orkestra.core.OperatorStats> operatorStats() {
    return loop.stats();
  }

  /**
   * Applies the custom resources named by every operator's {@code crFiles} (Orkestra's dev
   * shortcut), in order. Call it after subscribing to {@link #results()} or {@link #readBack()} so
   * nothing is missed.
   *
   * @return the keys of the applied objects; errors naming the file that could not be applied
   */
  public Mono<List<ResourceKey>> applyCrFiles() {
    return Flux.fromIterable(operators)
        .concatMap(op -> Flux.fromIterable(op.spec().crFiles()))
        .concatMap(this::applyFile)
        .flatMapIterable(keys -> keys)
        .collectList();
  }

  private void logResult(ReconcileResult r) {
    ReconcileEvent e = r.event();
    if (e.error() != null) {
      LOG.warn("reconcile of {} failed (will retry): {}", e.key(), e.error());
    }
  }

  /**
   * Applies every manifest of a YAML file (create or update), e.g. custom resources.
   *
   * @param file a (multi-document) YAML file
   * @return the keys of the applied objects; errors with a message naming the file
   */
  public Mono<List<ResourceKey>> applyFile(Path file) {
    return Mono.fromCallable(() -> {
          if (!Files.isRegularFile(file)) {
            throw new OrkestraException("custom resource file not found: " + file);
          }
          return KatalogInterpreter.readManifests(file);
        })
        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
        .flatMapMany(Flux::fromIterable)
        .concatMap(this::apply)
        .collectList()
        .onErrorMap(e -> !(e instanceof OrkestraException),
            e -> new OrkestraException("cannot apply " + file + ": " + e.getMessage(), e));
  }

  /**
   * Applies one manifest (create or update).
   *
   * @param manifest the object
   * @return its key once written
   */
  public Mono<ResourceKey> apply(ObjectNode manifest) {
    return Objects.requireNonNull(sources, "not started").applyManifest(manifest);
  }

  /**
   * Every reconcile result, as they happen. Hot: only results after subscription are seen.
   *
   * @return the results
   */
  public Flux<ReconcileResult> results() {
    return results.flux();
  }

  /**
   * Every delivery to an event sink (one per published event and sink: Kafka and each webhook).
   * Hot.
   *
   * @return the delivery results
   */
  public Flux<DeliveryResult> deliveries() {
    return deliveries.flux();
  }

  /**
   * The names of the sinks besides Kafka that every event is delivered to ({@link
   * DeliveryResult#sink()} of their results), e.g. {@code webhook:http://host/path}.
   *
   * @return the webhook sink names, in configuration order
   */
  public List<String> webhookSinks() {
    return webhooks.stream().map(WebhookOptions::sinkName).toList();
  }

  /**
   * Events read back from the Kafka topic (when {@link RunConfig#readBack()}). Hot.
   *
   * @return the consumed events
   */
  public Flux<TailedEvent> readBack() {
    return readBack.flux();
  }

  /**
   * Whether read-back starts at the beginning of the topic. In embedded mode it does (the API
   * server is new, so every event on a new broker is this run's; with {@code --bootstrap-server}
   * an existing topic's history is printed too); against a cluster it starts at the end, and
   * events published before the consumer is assigned its partitions are not read back.
   *
   * @return {@code true} in embedded mode
   */
  public boolean readBackFromBeginning() {
    return config.embedded();
  }

  /**
   * The operators that loaded.
   *
   * @return the operators
   */
  public List<CompiledOperator> operators() {
    return operators;
  }

  /**
   * One message per Katalog file that failed to load (those operators do not run).
   *
   * @return the messages
   */
  public List<String> loadErrors() {
    return loadErrors;
  }

  /**
   * The Kafka bootstrap servers events go to.
   *
   * @return {@code host:port}
   */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The Kubernetes client the runtime uses.
   *
   * @return the client
   */
  public KubernetesClient kubernetesClient() {
    return Objects.requireNonNull(client, "not started");
  }

  /** Stops pipelines, sink, servers and Vert.x. Blocking; idempotent. */
  @Override
  public void close() {
    running.forEach(Disposable::dispose);
    running.clear();
    for (Notifier sink : sinks) {
      if (sink instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.debug("closing an event sink: {}", e.getMessage());
        }
      }
    }
    sinks.clear();
    if (client != null) {
      client.close();
    }
    if (apiServer != null) {
      apiServer.close();
      apiServer = null;
    }
    if (broker != null) {
      broker.stop().block(Duration.ofSeconds(30));
      broker = null;
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
      vertx = null;
    }
  }
}

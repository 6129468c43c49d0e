package io.orkestra.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.ConditionNotice;
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
import io.orkestra.katalog.NotificationConfig;
import io.orkestra.notify.EmbeddedKafka;
import io.orkestra.notify.KafkaNotifier;
import io.orkestra.notify.NoticeDelivery;
import io.orkestra.notify.SinkFilter;
import io.orkestra.notify.SinkStats;
import io.orkestra.notify.SlackNotifier;
import io.orkestra.notify.SlackOptions;
import io.orkestra.notify.WebhookNotifier;
import io.orkestra.runtime.internal.ConfigMapThrottleStore;
import io.orkestra.runtime.internal.SinkMetrics;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A running Orkestra runtime: every loaded operator's watch → queue → reconcile → publish pipeline,
 * on one Vert.x instance and one Kubernetes client.
 *
 * <p>Events go to the Kafka topic of {@link RunConfig#topic()}, every {@link RunConfig#webhooks()}
 * URL, and every sink of the Katalogs' {@code notification.sinks} (each only the events its
 * filter passes, see {@link #sinkRoutes()}). When a Katalog declares notification teams, the
 * notices of {@code notify:} conditions of successful reconciles go to Slack, throttled with the
 * state in the ConfigMap {@code orkestra-notify-throttle} of the client's namespace ({@link
 * #notices()}).
 *
 * <p>{@link #start(RunConfig)} blocks until the runtime is up (servers started, CRDs installed in
 * embedded mode, pipelines subscribed) and is meant for {@code main} methods and benchmarks; the
 * pipelines themselves never block an event loop. A Katalog that does not load is reported in
 * {@link #loadErrors()} and skipped; the others run.
 */
public final class OrkestraRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OrkestraRuntime.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  /** How long {@link #close()} waits for each of its steps before it logs and goes on. */
  private static final Duration CLOSE_STEP_TIMEOUT = Duration.ofSeconds(10);

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
  private final SinkMetrics sinkMetrics = new SinkMetrics();
  private final Map<String, Predicate<ReconcileEvent>> routes = new LinkedHashMap<>();
  private static final int NOTICE_BACKLOG = 1024;
  private final Sinks.Many<ConditionNotice> noticeQueue = Sinks.many().unicast()
      .onBackpressureBuffer(new java.util.concurrent.ArrayBlockingQueue<>(NOTICE_BACKLOG));
  private final Listeners<NoticeDelivery> noticeDeliveries = new Listeners<>();
  private @Nullable SlackNotifier slack;
  private int metricsPort = -1;
  private final io.orkestra.core.Leadership leadership;
  private final java.util.Set<String> stoppedOperators = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean started;
  private final io.orkestra.runtime.internal.HealthEndpoints probes;
  private @Nullable Disposable campaign;

  private OrkestraRuntime(RunConfig config, List<CompiledOperator> operators, List<String> errors,
      List<WebhookOptions> webhooks) {
    this.config = config;
    this.webhooks = List.copyOf(webhooks);
    this.operators = List.copyOf(operators);
    this.loadErrors = List.copyOf(errors);
    this.leadership = config.leaderElection() == null
        ? io.orkestra.core.Leadership.always()
        : io.orkestra.core.Leadership.awaiting();
    OperatorRuntime[] self = new OperatorRuntime[1];
    this.metrics = new ReconcileMetrics(() -> self[0] == null ? List.of() : self[0].stats());
    this.loop = OperatorRuntime.create(RuntimeOptions.defaults()
        .withRuntimeName(config.runtimeName())
        .withLeadership(leadership)
        .withListener(new LoggingListener(metrics)));
    self[0] = loop;
    this.probes = new io.orkestra.runtime.internal.HealthEndpoints(
        loop::stats, () -> started, leadership::isLeader, () -> java.util.Set.copyOf(stoppedOperators));
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
      runtime.started = true;
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
    List<Route> routed = new ArrayList<>();
    KafkaNotifier main = Notifiers.kafka(vx, io.orkestra.notify.KafkaSinkOptions.defaults()
        .withBootstrapServers(bootstrapServers)
        .withTopic(config.topic()));
    routed.add(new Route(main.sink(), main, e -> true, null));
    for (WebhookOptions w : webhooks) {
      WebhookNotifier n = Notifiers.webhook(vx, w);
      routed.add(new Route(n.sink(), n, e -> true, n::stats));
      LOG.info("events also go to {}", w.sinkName());
    }
    routed.addAll(katalogSinks(vx, routed));
    for (Route r : routed) {
      sinks.add(r.notifier());
      sinkMetrics.register(r.name(), r.stats());
      if (!r.name().equals(main.sink())) {
        routes.put(r.name(), r.filter());
      }
    }
    metrics.withSinks(sinkMetrics);
    startMetricsServer(vx);
    startSlack(vx);
    var applier = src.applier();
    Flux<ReconcileEvent> events =
        Flux.merge(
                operators.stream()
                    .map(op -> loop.run(op, src.watch(op.spec()), applier)
                        .onErrorResume(e -> {
                          stoppedOperators.add(op.spec().name());
                          LOG.error("operator {} stopped: {}", op.spec().name(), e.getMessage());
                          return Flux.empty();
                        }))
                    .toList())
            .doOnNext(this::logResult)
            .doOnNext(this::offerNotices)
            .doOnNext(results::emit)
            .filter(ReconcileResult::publishable)
            .map(ReconcileResult::event);
    // every sink sees every event its filter passes; the slowest sink's demand paces the pipeline
    // (a webhook that is down spills to disk instead of slowing it, when a spill directory is
    // configured)
    Flux<ReconcileEvent> shared =
        routed.size() == 1 ? events : events.publish(32).autoConnect(routed.size());
    running.add(
        Flux.merge(routed.stream()
                .map(r -> r.notifier().publish(
                    shared.filter(r.filter()).doOnNext(e -> sinkMetrics.onOffered(r.name()))))
                .toList())
            .doOnNext(sinkMetrics::onDelivery)
            .doOnNext(d -> {
              if (!d.delivered()) {
                LOG.error("event {} for {} not delivered to {}: {}", d.event().id(), d.event().key(), d.sink(),
                    d.error().map(Throwable::getMessage).orElse("?"));
              }
            })
            .subscribe(deliveries::emit, e -> LOG.error("event sink stopped: {}", e.getMessage())));
    io.orkestra.watch.LeaderElectionOptions election = config.leaderElection();
    if (election != null) {
      // the watches above run already (caches warm); reconciles wait for the Lease
      LOG.info("leader election on Lease {}/{} as {}: reconciling only while leading",
          election.namespace(), election.leaseName(), election.identity());
      campaign = src.campaign(election, leadership);
    }
  }

  /**
   * Whether this runtime reconciles now: always without leader election, otherwise while it holds
   * the Lease ({@link RunConfig#leaderElection()}).
   *
   * @return {@code true} while leading
   */
  public boolean isLeader() {
    return leadership.isLeader();
  }

  /** A sink with the events it receives and its own counters, when it has them. */
  private record Route(String name, Notifier notifier, Predicate<ReconcileEvent> filter,
      @Nullable Supplier<SinkStats> stats) {}

  /**
   * The sinks of the Katalogs' {@code notification.sinks}, once per name. A sink that duplicates
   * the main topic or a {@code --webhook} is skipped (it already receives every event).
   */
  private List<Route> katalogSinks(Vertx vx, List<Route> existing) {
    Map<String, NotificationConfig.EventSink> byName = new LinkedHashMap<>();
    for (CompiledOperator op : operators) {
      for (NotificationConfig.EventSink s : KatalogInterpreter.notification(op).sinks()) {
        NotificationConfig.EventSink first = byName.putIfAbsent(s.name(), s);
        if (first != null && !first.equals(s)) {
          LOG.warn("notification sink '{}' is declared differently by two Katalogs; the first wins",
              s.name());
        }
      }
    }
    List<Route> out = new ArrayList<>();
    java.util.Set<String> taken = new java.util.HashSet<>();
    existing.forEach(r -> taken.add(r.name()));
    for (NotificationConfig.EventSink s : byName.values()) {
      SinkFilter filter = new SinkFilter(s.crds(), s.namespaces(), s.outcomes());
      if (s.kind() == NotificationConfig.SinkKind.KAFKA) {
        KafkaNotifier n = Notifiers.kafka(vx, io.orkestra.notify.KafkaSinkOptions.defaults()
            .withBootstrapServers(bootstrapServers)
            .withTopic(s.target()));
        if (!taken.add(n.sink())) {
          LOG.warn("notification sink '{}': {} already receives every event; skipped", s.name(), n.sink());
          n.close();
          continue;
        }
        out.add(new Route(n.sink(), n, filter::matches, null));
      } else {
        String url = resolveEnv(s.target());
        if (url == null) {
          throw new OrkestraException("notification sink '" + s.name() + "': environment variable "
              + s.target() + " is not set");
        }
        WebhookOptions options;
        try {
          options = katalogWebhook(config, url);
        } catch (IllegalArgumentException e) {
          throw new OrkestraException("notification sink '" + s.name() + "': " + e.getMessage());
        }
        if (!taken.add(options.sinkName())) {
          LOG.warn("notification sink '{}': {} already receives every event; skipped", s.name(),
              options.sinkName());
          continue;
        }
        WebhookNotifier n = Notifiers.webhook(vx, options);
        out.add(new Route(n.sink(), n, filter::matches, n::stats));
      }
      LOG.info("events matching {} also go to {}", s.name(), out.get(out.size() - 1).name());
    }
    return out;
  }

  private static @Nullable String resolveEnv(String value) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))").matcher(value);
    if (!m.matches()) {
      return value;
    }
    String v = System.getenv(m.group(1) != null ? m.group(1) : m.group(2));
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Options of a Katalog webhook sink: signed and spilled like the {@code --webhook} ones. */
  private static WebhookOptions katalogWebhook(RunConfig config, String url) {
    RunConfig one = config.withWebhooks(List.of(url));
    return webhookOptions(one).get(0);
  }

  /**
   * Starts the Slack notifier when a Katalog declares notification teams: notices of successful
   * reconciles go to it, throttled with the state in the ConfigMap {@value
   * ConfigMapThrottleStore#NAME} of the client's namespace.
   */
  private void startSlack(Vertx vx) {
    boolean teams = operators.stream()
        .map(KatalogInterpreter::notification)
        .anyMatch(c -> c.enabled() && !c.teams().isEmpty());
    if (!teams) {
      return;
    }
    KubernetesClient kube = Objects.requireNonNull(client);
    String namespace = ConfigMapThrottleStore.namespaceOf(kube);
    SlackNotifier n = Notifiers.slack(vx, SlackOptions.defaults(),
        new ConfigMapThrottleStore(kube, namespace, java.time.Clock.systemUTC()));
    slack = n;
    LOG.info("condition notifications go to Slack; throttle state in ConfigMap {}/{}", namespace,
        ConfigMapThrottleStore.NAME);
    running.add(n.publish(noticeQueue.asFlux())
        .doOnNext(sinkMetrics::onNotice)
        .doOnNext(d -> {
          if (d.status() == NoticeDelivery.Status.FAILED || d.status() == NoticeDelivery.Status.SKIPPED) {
            LOG.warn("notification to team {} for {} {}: {}", d.notice().team(), d.notice().key(),
                d.status().name().toLowerCase(java.util.Locale.ROOT), d.detail());
          }
        })
        .subscribe(noticeDeliveries::emit, e -> LOG.error("notifications stopped: {}", e.getMessage())));
  }

  /** Hands the notices of a reconcile to the Slack notifier (dropped, logged, when it lags far behind). */
  private void offerNotices(ReconcileResult r) {
    if (r.notices().isEmpty() || slack == null) {
      return;
    }
    for (ConditionNotice notice : r.notices()) {
      Sinks.EmitResult result;
      synchronized (noticeQueue) {
        result = noticeQueue.tryEmitNext(notice);
      }
      if (result.isFailure()) {
        LOG.warn("notification to team {} for {} dropped: {} notices are waiting", notice.team(),
            notice.key(), NOTICE_BACKLOG);
      }
    }
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
      var probe = req.method() == io.vertx.core.http.HttpMethod.GET
          ? probes.answer(req.path()) : java.util.Optional.<io.orkestra.runtime.internal.HealthEndpoints.Answer>empty();
      if ("/metrics".equals(req.path()) && req.method() == io.vertx.core.http.HttpMethod.GET) {
        req.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(metrics.scrape());
      } else if (probe.isPresent()) {
        req.response()
            .setStatusCode(probe.get().status())
            .putHeader("Content-Type", "application/json")
            .end(probe.get().body());
      } else {
        req.response().setStatusCode(404)
            .end("not found: GET /metrics, /startup, /health and /ready are served here\n");
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
   * orkestra_operator_failing_keys}, {@code orkestra_operator_health{operator,state}}, per event
   * sink {@code orkestra_sink_events_published_total}, {@code _failed_total}, {@code
   * _spilled_total}, {@code _replayed_total}, {@code orkestra_sink_events_in_flight} and {@code
   * orkestra_sink_spill_bytes} (label {@code sink}), and {@code
   * orkestra_notifications_total{team,status}}.
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

  /**
   * Lists the custom resources of every running operator, as they are in the API server now, in
   * the namespaces each operator reconciles ({@code namespace}, {@code allowedNamespaces}, {@code
   * restrictedNamespaces}). {@code ork run --until-idle} waits for each of them.
   *
   * <p>Thread: the list requests run on {@code boundedElastic()}; signals there. Errors with an
   * {@link OrkestraException} naming the kind when a list fails.
   *
   * @return the keys; lazy
   */
  public Mono<List<ResourceKey>> listCustomResources() {
    KubernetesClient kube = kubernetesClient();
    return Flux.fromIterable(operators)
        .concatMap(op -> Mono.fromCallable(() -> listOf(kube, op.spec()))
            .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
        .flatMapIterable(keys -> keys)
        .collectList();
  }

  private static List<ResourceKey> listOf(KubernetesClient kube, io.orkestra.core.OperatorSpec spec) {
    var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
        .withGroup(spec.group()).withVersion(spec.version()).withKind(spec.kind())
        .withPlural(spec.plural()).withNamespaced(spec.namespaced()).build();
    var op = kube.genericKubernetesResources(context);
    List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> items;
    try {
      items = (spec.namespaced() ? op.inAnyNamespace().list() : op.list()).getItems();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      throw new OrkestraException("cannot list " + spec.kind() + " (" + spec.group() + "/" + spec.version()
          + "): " + e.getMessage(), e);
    }
    List<ResourceKey> keys = new ArrayList<>();
    for (var item : items) {
      String ns = item.getMetadata().getNamespace() == null ? "" : item.getMetadata().getNamespace();
      if (spec.namespaces().admits(ns)) {
        keys.add(new ResourceKey(spec.group(), spec.version(), spec.kind(), ns, item.getMetadata().getName()));
      }
    }
    return keys;
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
   * The sinks besides the main Kafka topic, each with the events it receives: every {@code
   * --webhook} (all events) and every Katalog {@code notification.sinks} entry (its filter). {@code
   * ork run --until-idle} waits until each has acknowledged every event routed to it.
   *
   * @return filters by sink name ({@link DeliveryResult#sink()}), in configuration order
   */
  public Map<String, Predicate<ReconcileEvent>> sinkRoutes() {
    return java.util.Collections.unmodifiableMap(routes);
  }

  /**
   * What happened to every condition notice ({@code notify:} blocks): sent to Slack, throttled,
   * skipped or failed. Hot; nothing when no Katalog declares notification teams.
   *
   * @return the notice results
   */
  public Flux<NoticeDelivery> notices() {
    return noticeDeliveries.flux();
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

  /**
   * Stops pipelines, sinks, servers and Vert.x. Blocking; idempotent; call it from a thread that
   * may block, never from an event loop.
   *
   * <p>Order: the pipelines are cancelled, then every informer is stopped and waited for (on
   * {@code boundedElastic()}), and only then are the sinks, the Kubernetes client, the in-process
   * API server, the broker and Vert.x closed, so no watch is still closing while the client shuts
   * its executor and HTTP client down. Each step is bounded by {@link #CLOSE_STEP_TIMEOUT}: a step
   * that does not finish in time is logged and left behind (on a daemon thread) instead of hanging
   * the caller.
   */
  @Override
  public void close() {
    running.forEach(Disposable::dispose);
    running.clear();
    if (campaign != null) {
      campaign.dispose(); // after the pipelines stopped: gives the Lease up for the next leader
      campaign = null;
    }
    if (slack != null) {
      try {
        slack.close(); // saves the throttle's pending send times while the client is open
      } catch (RuntimeException e) {
        LOG.warn("stopping the Slack notifier: {}", e.getMessage());
      }
      slack = null;
    }
    KubernetesWatchSources src = sources;
    sources = null;
    if (src != null) {
      try {
        src.stopWatches().block(CLOSE_STEP_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.warn("informers did not stop within {}; closing the client anyway", CLOSE_STEP_TIMEOUT);
      }
    }
    for (Notifier sink : sinks) {
      if (sink instanceof AutoCloseable c) {
        bounded("an event sink", () -> {
          try {
            c.close();
          } catch (Exception e) {
            LOG.debug("closing an event sink: {}", e.getMessage());
          }
        });
      }
    }
    sinks.clear();
    KubernetesClient kube = client;
    client = null;
    EmbeddedApiServer api = apiServer;
    apiServer = null;
    if (kube != null && (api == null || kube != api.client())) {
      bounded("the Kubernetes client", kube::close);
    }
    if (api != null) {
      bounded("the in-process API server", api::close);
    }
    if (broker != null) {
      EmbeddedKafka b = broker;
      broker = null;
      bounded("the embedded Kafka broker", () -> b.stop().block(Duration.ofSeconds(30)),
          Duration.ofSeconds(40));
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
      vertx = null;
    }
  }

  /**
   * Runs one close step on its own daemon thread and waits for it at most {@link
   * #CLOSE_STEP_TIMEOUT}; logs and moves on when it takes longer.
   */
  private static void bounded(String what, Runnable step) {
    bounded(what, step, CLOSE_STEP_TIMEOUT);
  }

  private static void bounded(String what, Runnable step, Duration limit) {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        step.run();
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, "orkestra-close");
    t.setDaemon(true);
    t.start();
    try {
      done.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("closing {} did not finish within {}; going on without it", what, limit);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.debug("closing {}: {}", what, e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

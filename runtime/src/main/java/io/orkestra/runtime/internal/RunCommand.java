package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import io.orkestra.runtime.OrkestraRuntime;
import io.orkestra.runtime.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** {@code ork run}: start the runtime and print reconciliation events read back from Kafka. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Start the runtime for one or more Katalogs and print each reconciliation event as it is read back from Kafka.",
      "With --embedded, an in-process Kubernetes API server and a real Kafka broker (child JVM) are started; "
          + "otherwise the current kubeconfig and --bootstrap-server are used."
    })
public final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR", split = ",",
      description = "Katalog file or directory (repeatable). Default: komposer.yaml, else katalog.yaml, in the current directory.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig for cluster mode (default: KUBECONFIG, ~/.kube/config, or in-cluster).")
  Path kubeconfig;

  @Option(names = "--apply-strategy", paramLabel = "ssa|update",
      description = "How children are written: server-side apply (default on clusters) or read-compare-update (default with --embedded).")
  String applyStrategy;

  @Option(names = "--embedded", description = "Run against an in-process API server and an embedded Kafka broker.")
  boolean embedded;

  @Option(names = "--apply-cr", paramLabel = "FILE", description = "Apply custom resources from FILE after start (repeatable).")
  List<Path> applyCr = new ArrayList<>();

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (required without --embedded).")
  String bootstrapServer;

  @Option(names = "--topic", defaultValue = RunConfig.DEFAULT_TOPIC, description = "Kafka topic for reconciliation events (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--name", defaultValue = "orkestra", description = "Runtime name used in event sources (default: ${DEFAULT-VALUE}).")
  String runtimeName;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
      description = "Event output: a short line (text) or the CloudEvent as one JSON line (json). Logs go to stderr.")
  String output;

  @Option(names = "--until-idle",
      description = "Exit 0 once every custom resource (from crFiles, --apply-cr, and every one already in the API server at "
          + "start) is reconciled, every operator's queue is empty and every event acknowledged by Kafka, every webhook "
          + "and every Katalog notification sink its filter routes it to.")
  boolean untilIdle;

  @Option(names = "--timeout", defaultValue = "120s", paramLabel = "DURATION",
      description = "With --until-idle: fail if not idle within this time (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "Also POST every event to URL as a CloudEvent (structured JSON; repeatable). 5xx, 408, 429, timeouts "
          + "and connection errors are retried with backoff; --until-idle waits for every webhook too.")
  List<String> webhooks = new ArrayList<>();

  @Option(names = "--webhook-secret-file", paramLabel = "FILE",
      description = "Sign webhook requests: header X-Orkestra-Signature: sha256=<hex HMAC-SHA256 of the body> keyed with "
          + "the content of FILE (a trailing line break is ignored). The secret is never logged.")
  Path webhookSecretFile;

  @Option(names = "--spill-dir", paramLabel = "DIR",
      description = "While a webhook is down, keep its events in checksummed segment files under DIR (one sub-directory "
          + "per webhook, 256 MiB each at most) and deliver them in order once it is back. Without it, an event whose "
          + "retries are exhausted is reported as not delivered.")
  Path spillDir;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics (reconciles by outcome, reconcile duration, queue depth, in flight, "
          + "retries, requeues, dropped triggers, health; per event sink published, failed, spilled, replayed, "
          + "in flight, spill bytes; notifications) at http://HOST:PORT/metrics; 0 picks a free port.")
  Integer metricsPort;

  @Option(names = "--leader-elect", negatable = false,
      description = "Run as one of several replicas: reconcile only while holding the Lease (coordination.k8s.io/v1); followers keep watching.")
  boolean leaderElect;

  @Option(names = "--lease-name", paramLabel = "NAME",
      description = "Lease name for --leader-elect (default: orkestra-<--name>).")
  @Nullable String leaseName;

  @Option(names = "--lease-namespace", paramLabel = "NAMESPACE",
      description = "Lease namespace for --leader-elect (default: $POD_NAMESPACE, else default).")
  @Nullable String leaseNamespace;

  @CommandLine.Mixin private ImportOptions importOptions = new ImportOptions();

  @Option(names = "--dump", paramLabel = "FILE",
      description = "With --until-idle: once idle, write the custom resources and every object of the operators'"
          + " child kinds (all namespaces) to FILE as YAML documents, e.g. to inspect an --embedded run afterwards.")
  Path dump;

  @Option(names = "--no-read-back", negatable = false, description = "Do not consume the topic; print nothing per event.")
  boolean noReadBack;

  private io.orkestra.watch.@Nullable LeaderElectionOptions leaderElection() {
    if (!leaderElect) {
      if (leaseName != null || leaseNamespace != null) {
        throw new OrkestraException("--lease-name and --lease-namespace need --leader-elect");
      }
      return null;
    }
    String ns = leaseNamespace != null ? leaseNamespace
        : System.getenv().getOrDefault("POD_NAMESPACE", "default");
    return io.orkestra.watch.LeaderElectionOptions.of(
        leaseName != null ? leaseName : "orkestra-" + runtimeName, ns, identity());
  }

  /** The pod name on Kubernetes ($HOSTNAME), else host name and process id: unique per replica. */
  private static String identity() {
    String pod = System.getenv("HOSTNAME");
    String base = pod != null && !pod.isBlank() ? pod : "orkestra";
    return base + "-" + ProcessHandle.current().pid();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EventFormat format = EventFormat.parse(output);
    Duration limit = Durations.parse(timeout, "--timeout");
    List<Path> katalogs = resolveFiles();
    for (Path cr : applyCr) {
      if (!Files.isRegularFile(cr)) {
        throw new OrkestraException("custom resource file not found: " + cr);
      }
    }
    if (dump != null && !untilIdle) {
      throw new OrkestraException("--dump needs --until-idle (the objects are written once the run is idle)");
    }
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new OrkestraException("--metrics-port must be a port from 0 to 65535, was " + metricsPort);
    }
    RunConfig config = RunConfig.defaults()
        .withMetricsPort(metricsPort)
        .withFiles(katalogs)
        .withEmbedded(embedded)
        .withBootstrapServers(bootstrapServer)
        .withTopic(topic)
        .withRuntimeName(runtimeName)
        .withReadBack(!noReadBack)
        .withWebhooks(webhooks)
        .withWebhookSecretFile(webhookSecretFile)
        .withSpillDir(spillDir)
        .withKubeconfig(kubeconfig)
        .withApplyStrategy(strategy(applyStrategy))
        .withLeaderElection(leaderElection())
        .withRegistry(importOptions.oci());
    if (embedded && kubeconfig != null) {
      throw new OrkestraException("--kubeconfig and --embedded exclude each other");
    }
    if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
      throw new OrkestraException("kubeconfig not found: " + kubeconfig);
    }
    if (webhookSecretFile != null && webhooks.isEmpty()) {
      throw new OrkestraException("--webhook-secret-file needs at least one --webhook URL");
    }
    // bad URLs and unreadable secret files are bad input: fail before any server starts
    OrkestraRuntime.webhookOptions(config);
    if (!embedded && bootstrapServer == null) {
      throw new OrkestraException("--bootstrap-server HOST:PORT is required without --embedded");
    }
    // fail fast on Katalogs that do not load, before any server starts
    List<String> loadErrors = new ArrayList<>();
    if (OrkestraRuntime.load(katalogs, config.registry(), loadErrors).isEmpty()) {
      throw new OrkestraException(loadErrors.isEmpty() ? "no enabled CRD in " + katalogs : String.join("\n", loadErrors));
    }
    loadErrors.forEach(e -> err.println("error: " + e + " (skipped; other Katalogs keep running)"));

    CountDownLatch done = new CountDownLatch(1);
    List<Disposable> subscriptions = new ArrayList<>();
    try (OrkestraRuntime runtime = OrkestraRuntime.start(config)) {
      // reading back every event is only guaranteed when the read-back starts at the beginning
      IdleTracker idle = new IdleTracker(!noReadBack && runtime.readBackFromBeginning(), runtime.sinkRoutes(),
          () -> runtime.operatorStats().stream().allMatch(s -> s.queueDepth() == 0 && s.inFlight() == 0));
      PrintWriter eventsOut = out;
      subscriptions.add(runtime.results().subscribe(r -> {
        idle.onResult(r);
        check(idle, done);
      }));
      subscriptions.add(runtime.deliveries().subscribe(d -> {
        idle.onDelivery(d);
        check(idle, done);
      }));
      subscriptions.add(runtime.readBack().subscribe(e -> {
        synchronized (eventsOut) {
          eventsOut.println(format.render(e));
          eventsOut.flush();
        }
        idle.onReadBack();
        check(idle, done);
      }));
      List<ResourceKey> crs = runtime.applyCrFiles().block(Duration.ofMinutes(1));
      if (crs != null) {
        crs.forEach(idle::expect);
      }
      for (Path cr : applyCr) {
        List<ResourceKey> keys = runtime.applyFile(cr).block(Duration.ofMinutes(1));
        if (keys != null) {
          keys.forEach(idle::expect);
        }
      }
      // every custom resource already in the API server is waited for too (cluster mode: the
      // resources usually come from elsewhere, not from crFiles)
      List<ResourceKey> present = runtime.listCustomResources().block(Duration.ofMinutes(2));
      if (present != null) {
        present.forEach(idle::expect);
      }
      idle.listed();
      // resources may have been reconciled before they were registered as expected
      subscriptions.add(Flux.interval(Duration.ofMillis(200), Schedulers.parallel()).subscribe(t -> check(idle, done)));
      if (!untilIdle) {
        err.println("ork: running " + runtime.operators().size() + " operator(s); Ctrl-C to stop");
        Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
        done.await();
        return 0;
      }
      if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        err.println("error: not idle after " + timeout + ": " + idle.summary()
            + " (" + idle.published() + " handed to Kafka, " + idle.undelivered() + " failed)");
        for (Map.Entry<ResourceKey, String> p : idle.pending().entrySet()) {
          err.println("  " + p.getKey() + ": " + p.getValue());
        }
        for (io.orkestra.core.OperatorStats s : runtime.operatorStats()) {
          if (s.queueDepth() > 0 || s.inFlight() > 0) {
            err.println("  operator " + s.operator() + ": " + s.queueDepth() + " queued, " + s.inFlight() + " in flight");
          }
        }
        return 1;
      }
      (format == EventFormat.JSON ? err : out).println(idle.summary());
      if (dump != null) {
        int n = ObjectDump.write(runtime.kubernetesClient(), runtime.operators(), dump);
        err.println("ork: wrote " + n + " objects to " + dump);
      }
      return 0;
    } finally {
      subscriptions.forEach(Disposable::dispose);
    }
  }

  private static io.orkestra.watch.@org.jspecify.annotations.Nullable ApplyStrategy strategy(
      @org.jspecify.annotations.Nullable String name) {
    if (name == null) {
      return null;
    }
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "ssa", "server-side-apply" -> io.orkestra.watch.ApplyStrategy.SERVER_SIDE_APPLY;
      case "update" -> io.orkestra.watch.ApplyStrategy.UPDATE;
      default -> throw new OrkestraException("--apply-strategy: unknown strategy '" + name + "' (use ssa or update)");
    };
  }

  private static void check(IdleTracker idle, CountDownLatch done) {
    if (idle.idle()) {
      done.countDown();
    }
  }

  private List<Path> resolveFiles() {
    if (!files.isEmpty()) {
      for (Path f : files) {
        if (!Files.exists(f)) {
          throw new OrkestraException("katalog file not found: " + f);
        }
      }
      return files;
    }
    for (String name : List.of("komposer.yaml", "katalog.yaml")) {
      Path p = Path.of(name);
      if (Files.isRegularFile(p)) {
        return List.of(p);
      }
    }
    throw new OrkestraException("no komposer.yaml or katalog.yaml in the current directory; pass -f FILE");
  }
}

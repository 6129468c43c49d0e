package io.orkestra.notify.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.notify.BrokerOptions;
import io.orkestra.notify.EmbeddedKafka;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Kafka broker (KRaft, combined broker and controller, PLAINTEXT on 127.0.0.1) in a child JVM.
 * {@link #start} is blocking and must run on {@code boundedElastic}.
 */
public final class EmbeddedBroker implements EmbeddedKafka {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** JVM flags of the broker and of the storage formatting run. */
  static final List<String> JVM_FLAGS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** The line the broker logs once it serves clients. */
  static final String STARTED = "Kafka Server started";

  private static final String LOG4J_RESOURCE = "embedded-kafka-log4j2.xml";
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 3;
  private static final SecureRandom RANDOM = new SecureRandom();

  private volatile Process process;
  private final Path workDir;
  private final String bootstrapServers;
  private volatile Thread shutdownHook;
  private final Mono<Void> stop;
  private final String classpath;
  private final Duration startTimeout;
  /** Runs of the broker process so far; run N logs to broker.log (N = 1) or broker-N.log. */
  private int runs = 1;

  private EmbeddedBroker(
      Process process,
      Path workDir,
      int port,
      Thread shutdownHook,
      String classpath,
      Duration startTimeout) {
    this.process = process;
    this.workDir = workDir;
    this.bootstrapServers = "127.0.0.1:" + port;
    this.shutdownHook = shutdownHook;
    this.classpath = classpath;
    this.startTimeout = startTimeout;
    this.stop = Mono.defer(this::terminate).cache();
  }

  /**
   * Resolves the classpath, formats a fresh log directory and starts the broker, waiting until it
   * logs {@value #STARTED}. Blocking.
   *
   * @param options the broker options
   * @param env the environment ({@code System.getenv()} outside tests)
   * @return the running broker
   * @throws OrkestraException when the classpath cannot be found, formatting fails, or the broker
   *     does not start within {@code startTimeout} (the message includes the end of its log)
   */
  public static EmbeddedBroker start(BrokerOptions options, Map<String, String> env) {
    Objects.requireNonNull(options, "options");
    List<String> classpath = BrokerClasspath.resolve(options, env);
    @Nullable OrkestraException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(options, String.join(File.pathSeparator, classpath));
      } catch (PortTakenException e) {
        // a free port chosen by binding port 0 was taken by someone else before the broker bound it
        last = e;
        LOG.debug("embedded Kafka: port clash on attempt {}, retrying", attempt, e);
      }
    }
    throw Objects.requireNonNull(last);
  }

  private static EmbeddedBroker startOnce(BrokerOptions options, String classpath) {
    Path work;
    try {
      work = Files.createTempDirectory("ork-kafka-");
    } catch (IOException e) {
      throw new OrkestraException(
          "embedded Kafka: cannot create a temporary directory: " + e.getMessage(), e);
    }
    @Nullable Process process = null;
    @Nullable Thread hook = null;
    try {
      int[] ports = freePorts(2);
      Path config = work.resolve("server.properties");
      Path log4j = work.resolve("log4j2.xml");
      Files.writeString(
          config,
          render(serverProperties(ports[0], ports[1], work.resolve("data"), options)),
          StandardCharsets.UTF_8);
      Files.write(log4j, resource(LOG4J_RESOURCE));
      long deadline = System.nanoTime() + options.startTimeout().toNanos();

      Path formatLog = work.resolve("format.log");
      Process format =
          new ProcessBuilder(
                  command(
                      classpath,
                      log4j,
                      "kafka.tools.StorageTool",
                      "format",
                      "-t",
                      clusterId(),
                      "-c",
                      config.toString()))
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(formatLog.toFile())
              .start();
      if (!format.waitFor(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
        format.destroyForcibly();
        throw new OrkestraException(
            "embedded Kafka: formatting the log directory took longer than "
                + options.startTimeout()
                + ":\n"
                + Logs.tail(formatLog, 30));
      }
      if (format.exitValue() != 0) {
        throw new OrkestraException(
            "embedded Kafka: formatting the log directory failed with exit code "
                + format.exitValue()
                + ":\n"
                + Logs.tail(formatLog, 30));
      }

      Path brokerLog = work.resolve("broker.log");
      process =
          new ProcessBuilder(command(classpath, log4j, "kafka.Kafka", config.toString()))
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(brokerLog.toFile())
              .start();
      hook = shutdownHook(process, work);
      Runtime.getRuntime().addShutdownHook(hook);
      awaitStarted(process, brokerLog, deadline, options.startTimeout());
      LOG.info(
          "embedded Kafka {} started on 127.0.0.1:{} (pid {})",
          BrokerOptions.KAFKA_VERSION,
          ports[0],
          process.pid());
      return new EmbeddedBroker(process, work, ports[0], hook, classpath, options.startTimeout());
    } catch (IOException e) {
      cleanUp(process, hook, work);
      throw new OrkestraException("embedded Kafka: cannot start the broker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      cleanUp(process, hook, work);
      Thread.currentThread().interrupt();
      throw new OrkestraException("embedded Kafka: interrupted while starting the broker", e);
    } catch (RuntimeException e) {
      cleanUp(process, hook, work);
      throw e;
    }
  }

  private static void awaitStarted(Process process, Path log, long deadline, Duration timeout)
      throws IOException, InterruptedException {
    while (true) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
      if (text.contains(STARTED)) {
        return;
      }
      if (!process.isAlive()) {
        String tail = Logs.tail(log, 40);
        String message =
            "embedded Kafka: the broker exited with code "
                + process.exitValue()
                + " before it started:\n"
                + tail;
        if (text.contains("Address already in use")) {
          throw new PortTakenException(message);
        }
        throw new OrkestraException(message);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new OrkestraException(
            "embedded Kafka: the broker did not log '"
                + STARTED
                + "' within "
                + timeout
                + ":\n"
                + Logs.tail(log, 40));
      }
      Thread.sleep(50);
    }
  }

  private static long remainingNanos(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** {@code java <flags> -cp <classpath> <main> <args>} with the JVM running this code. */
  static List<String> command(String classpath, Path log4j, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(JVM_FLAGS);
    command.add("-Dlog4j2.configurationFile=" + log4j);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  static String javaExecutable() {
    String exe = System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java";
    Path fromHome = Path.of(System.getProperty("java.home"), "bin", exe);
    if (Files.isExecutable(fromHome)) {
      return fromHome.toString();
    }
    return ProcessHandle.current().info().command().orElse(exe);
  }

  /** The {@code server.properties} of a single combined KRaft node on 127.0.0.1. */
  static Map<String, String> serverProperties(
      int brokerPort, int controllerPort, Path logDir, BrokerOptions options) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", Integer.toString(options.partitions()));
    // a single node cannot replicate: internal topics need replication factor 1 and min ISR 1
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // consumer groups join at once instead of waiting 3 s for more members
    p.put("group.initial.rebalance.delay.ms", "0");
    // one partition for __consumer_offsets: the first group is ready in a fraction of the time
    p.put("offsets.topic.num.partitions", "1");
    p.putAll(options.serverProperties());
    return p;
  }

  /** Properties-file text; backslashes are escaped so Windows paths survive. */
  static String render(Map<String, String> properties) {
    StringBuilder out = new StringBuilder("# written by Orkestra-J for an embedded Kafka broker\n");
    properties.forEach(
        (k, v) -> out.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    return out.toString();
  }

  /**
   * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with '-'.
   */
  static String clusterId() {
    byte[] bytes = new byte[16];
    String id;
    do {
      RANDOM.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  /** Ports that were free a moment ago: all bound at once so they differ, then released. */
  static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = EmbeddedBroker.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the notifiers jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Thread shutdownHook(Process process, Path work) {
    return new Thread(
        () -> {
          kill(process);
          deleteQuietly(work);
        },
        "ork-embedded-kafka-shutdown-" + process.pid());
  }

  /** Blocking: SIGTERM, a short wait, then SIGKILL. */
  private static void kill(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void cleanUp(@Nullable Process process, @Nullable Thread hook, Path work) {
    if (process != null) {
      kill(process);
    }
    if (hook != null) {
      removeHook(hook);
    }
    deleteQuietly(work);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs (or ran) anyway
    }
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.debug("embedded Kafka: could not delete {}", dir, e);
    }
  }

  private Mono<Void> terminate() {
    return Mono.fromRunnable(process::destroy)
        .subscribeOn(Schedulers.boundedElastic())
        .then(Mono.fromCompletionStage(process::onExit))
        .timeout(
            STOP_GRACE,
            Mono.defer(
                    () -> {
                      LOG.warn(
                          "embedded Kafka (pid {}) ignored SIGTERM for {}; killing it",
                          process.pid(),
                          STOP_GRACE);
                      process.destroyForcibly();
                      return Mono.fromCompletionStage(process::onExit);
                    })
                // logging writes to a stream: not on the timer's parallel thread
                .subscribeOn(Schedulers.boundedElastic()))
        .publishOn(Schedulers.boundedElastic())
        .then(
            Mono.fromRunnable(
                () -> {
                  removeHook(shutdownHook);
                  deleteQuietly(workDir);
                }));
  }

  @Override
  public Mono<Void> kill() {
    return Mono.defer(
        () -> {
          Process p = process;
          p.destroyForcibly();
          return Mono.fromCompletionStage(p::onExit);
        })
        .publishOn(Schedulers.boundedElastic())
        .then();
  }

  @Override
  public Mono<Void> restart() {
    return Mono.<Void>fromRunnable(this::restartBlocking).subscribeOn(Schedulers.boundedElastic());
  }

  /** Starts a new broker process on the same ports and log directory (no formatting). */
  private synchronized void restartBlocking() {
    if (process.isAlive()) {
      throw new OrkestraException("embedded Kafka: restart needs a stopped broker (pid " + process.pid() + " runs)");
    }
    runs++;
    Path brokerLog = logFile();
    try {
      Process next =
          new ProcessBuilder(
                  command(
                      classpath,
                      workDir.resolve("log4j2.xml"),
                      "kafka.Kafka",
                      workDir.resolve("server.properties").toString()))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(brokerLog.toFile())
              .start();
      Thread hook = shutdownHook(next, workDir);
      removeHook(shutdownHook);
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
      process = next;
      awaitStarted(next, brokerLog, System.nanoTime() + startTimeout.toNanos(), startTimeout);
      LOG.info("embedded Kafka restarted on {} (pid {})", bootstrapServers, next.pid());
    } catch (IOException e) {
      throw new OrkestraException("embedded Kafka: cannot restart the broker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrkestraException("embedded Kafka: interrupted while restarting the broker", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public Path logFile() {
    return workDir.resolve(runs == 1 ? "broker.log" : "broker-" + runs + ".log");
  }

  @Override
  public Mono<Void> stop() {
    return stop;
  }

  @Override
  public void close() {
    stop.block(STOP_GRACE.plusSeconds(20));
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers + ", pid " + process.pid() + "]";
  }

  /** The broker could not bind a port that was free when chosen. */
  static final class PortTakenException extends OrkestraException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}

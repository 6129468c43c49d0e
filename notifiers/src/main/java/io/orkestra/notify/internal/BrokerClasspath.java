package io.orkestra.notify.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.notify.BrokerOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Finds the classpath of the embedded broker: explicit option, {@code ORK_KAFKA_CLASSPATH}, the
 * cached {@code classpath.txt}, or Maven. Blocking: call on {@code boundedElastic} only.
 *
 * <p>Safe under concurrent processes: the pom and {@code classpath.txt} are replaced by atomic
 * moves of temporary files, and resolution runs under an exclusive file lock, re-checking the cache
 * once the lock is held.
 */
final class BrokerClasspath {

  static final String POM_RESOURCE = "embedded-kafka-pom.xml";
  static final String CLASSPATH_FILE = "classpath.txt";
  static final String POM_FILE = "pom.xml";
  static final String LOG_FILE = "resolve.log";

  /** Runs the resolution that writes a classpath file; a seam for tests. */
  @FunctionalInterface
  interface Resolver {
    /**
     * Writes the path-separator-separated broker classpath to {@code output}.
     *
     * @param pom the standalone broker pom
     * @param output where to write
     */
    void buildClasspath(Path pom, Path output) throws IOException, InterruptedException;
  }

  /** Serialises resolution inside this JVM (file locks are per process). */
  private static final Object JVM_LOCK = new Object();

  private final Path home;
  private final Resolver resolver;

  BrokerClasspath(Path home, Resolver resolver) {
    this.home = Objects.requireNonNull(home, "home");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The broker classpath for {@code options}.
   *
   * @param options the broker options
   * @param env the environment ({@code System.getenv()} outside tests)
   * @return the classpath entries, each an existing file
   * @throws OrkestraException when no classpath can be found or resolved
   */
  static List<String> resolve(BrokerOptions options, Map<String, String> env) {
    String explicit = options.classpath();
    String origin = "option classpath";
    if (explicit == null) {
      explicit = env.get(BrokerOptions.ENV_CLASSPATH);
      origin = "environment variable " + BrokerOptions.ENV_CLASSPATH;
    }
    if (explicit != null && !explicit.isBlank()) {
      List<String> entries = split(explicit);
      List<String> missing = missing(entries);
      if (!missing.isEmpty()) {
        throw new OrkestraException(
            "embedded Kafka: " + origin + " names files that do not exist: " + missing);
      }
      return entries;
    }
    Path home = home(options, env);
    Duration timeout = options.resolveTimeout();
    return new BrokerClasspath(
            home, (pom, out) -> maven(env, pom, out, home.resolve(LOG_FILE), timeout))
        .classpath();
  }

  /** The cache directory: option, {@code ORK_KAFKA_HOME}, then {@code ~/.orkestra/...}. */
  static Path home(BrokerOptions options, Map<String, String> env) {
    Path home = options.home();
    if (home != null) {
      return home;
    }
    String fromEnv = env.get(BrokerOptions.ENV_HOME);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(
        System.getProperty("user.home"),
        ".orkestra",
        "embedded-kafka",
        BrokerOptions.KAFKA_VERSION);
  }

  /** The cached classpath if valid, else resolves it (under the locks) and caches it. */
  List<String> classpath() {
    try {
      Files.createDirectories(home);
      Path classpathFile = home.resolve(CLASSPATH_FILE);
      boolean pomChanged = writePom();
      if (!pomChanged) {
        Optional<List<String>> cached = readValid(classpathFile);
        if (cached.isPresent()) {
          return cached.get();
        }
      }
      synchronized (JVM_LOCK) {
        try (FileChannel channel =
            FileChannel.open(
                home.resolve(".resolve.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
          FileLock lock = channel.lock();
          try {
            if (!pomChanged) {
              // another process may have resolved while we waited for the lock
              Optional<List<String>> cached = readValid(classpathFile);
              if (cached.isPresent()) {
                return cached.get();
              }
            }
            Path tmp = home.resolve("classpath-" + UUID.randomUUID() + ".tmp");
            try {
              resolver.buildClasspath(home.resolve(POM_FILE), tmp);
              Optional<List<String>> resolved = readValid(tmp);
              if (resolved.isEmpty()) {
                throw new OrkestraException(
                    "embedded Kafka: Maven produced no usable classpath in "
                        + tmp
                        + " (see "
                        + home.resolve(LOG_FILE)
                        + ")");
              }
              move(tmp, classpathFile);
              return resolved.get();
            } finally {
              Files.deleteIfExists(tmp);
            }
          } finally {
            lock.release();
          }
        }
      }
    } catch (IOException e) {
      throw new OrkestraException(
          "embedded Kafka: cannot prepare the broker classpath in " + home + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrkestraException(
          "embedded Kafka: interrupted while resolving the broker classpath", e);
    }
  }

  /** Writes the shipped pom unless identical; returns whether it changed (cache invalid). */
  private boolean writePom() throws IOException {
    byte[] wanted = pomBytes();
    Path pom = home.resolve(POM_FILE);
    if (Files.isRegularFile(pom) && Arrays.equals(Files.readAllBytes(pom), wanted)) {
      return false;
    }
    Path tmp = home.resolve("pom-" + UUID.randomUUID() + ".tmp");
    try {
      Files.write(tmp, wanted);
      move(tmp, pom);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }

  static byte[] pomBytes() {
    try (InputStream in = BrokerClasspath.class.getResourceAsStream(POM_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + POM_RESOURCE + " missing from the notifiers jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The entries of a classpath file, if it exists, is not empty and every entry exists. */
  static Optional<List<String>> readValid(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> entries = split(Files.readString(file, StandardCharsets.UTF_8));
    if (entries.isEmpty() || !missing(entries).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(entries);
  }

  static List<String> split(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.trim().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    return List.copyOf(entries);
  }

  private static List<String> missing(List<String> entries) {
    List<String> missing = new ArrayList<>();
    for (String entry : entries) {
      if (!Files.exists(Path.of(entry))) {
        missing.add(entry);
      }
    }
    return missing;
  }

  /**
   * Runs {@code mvn dependency:build-classpath}: first offline (no network when the local
   * repository already has the jars), then online.
   */
  static void maven(Map<String, String> env, Path pom, Path output, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Path mvn = findMaven(env, System.getProperty("maven.home"));
    long deadline = System.nanoTime() + timeout.toNanos();
    if (runMaven(mvn, pom, output, log, true, deadline) == 0) {
      return;
    }
    int exit = runMaven(mvn, pom, output, log, false, deadline);
    if (exit != 0) {
      throw new OrkestraException(
          "embedded Kafka: '"
              + mvn
              + " dependency:build-classpath' failed with exit code "
              + exit
              + " (log "
              + log
              + "):\n"
              + Logs.tail(log, 30));
    }
  }

  private static int runMaven(
      Path mvn, Path pom, Path output, Path log, boolean offline, long deadline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(mvn.toString());
    command.add("-q");
    command.add("-B");
    if (offline) {
      command.add("-o");
    }
    command.addAll(
        List.of(
            "-f",
            pom.toString(),
            "dependency:build-classpath",
            "-Dmdep.outputFile=" + output,
            "-Dmdep.includeScope=runtime"));
    Process process =
        new ProcessBuilder(command)
            .directory(pom.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long remaining = deadline - System.nanoTime();
    if (!process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new OrkestraException(
          "embedded Kafka: Maven did not resolve the broker classpath in time (resolveTimeout); log"
              + " "
              + log
              + ":\n"
              + Logs.tail(log, 30));
    }
    return process.exitValue();
  }

  /**
   * Locates {@code mvn}: {@code MAVEN_HOME}, {@code M2_HOME}, the {@code maven.home} system
   * property, then {@code PATH}.
   */
  static Path findMaven(Map<String, String> env, @Nullable String mavenHomeProperty) {
    boolean windows =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    List<String> names = windows ? List.of("mvn.cmd", "mvn.bat", "mvn") : List.of("mvn");
    List<Path> dirs = new ArrayList<>();
    for (String home :
        new String[] {env.get("MAVEN_HOME"), env.get("M2_HOME"), mavenHomeProperty}) {
      if (home != null && !home.isBlank()) {
        dirs.add(Path.of(home, "bin"));
      }
    }
    String path = env.get("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    for (Path dir : dirs) {
      for (String name : names) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new OrkestraException(
        "embedded Kafka: Maven ('mvn') not found via MAVEN_HOME, M2_HOME or PATH; install Maven"
            + " 3.8+ or set "
            + BrokerOptions.ENV_CLASSPATH
            + " to the broker classpath");
  }
}

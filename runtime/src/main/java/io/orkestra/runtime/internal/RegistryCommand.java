package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.ManifestInfo;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciRegistry;
import io.orkestra.oci.OciResolver;
import io.orkestra.oci.PulledArtifact;
import io.orkestra.oci.PushResult;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ork registry}: publish and fetch patterns and motifs as OCI artifacts. */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = "Push, pull, inspect and list Orkestra patterns and motifs in OCI registries.",
    subcommands = {RegistryCommand.Push.class, RegistryCommand.Pull.class, RegistryCommand.Inspect.class,
        RegistryCommand.ListCommand.class})
public final class RegistryCommand implements Runnable {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by every registry command. */
  static final class Connection {
    @Option(names = "--plain-http", description = "Use plain HTTP (always used for 127.0.0.1 and localhost).")
    boolean plainHttp;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Registry user (with --password-stdin).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password or token from standard input.")
    boolean passwordStdin;

    @Option(names = {"-m", "--motif"}, description = "Short names are motifs (ORK_MOTIFS_REGISTRY) and pushes are motifs.")
    boolean motif;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache root (default: $ORK_CACHE or ~/.orkestra/registry).")
    Path cache;

    ArtifactKind kind() {
      return motif ? ArtifactKind.MOTIF : ArtifactKind.PATTERN;
    }

    OciReference parse(String text) {
      String bare = text.startsWith("oci://") ? text.substring(6) : text;
      int at = bare.lastIndexOf('@');
      if (at >= 0 && !bare.startsWith("sha256:", at + 1)) {
        throw new OrkestraException("'" + text + "': use NAME:TAG for tags; @ is only for digests (@sha256:…)");
      }
      try {
        return OciResolver.parseReference(text, kind(), System.getenv());
      } catch (IllegalArgumentException e) {
        throw new OrkestraException(e.getMessage());
      }
    }

    OciOptions options(String registry) {
      OciOptions o = OciOptions.defaults().withPlainHttp(plainHttp).withDefaultKind(kind());
      if (cache != null) {
        o = o.withCacheRoot(cache);
      }
      if (passwordStdin != (username != null)) {
        throw new OrkestraException("--username and --password-stdin go together");
      }
      if (username != null) {
        o = o.withCredentials(registry, username, readPassword());
      }
      return o;
    }

    private static String readPassword() {
      try {
        // main thread of the CLI, not an event loop: reading stdin may block here
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isBlank()) {
          throw new OrkestraException("--password-stdin: no password on standard input");
        }
        return line.strip();
      } catch (IOException e) {
        throw new OrkestraException("--password-stdin: cannot read standard input: " + e.getMessage());
      }
    }
  }

  /** Runs {@code work} with a registry client on a fresh Vert.x, closing it afterwards. */
  static <T> T withRegistry(OciOptions options, Function<OciRegistry, T> work) {
    Vertx vertx = Vertx.vertx();
    try {
      return work.apply(OciResolver.create(vertx, options));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
    }
  }

  /** {@code ork registry push REF DIR}. */
  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Publish a directory as a pattern (katalog.yaml) or motif (motif.yaml): one layer per file.")
  public static final class Push implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "REF", description = "host[:port]/repo:tag or a short name:tag.")
    String ref;

    @Parameters(index = "1", paramLabel = "DIR", description = "Directory with the files to publish.")
    Path dir;

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Extra manifest annotation (repeatable).")
    List<String> annotations = List.of();

    @Override
    public Integer call() {
      OciReference r = connection.parse(ref);
      if (r.tag() == null) {
        throw new OrkestraException("push needs a tag: " + ref);
      }
      Map<String, String> extra = new LinkedHashMap<>();
      for (String a : annotations) {
        int eq = a.indexOf('=');
        if (eq <= 0) {
          throw new OrkestraException("--annotation wants KEY=VALUE, got '" + a + "'");
        }
        extra.put(a.substring(0, eq), a.substring(eq + 1));
      }
      PushResult result = withRegistry(connection.options(r.registry()),
          reg -> reg.push(r, dir, connection.kind(), extra).block(TIMEOUT));
      PrintWriter out = spec.commandLine().getOut();
      out.println((result.manifestWritten() ? "pushed " : "unchanged ") + r + "@" + result.digest()
          + " (" + result.blobsUploaded() + " blobs uploaded, " + result.blobsSkipped() + " already present)");
      return 0;
    }
  }

  /** {@code ork registry pull REF}. */
  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = "Download a pattern or motif into the cache (and into -o DIR), verifying every digest.")
  public static final class Pull implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "REF", description = "host[:port]/repo:tag, …@sha256:… or a short name:tag.")
    String ref;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Also write the files into DIR.")
    Path out;

    @Option(names = "--refresh", description = "Download again even when the cache has the artifact.")
    boolean refresh;

    @Option(names = "--lock", paramLabel = "FILE", description = "orkestra.lock to verify against and record into.")
    Path lock;

    @Option(names = "--update-lock", description = "Move the lock entry to what the registry serves now.")
    boolean updateLock;

    @Override
    public Integer call() {
      OciReference r = connection.parse(ref);
      OciOptions options = connection.options(r.registry()).withRefresh(refresh).withLockFile(lock).withUpdateLock(updateLock);
      PulledArtifact a = withRegistry(options, reg -> reg.pull(r, out).block(TIMEOUT));
      spec.commandLine().getOut().println("pulled " + r + "@" + a.digest() + " into " + a.directory() + " ("
          + a.files().size() + " files" + (a.fromCache() ? ", from cache" : "") + ")");
      return 0;
    }
  }

  /** {@code ork registry inspect REF}. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Show an artifact's manifest (no blob is downloaded).")
  public static final class Inspect implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "REF", description = "host[:port]/repo:tag or …@sha256:….")
    String ref;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
        description = "text or json (the manifest as served; default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public Integer call() {
      if (!output.equals("text") && !output.equals("json")) {
        throw new OrkestraException("-o wants text or json, got '" + output + "'");
      }
      OciReference r = connection.parse(ref);
      ManifestInfo m = withRegistry(connection.options(r.registry()), reg -> reg.inspect(r).block(TIMEOUT));
      PrintWriter out = spec.commandLine().getOut();
      if (output.equals("json")) {
        out.println(m.json());
        return 0;
      }
      out.println("reference:    " + r);
      out.println("digest:       " + m.digest());
      out.println("mediaType:    " + m.mediaType());
      out.println("artifactType: " + (m.artifactType() == null ? "-" : m.artifactType()));
      new java.util.TreeMap<>(m.annotations()).forEach((k, v) -> out.println("annotation:   " + k + "=" + v));
      for (OciDescriptor l : m.layers()) {
        out.println("layer:        " + l.title().orElse("-") + "  " + l.mediaType() + "  " + l.size() + " bytes  " + l.digest());
      }
      return 0;
    }
  }

  /** {@code ork registry list REGISTRY[/REPOSITORY]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the tags of REGISTRY/REPOSITORY, or the repositories of REGISTRY (catalog).")
  public static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "REGISTRY[/REPOSITORY]", description = "e.g. 127.0.0.1:5000/orkestra/patterns/redis")
    String target;

    @Override
    public Integer call() {
      String t = target.startsWith("oci://") ? target.substring(6) : target;
      if (t.endsWith("/")) {
        t = t.substring(0, t.length() - 1);
      }
      int slash = t.indexOf('/');
      String registry = slash < 0 ? t : t.substring(0, slash);
      String repository = slash < 0 ? null : t.substring(slash + 1);
      List<String> names = withRegistry(connection.options(registry), reg ->
          (repository == null ? reg.listRepositories(registry) : reg.listTags(registry, repository)).collectList().block(TIMEOUT));
      PrintWriter out = spec.commandLine().getOut();
      names.forEach(out::println);
      return 0;
    }
  }
}

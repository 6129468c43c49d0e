package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.ArtifactVersion;
import io.orkestra.oci.IndexEntry;
import io.orkestra.oci.ManifestInfo;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciRegistry;
import io.orkestra.oci.OciResolver;
import io.orkestra.oci.PatternIndex;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        RegistryCommand.ListCommand.class, RegistryLockCommand.class,
        RegistryMirrorCommand.class, RegistryCatalogueCommand.class, RegistryPublishCommand.class})
public final class RegistryCommand implements Runnable {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final int BAD_INPUT = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

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
      return parse(text, kind());
    }

    OciReference parse(String text, ArtifactKind kind) {
      String bare = text.startsWith("oci://") ? text.substring(6) : text;
      int at = bare.lastIndexOf('@');
      if (at >= 0 && !bare.startsWith("sha256:", at + 1)) {
        throw new OrkestraException("'" + text + "': use NAME:TAG for tags; @ is only for digests (@sha256:…)");
      }
      try {
        return OciResolver.parseReference(text, kind, System.getenv());
      } catch (IllegalArgumentException e) {
        throw new OrkestraException(e.getMessage());
      }
    }

    OciOptions options(String registry) {
      return options(List.of(registry));
    }

    /** Options; {@code --username} credentials (one password read) apply to each of {@code registries}. */
    OciOptions options(java.util.Collection<String> registries) {
      OciOptions o = OciOptions.defaults().withPlainHttp(plainHttp).withDefaultKind(kind());
      if (cache != null) {
        o = o.withCacheRoot(cache);
      }
      if (passwordStdin != (username != null)) {
        throw new OrkestraException("--username and --password-stdin go together");
      }
      if (username != null) {
        String password = readPassword();
        for (String registry : registries) {
          o = o.withCredentials(registry, username, password);
        }
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

  /** {@code ork registry push REF DIR} (also {@code ork push}). */
  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Publish a directory as a pattern (katalog.yaml) or motif (motif.yaml): one layer per file.",
          "The content is validated first (--no-validate skips), metadata.version must match the tag (--force"
              + " skips), and the namespace index (<namespace>/index:latest) is updated afterwards."})
  public static final class Push implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "REF", description = "host[:port]/repo:tag or a short name:tag.")
    String ref;

    @Parameters(index = "1", paramLabel = "DIR", description = "Directory with the files to publish.")
    Path dir;

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Extra manifest annotation (repeatable).")
    List<String> annotations = List.of();

    @Option(names = "--no-validate", description = "Push without validating the Katalog/Komposer/Motif first.")
    boolean noValidate;

    @Option(names = "--force", description = "Push even when metadata.version differs from the tag.")
    boolean force;

    @Option(names = "--no-index", description = "Do not update the namespace index.")
    boolean noIndex;

    @Option(names = "--tag", paramLabel = "TAG",
        description = "Also give the pushed manifest this tag (repeatable, e.g. v1.2 and v1 next to v1.2.3);"
            + " every tag holds the same manifest, and only REF's tag goes into the index.")
    List<String> extraTags = List.of();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ArtifactKind kind = PushChecks.kindOf(dir, connection.motif);
      OciReference r = connection.parse(ref, kind);
      if (r.tag() == null) {
        throw new OrkestraException("push needs a tag: " + ref);
      }
      PushChecks.requirePrimaryFile(dir, kind);
      Path primary = PushChecks.primaryFile(dir, kind);
      Map<String, String> extra = new LinkedHashMap<>();
      for (String a : annotations) {
        int eq = a.indexOf('=');
        if (eq <= 0) {
          throw new OrkestraException("--annotation wants KEY=VALUE, got '" + a + "'");
        }
        extra.put(a.substring(0, eq), a.substring(eq + 1));
      }
      return withRegistry(connection.options(r.registry()), reg -> {
        if (!noValidate) {
          List<String> problems = PushChecks.validate(dir, kind, reg);
          if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("error: " + dir + " is not valid; nothing was pushed (--no-validate pushes anyway)");
            err.flush();
            return BAD_INPUT;
          }
        }
        PushChecks.Metadata meta;
        try {
          meta = PushChecks.metadata(primary);
        } catch (OrkestraException e) {
          meta = PushChecks.Metadata.NONE; // only reachable with --no-validate: push the files as they are
        }
        String mismatch = PushChecks.versionMismatch(meta, r.tag(), primary);
        if (mismatch != null && !force) {
          throw new OrkestraException(mismatch);
        }
        Map<String, String> all = new LinkedHashMap<>(PushChecks.annotations(meta));
        all.putAll(extra);
        if (!extraTags.isEmpty()) {
          // one manifest for every tag: the version and creation time must not differ by tag
          all.putIfAbsent(VERSION_ANNOTATION, r.tag());
          all.putIfAbsent(IMAGE_VERSION_ANNOTATION, r.tag());
          all.putIfAbsent(CREATED_ANNOTATION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        PushResult result;
        try (ProgressLine progress = ProgressLine.forTerminal("pushing", err)) {
          result = reg.push(r, dir, kind, all, progress).block(TIMEOUT);
        }
        printPush(out, result);
        for (String tag : extraTags) {
          OciReference alias = new OciReference(r.registry(), r.repository(), tag, null);
          printPush(out, reg.push(alias, dir, kind, all).block(TIMEOUT));
        }
        if (!noIndex) {
          try {
            PatternIndex index = reg.updateIndex(r).block(TIMEOUT);
            out.println("indexed in " + r.registry() + "/" + PatternIndex.repositoryOf(index.namespace()) + ":"
                + PatternIndex.TAG + " (" + index.entries().size() + " entries)");
          } catch (RuntimeException e) {
            // best effort: the artifact is pushed; the index is only a browsing aid
            err.println("warning: pushed, but the namespace index was not updated: " + e.getMessage());
          }
        }
        out.flush();
        return 0;
      });
    }
  }

  private static final String VERSION_ANNOTATION = "io.orkestra.pattern.version";
  private static final String IMAGE_VERSION_ANNOTATION = "org.opencontainers.image.version";
  private static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  /** One line per pushed tag; {@code registry/publish} sums the uploaded blobs from it. */
  static void printPush(PrintWriter out, PushResult result) {
    out.println((result.manifestWritten() ? "pushed " : "unchanged ") + result.reference() + "@"
        + result.digest() + " (" + result.blobsUploaded() + " blobs uploaded, " + result.blobsSkipped()
        + " already present)");
  }

  /** {@code ork registry pull REF} (also {@code ork pull}). */
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

    @Option(names = "--mirror", paramLabel = "HOST=ENDPOINT",
        description = "Pull HOST's references from ENDPOINT first (repeatable; adds to ORK_REGISTRY_MIRRORS and the config file).")
    List<String> mirrors = new java.util.ArrayList<>();

    @Option(names = "--mirror-only", description = "Never contact a registry that has mirrors (air-gapped use).")
    boolean mirrorOnly;

    @Override
    public Integer call() {
      OciReference r = connection.parse(ref);
      OciOptions options = connection.options(r.registry()).withRefresh(refresh).withLockFile(lock).withUpdateLock(updateLock)
          .withMirrors(RegistryConfig.mirrors(System.getenv(), mirrors, mirrorOnly));
      PulledArtifact a = withRegistry(options, reg -> {
        try (ProgressLine progress = ProgressLine.forTerminal("pulling", spec.commandLine().getErr())) {
          return reg.pull(r, out, progress).block(TIMEOUT);
        }
      });
      spec.commandLine().getOut().println("pulled " + r + "@" + a.digest() + " into " + a.directory() + " ("
          + a.files().size() + " files" + (a.fromCache() ? ", from cache" : "") + ")");
      return 0;
    }
  }

  /** {@code ork registry inspect REF [--versions]} (also {@code ork inspect}). */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = {"Show an artifact's manifest (no blob is downloaded).",
          "--versions lists the repository's versions instead: tags deduplicated by digest (a version tag"
              + " names the version, floating tags such as latest are shown as aliases), newest push first."})
  public static final class Inspect implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "REF", description = "host[:port]/repo:tag or …@sha256:….")
    String ref;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
        description = "text or json (the manifest as served, or the versions; default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--versions", description = "List the versions of the repository.")
    boolean versions;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N",
        description = "With --versions: show at most N versions, 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      if (!output.equals("text") && !output.equals("json")) {
        throw new OrkestraException("-o wants text or json, got '" + output + "'");
      }
      if (limit < 0) {
        throw new OrkestraException("--limit must be 0 or more, got " + limit);
      }
      OciReference r = connection.parse(ref);
      PrintWriter out = spec.commandLine().getOut();
      if (versions) {
        List<ArtifactVersion> all = withRegistry(connection.options(r.registry()),
            reg -> reg.listVersions(r.registry(), r.repository()).collectList().block(TIMEOUT));
        List<ArtifactVersion> shown = limit == 0 ? all : all.subList(0, Math.min(limit, all.size()));
        printVersions(out, r, shown, all.size());
        out.flush();
        return 0;
      }
      ManifestInfo m = withRegistry(connection.options(r.registry()), reg -> reg.inspect(r).block(TIMEOUT));
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

    private void printVersions(PrintWriter out, OciReference r, List<ArtifactVersion> shown, int total) {
      if (output.equals("json")) {
        ArrayNode arr = JSON.createArrayNode();
        for (ArtifactVersion v : shown) {
          ObjectNode n = arr.addObject();
          n.put("tag", v.tag());
          ArrayNode aliases = n.putArray("aliases");
          v.aliases().forEach(aliases::add);
          n.put("digest", v.digest());
          if (v.created() != null) {
            n.put("created", v.created().toString());
          } else {
            n.putNull("created");
          }
        }
        out.println(arr.toString());
        return;
      }
      if (shown.isEmpty()) {
        out.println("no tags in " + r.registry() + "/" + r.repository());
        return;
      }
      int width = shown.stream().mapToInt(v -> v.tag().length()).max().orElse(3);
      for (ArtifactVersion v : shown) {
        out.println(pad(v.tag(), width) + "  " + pad(v.created() == null ? "-" : v.created().toString(), 20) + "  "
            + v.digest() + (v.aliases().isEmpty() ? "" : "  (also " + String.join(", ", v.aliases()) + ")"));
      }
      if (shown.size() < total) {
        out.println("… " + (total - shown.size()) + " older versions (--limit 0 shows all)");
      }
    }
  }

  /**
   * {@code ork registry list [REGISTRY/NAMESPACE] [--katalogs|--motifs] [-o json]} (also {@code ork
   * patterns}): browses namespace indexes.
   */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Browse the patterns and motifs of a namespace, from its index (<namespace>/index:latest).",
          "Without an argument: the namespaces of ORK_REGISTRY (katalogs) and ORK_MOTIFS_REGISTRY (motifs).",
          "A namespace without index is listed from the registry catalog (/v2/_catalog) instead."})
  public static class ListCommand implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REGISTRY[/NAMESPACE]",
        description = "e.g. 127.0.0.1:5000/acme/patterns/katalogs (default: ORK_REGISTRY and ORK_MOTIFS_REGISTRY)")
    String target;

    @Option(names = "--katalogs", description = "Only patterns (Katalogs).")
    boolean katalogs;

    @Option(names = "--motifs", description = "Only motifs.")
    boolean motifs;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    String output;

    /** One namespace to read. */
    private record Source(String registry, String namespace) {}

    @Override
    public Integer call() {
      if (!output.equals("text") && !output.equals("json")) {
        throw new OrkestraException("-o wants text or json, got '" + output + "'");
      }
      List<Source> sources = new java.util.ArrayList<>();
      if (target != null) {
        String t = target.startsWith("oci://") ? target.substring(6) : target;
        while (t.endsWith("/")) {
          t = t.substring(0, t.length() - 1);
        }
        int slash = t.indexOf('/');
        sources.add(new Source(slash < 0 ? t : t.substring(0, slash), slash < 0 ? "" : t.substring(slash + 1)));
      } else {
        for (ArtifactKind k : ArtifactKind.values()) {
          if ((k == ArtifactKind.PATTERN && motifs && !katalogs) || (k == ArtifactKind.MOTIF && katalogs && !motifs)) {
            continue;
          }
          OciReference base = OciResolver.parseReference("x", k, System.getenv());
          String repo = base.repository();
          sources.add(new Source(base.registry(), repo.contains("/") ? repo.substring(0, repo.lastIndexOf('/')) : ""));
        }
      }
      ArrayNode rows = JSON.createArrayNode();
      for (Source src : sources) {
        withRegistry(connection.options(src.registry()), reg -> {
          PatternIndex index = reg.readIndex(src.registry(), src.namespace()).block(TIMEOUT);
          if (index != null) {
            for (IndexEntry e : index.entries()) {
              if (wanted(e.kind())) {
                ObjectNode n = row(src, e.name(), "index");
                n.put("latestVersion", e.latestVersion());
                n.put("description", e.description());
                ArrayNode tags = n.putArray("tags");
                e.tags().forEach(tags::add);
                n.put("author", e.author());
                n.put("kind", e.kind());
                n.put("deprecated", e.deprecated());
                n.put("updatedAt", e.updatedAt().toString());
                rows.add(n);
              }
            }
          } else {
            String prefix = src.namespace().isEmpty() ? "" : src.namespace() + "/";
            for (String repo : reg.listRepositories(src.registry()).collectList().block(TIMEOUT)) {
              String name = repo.substring(Math.min(prefix.length(), repo.length()));
              if (repo.startsWith(prefix) && !name.equals(PatternIndex.REPOSITORY)
                  && !name.endsWith("/" + PatternIndex.REPOSITORY)) {
                rows.add(row(src, name, "catalog"));
              }
            }
          }
          return null;
        });
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.equals("json")) {
        out.println(rows.toString());
      } else {
        print(out, rows);
      }
      out.flush();
      return 0;
    }

    private boolean wanted(String kind) {
      if (katalogs == motifs) {
        return true;
      }
      return katalogs ? !kind.equals("motif") : kind.equals("motif");
    }

    private static ObjectNode row(Source src, String name, String from) {
      ObjectNode n = JSON.createObjectNode();
      n.put("name", name);
      n.put("repository", src.registry() + "/" + (src.namespace().isEmpty() ? "" : src.namespace() + "/") + name);
      n.put("source", from);
      return n;
    }

    private static void print(PrintWriter out, ArrayNode rows) {
      if (rows.isEmpty()) {
        out.println("no patterns found");
        return;
      }
      int w = 4;
      for (JsonNode n : rows) {
        w = Math.max(w, n.path("name").asText().length());
      }
      for (JsonNode n : rows) {
        if (n.path("source").asText().equals("catalog")) {
          out.println(pad(n.path("name").asText(), w) + "  (no index: from the registry catalog)  " + n.path("repository").asText());
          continue;
        }
        List<String> tags = new java.util.ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        out.println(pad(n.path("name").asText(), w) + "  " + pad(n.path("kind").asText(), 7) + "  "
            + pad(n.path("latestVersion").asText(), 10) + "  "
            + (n.path("deprecated").asBoolean() ? "[deprecated] " : "") + n.path("description").asText()
            + (tags.isEmpty() ? "" : "  [" + String.join(", ", tags) + "]"));
      }
    }
  }

  /** {@code ork patterns}: {@code ork registry list} at the top level, as in Orkestra. */
  @Command(name = "patterns", mixinStandardHelpOptions = true,
      description = "Browse the patterns and motifs of a namespace index (same as ork registry list).")
  public static final class Patterns extends ListCommand {}

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}

package io.orkestra.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.core.OrkestraException;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.OciOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The OCI distribution protocol on the Vert.x HTTP client: manifests, blobs (streamed to disk and
 * verified while streaming), uploads (monolithic PUT and chunked PATCH), mounts, tags, catalog and
 * referrers, with anonymous, Basic and Bearer-token authentication. Every call is lazy and runs
 * its Vert.x work on the client's event loop.
 */
public final class RegistryClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  /** A manifest as served, already checked for size, media type and digest. */
  public record Manifest(String digest, String mediaType, byte[] bytes, JsonNode json) {}

  private record Call(
      String registry,
      String repository,
      String what,
      HttpMethod method,
      String url,
      Map<String, String> headers,
      @Nullable Buffer body,
      Set<Integer> ok,
      boolean push) {
    String authKey() {
      return registry + "|" + repository + "|" + (push ? "push" : "pull");
    }
  }

  private record Page(List<String> items, @Nullable String next) {}

  private final Vertx vertx;
  private final Context context;
  private final HttpClient http;
  private final OciOptions options;
  private final Mono<Credentials> credentials;
  private final ConcurrentMap<String, String> authHeaders = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();

  /**
   * Creates a client; credentials are read (off the event loop) on first use.
   *
   * @param vertx the Vert.x instance
   * @param options options
   */
  public RegistryClient(Vertx vertx, OciOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.context = vertx.getOrCreateContext();
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000));
    // reading config.json is blocking file I/O: boundedElastic, once
    this.credentials =
        Mono.fromCallable(() -> Credentials.load(options.credentials(), options.dockerConfig()))
            .subscribeOn(Schedulers.boundedElastic())
            .cache();
  }

  /**
   * How many token requests were sent (tests prove token caching with it).
   *
   * @return the count
   */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** Closes the HTTP client. */
  public Mono<Void> close() {
    return Mono.defer(() -> Mono.fromCompletionStage(http.close().toCompletionStage())).then();
  }

  /**
   * Base URL of a registry: plain HTTP for loopback hosts, with the plainHttp option or for a
   * mirror configured with {@code http://}, else HTTPS.
   *
   * @param registry host and optional port
   * @return e.g. {@code http://127.0.0.1:5000}
   */
  public String baseUrl(String registry) {
    String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
        : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    boolean plain = options.plainHttp() || loopback || options.mirrors().plainHttp(registry);
    return (plain ? "http://" : "https://") + registry;
  }

  // ---------------------------------------------------------------- operations

  /**
   * {@code GET /v2/}: the registry answers and accepts our credentials.
   *
   * @param registry host
   * @return completes when it does
   */
  public Mono<Void> ping(String registry) {
    return exchange(call(registry, "", "the API root", HttpMethod.GET, "/v2/", Map.of(), null, Set.of(200), false),
            resp -> resp.body().map(b -> Boolean.TRUE))
        .then();
  }

  /**
   * Fetches a manifest with the OCI Accept header; checks size, media type and digest.
   *
   * @param registry host
   * @param repository repository
   * @param reference tag or digest
   * @return the manifest
   */
  public Mono<Manifest> fetchManifest(String registry, String repository, String reference) {
    long max = options.maxManifestBytes();
    String what = "manifest " + registry + "/" + repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    Call c = call(registry, repository, what, HttpMethod.GET, "/v2/" + repository + "/manifests/" + reference,
        Map.of("Accept", MediaTypes.ACCEPT), null, Set.of(200), false);
    return exchange(c, resp -> readLimited(resp, max, what).map(buf -> new Object[] {
              resp.getHeader("Content-Type"), resp.getHeader("Docker-Content-Digest"), buf.getBytes()}))
        .map(parts -> checkManifest(what, reference, (String) parts[0], (String) parts[1], (byte[]) parts[2]));
  }

  private Manifest checkManifest(
      String what, String reference, @Nullable String contentType, @Nullable String headerDigest, byte[] bytes) {
    String digest = Digests.of(bytes);
    if (reference.startsWith("sha256:") && !reference.equals(digest)) {
      throw new OrkestraException("digest mismatch for " + what + ": the registry served content with digest " + digest);
    }
    if (headerDigest != null && headerDigest.startsWith("sha256:") && !headerDigest.equals(digest)) {
      throw new OrkestraException(
          "digest mismatch for " + what + ": Docker-Content-Digest says " + headerDigest + ", content is " + digest);
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new OrkestraException(what + " is not JSON");
    }
    String type = json.path("mediaType").asText("");
    if (type.isEmpty() && contentType != null) {
      type = contentType.split(";")[0].strip();
    }
    if (!MediaTypes.MANIFESTS.contains(type)) {
      throw new OrkestraException("unsupported manifest media type '" + type + "' for " + what
          + " (want an OCI image manifest or index, or a Docker v2 manifest)");
    }
    return new Manifest(digest, type, bytes, json);
  }

  /**
   * {@code HEAD} a manifest.
   *
   * @param registry host
   * @param repository repository
   * @param reference tag or digest
   * @return the digest, or empty on 404
   */
  public Mono<String> headManifest(String registry, String repository, String reference) {
    Call c = call(registry, repository, "manifest " + repository + ":" + reference, HttpMethod.HEAD,
        "/v2/" + repository + "/manifests/" + reference, Map.of("Accept", MediaTypes.ACCEPT), null, Set.of(200, 404), false);
    return exchange(c, resp -> resp.body().map(b -> resp.statusCode() == 404 ? "" : header(resp, "Docker-Content-Digest")))
        .filter(d -> !d.isEmpty());
  }

  /**
   * Puts a manifest.
   *
   * @param registry host
   * @param repository repository
   * @param reference tag or digest
   * @param mediaType manifest media type (sent as Content-Type)
   * @param bytes manifest bytes
   * @return the manifest digest
   */
  public Mono<String> putManifest(String registry, String repository, String reference, String mediaType, byte[] bytes) {
    Call c = call(registry, repository, "manifest " + repository + ":" + reference, HttpMethod.PUT,
        "/v2/" + repository + "/manifests/" + reference, Map.of("Content-Type", mediaType), Buffer.buffer(bytes),
        Set.of(201), true);
    String digest = Digests.of(bytes);
    return exchange(c, resp -> resp.body().map(b -> header(resp, "Docker-Content-Digest")))
        .map(d -> {
          if (!d.isEmpty() && !d.equals(digest)) {
            throw new OrkestraException("registry " + registry + " stored manifest " + repository + ":" + reference
                + " as " + d + " but its content is " + digest);
          }
          return digest;
        });
  }

  /**
   * {@code HEAD} a blob.
   *
   * @param registry host
   * @param repository repository
   * @param digest digest
   * @param push whether the check is part of a push (asks for a push token)
   * @return true when the registry has it
   */
  public Mono<Boolean> blobExists(String registry, String repository, String digest, boolean push) {
    Call c = call(registry, repository, "blob " + digest, HttpMethod.HEAD, "/v2/" + repository + "/blobs/" + Digests.check(digest),
        Map.of(), null, Set.of(200, 404), push);
    return exchange(c, resp -> resp.body().map(b -> resp.statusCode() == 200));
  }

  /**
   * Downloads a blob into {@code target}: streamed to a temp file in {@code tempDir} while its
   * sha256 is computed, then renamed atomically; a mismatch deletes the temp file and errors.
   * Connection failures are retried twice (the download restarts; nothing partial is kept).
   *
   * @param registry host
   * @param repository repository
   * @param digest expected digest
   * @param tempDir directory for the temp file (same file system as target)
   * @param target final path
   * @return the target path
   */
  public Mono<Path> downloadBlob(String registry, String repository, String digest, Path tempDir, Path target) {
    return downloadBlob(registry, repository, digest, tempDir, target, n -> {});
  }

  /**
   * Downloads a blob like {@link #downloadBlob(String, String, String, Path, Path)}, reporting the
   * bytes of each received network buffer to {@code progress} (on the event loop; it must not block).
   * A retried download reports its bytes again.
   *
   * @param registry host
   * @param repository repository
   * @param digest expected digest
   * @param tempDir directory for the temp file (same file system as target)
   * @param target final path
   * @param progress receives byte counts as they arrive
   * @return the target path
   */
  public Mono<Path> downloadBlob(
      String registry, String repository, String digest, Path tempDir, Path target, LongConsumer progress) {
    String what = "blob " + registry + "/" + repository + "@" + Digests.check(digest);
    Call c = call(registry, repository, what, HttpMethod.GET, "/v2/" + repository + "/blobs/" + digest,
        Map.of(), null, Set.of(200), false);
    // file-system work (mkdirs, open, close, rename, delete) runs on boundedElastic: Vert.x would
    // hand it to its worker pool from the event loop, taking the pool queue's lock there
    return Mono.usingWhen(
            Mono.fromCallable(() -> {
              java.nio.file.Files.createDirectories(tempDir);
              java.nio.file.Files.createDirectories(target.getParent());
              Path tmp = tempDir.resolve("blob-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + "-" + Long.toHexString(System.nanoTime()) + ".part");
              return new TempFile(tmp, vertx.fileSystem().openBlocking(tmp.toString(),
                  new OpenOptions().setWrite(true).setCreateNew(true)));
            }).subscribeOn(Schedulers.boundedElastic()),
            temp -> exchange(c, resp -> streamInto(resp, temp.file(), progress))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(got -> Mono.fromCompletionStage(temp.file().close().toCompletionStage()).thenReturn(got))
                .publishOn(Schedulers.boundedElastic())
                .map(got -> {
                  if (!got.equals(digest)) {
                    throw new OrkestraException("digest mismatch for " + what + ": downloaded content has digest " + got);
                  }
                  try {
                    java.nio.file.Files.move(temp.path(), target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                  } catch (IOException e) {
                    throw new OrkestraException("cannot store " + what + " at " + target + ": " + e.getMessage(), e);
                  }
                  return target;
                }),
            temp -> cleanUp(temp),
            (temp, error) -> cleanUp(temp),
            temp -> cleanUp(temp))
        .retryWhen(Retry.backoff(2, Duration.ofMillis(50)).filter(RegistryException::isUnreachable)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
  }

  /**
   * Fetches a small blob into memory (index documents), refusing more than {@code max} bytes and
   * checking its digest.
   *
   * @param registry host
   * @param repository repository
   * @param digest expected digest
   * @param max size limit
   * @return the bytes
   */
  public Mono<byte[]> fetchBlob(String registry, String repository, String digest, long max) {
    String what = "blob " + registry + "/" + repository + "@" + Digests.check(digest);
    Call c = call(registry, repository, what, HttpMethod.GET, "/v2/" + repository + "/blobs/" + digest,
        Map.of(), null, Set.of(200), false);
    return exchange(c, resp -> readLimited(resp, max, what)).map(buf -> {
      byte[] bytes = buf.getBytes();
      String got = Digests.of(bytes);
      if (!got.equals(digest)) {
        throw new OrkestraException("digest mismatch for " + what + ": downloaded content has digest " + got);
      }
      return bytes;
    });
  }

  /** A temp file being written. */
  private record TempFile(Path path, io.vertx.core.file.AsyncFile file) {}

  private static Mono<Void> cleanUp(TempFile temp) {
    return Mono.<Void>fromRunnable(() -> {
      try {
        temp.file().close();
      } catch (IllegalStateException alreadyClosed) {
        // closed on the success path
      }
      try {
        java.nio.file.Files.deleteIfExists(temp.path());
      } catch (IOException ignored) {
        // best effort: a leftover .part file is never read as a blob
      }
    }).subscribeOn(Schedulers.boundedElastic());
  }

  /** Streams the body into the file with backpressure; emits the sha256 of what was written. */
  private static Future<String> streamInto(
      HttpClientResponse resp, io.vertx.core.file.AsyncFile file, LongConsumer progress) {
    Promise<Void> done = Promise.promise();
    MessageDigest md = Digests.sha256();
    resp.handler(b -> {
      md.update(b.getBytes());
      progress.accept(b.length());
      file.write(b);
      if (file.writeQueueFull()) {
        resp.pause();
        file.drainHandler(x -> resp.resume());
        // the file's writes complete on Vert.x worker threads: the queue may have drained before
        // the handler was set, and then it is never called (a paused response = a stalled pull)
        if (!file.writeQueueFull()) {
          resp.resume();
        }
      }
    });
    resp.exceptionHandler(done::tryFail);
    file.exceptionHandler(done::tryFail);
    resp.endHandler(x -> done.tryComplete());
    return done.future().map(v -> Digests.format(md.digest()));
  }

  /**
   * Uploads a blob unless the registry has it (HEAD first): POST then one PUT with the content, or
   * POST, PATCH per chunk and a closing PUT when it is larger than the chunk size.
   *
   * @param registry host
   * @param repository repository
   * @param digest digest of {@code content}
   * @param content the bytes
   * @return true when uploaded, false when the registry already had it
   */
  public Mono<Boolean> uploadBlob(String registry, String repository, String digest, Buffer content) {
    return uploadBlob(registry, repository, digest, content, n -> {});
  }

  /**
   * Uploads a blob like {@link #uploadBlob(String, String, String, Buffer)}, reporting progress:
   * the whole size when the registry already has the blob or after a monolithic PUT, each chunk's
   * size after its PATCH. {@code progress} runs on the event loop and must not block.
   *
   * @param registry host
   * @param repository repository
   * @param digest digest of {@code content}
   * @param content the bytes
   * @param progress receives byte counts
   * @return true when uploaded, false when the registry already had it
   */
  public Mono<Boolean> uploadBlob(
      String registry, String repository, String digest, Buffer content, LongConsumer progress) {
    return blobExists(registry, repository, digest, true)
        .flatMap(exists -> exists ? Mono.fromRunnable(() -> progress.accept(content.length())).thenReturn(false)
            : (content.length() > options.chunkSize()
                    ? uploadChunked(registry, repository, digest, content, options.chunkSize(), progress)
                    : uploadMonolithic(registry, repository, digest, content)
                        .then(Mono.fromRunnable(() -> progress.accept(content.length()))))
                .thenReturn(true));
  }

  /**
   * POST + PUT with the whole content.
   *
   * @param registry host
   * @param repository repository
   * @param digest digest
   * @param content bytes
   * @return completes when stored
   */
  public Mono<Void> uploadMonolithic(String registry, String repository, String digest, Buffer content) {
    return startUpload(registry, repository, digest)
        .flatMap(location -> exchange(call(registry, repository, "blob upload " + digest, HttpMethod.PUT,
                withQuery(location, "digest=" + digest), Map.of("Content-Type", "application/octet-stream"), content,
                Set.of(201), true),
            resp -> resp.body()))
        .then();
  }

  /**
   * POST, PATCH per chunk (with {@code Content-Range}), closing PUT with the digest.
   *
   * @param registry host
   * @param repository repository
   * @param digest digest
   * @param content bytes
   * @param chunk chunk size
   * @return completes when stored
   */
  public Mono<Void> uploadChunked(String registry, String repository, String digest, Buffer content, int chunk) {
    return uploadChunked(registry, repository, digest, content, chunk, n -> {});
  }

  private Mono<Void> uploadChunked(
      String registry, String repository, String digest, Buffer content, int chunk, LongConsumer progress) {
    return startUpload(registry, repository, digest).flatMap(first -> {
      AtomicReference<String> location = new AtomicReference<>(first);
      int chunks = (content.length() + chunk - 1) / chunk;
      return Flux.range(0, chunks)
          .concatMap(i -> {
            int from = i * chunk;
            int to = Math.min(content.length(), from + chunk);
            return exchange(call(registry, repository, "blob upload " + digest, HttpMethod.PATCH, location.get(),
                    Map.of("Content-Type", "application/octet-stream", "Content-Range", from + "-" + (to - 1)),
                    content.slice(from, to), Set.of(202), true),
                resp -> resp.body().map(b -> resolve(registry, header(resp, "Location"))))
                .doOnNext(location::set)
                .doOnNext(l -> progress.accept(to - from));
          })
          .then(Mono.defer(() -> exchange(call(registry, repository, "blob upload " + digest, HttpMethod.PUT,
                  withQuery(location.get(), "digest=" + digest), Map.of("Content-Type", "application/octet-stream"),
                  Buffer.buffer(), Set.of(201), true),
              resp -> resp.body())))
          .then();
    });
  }

  private Mono<String> startUpload(String registry, String repository, String digest) {
    return exchange(call(registry, repository, "blob upload " + digest, HttpMethod.POST,
            "/v2/" + repository + "/blobs/uploads/", Map.of(), Buffer.buffer(), Set.of(202), true),
        resp -> resp.body().map(b -> resolve(registry, header(resp, "Location"))));
  }

  /**
   * Cross-repository mount ({@code POST ?mount=&from=}).
   *
   * @param registry host
   * @param repository target repository
   * @param from source repository on the same registry
   * @param digest blob digest
   * @return true when mounted (201), false when the registry offered an upload instead (202)
   */
  public Mono<Boolean> mountBlob(String registry, String repository, String from, String digest) {
    String url = "/v2/" + repository + "/blobs/uploads/?mount=" + Digests.check(digest) + "&from=" + enc(from);
    return exchange(call(registry, repository, "blob mount " + digest + " from " + from, HttpMethod.POST, url, Map.of(),
            Buffer.buffer(), Set.of(201, 202), true),
        resp -> resp.body().map(b -> resp.statusCode() == 201));
  }

  /**
   * Tags of a repository, page by page along {@code Link: <…>; rel="next"}.
   *
   * @param registry host
   * @param repository repository
   * @param pageSize {@code n} per page
   * @return the tags
   */
  public Flux<String> tags(String registry, String repository, int pageSize) {
    return pages(registry, repository, "tags of " + registry + "/" + repository,
        "/v2/" + repository + "/tags/list?n=" + pageSize, "tags");
  }

  /**
   * Repositories of a registry ({@code /v2/_catalog}), paginated.
   *
   * @param registry host
   * @param pageSize {@code n} per page
   * @return the names
   */
  public Flux<String> catalog(String registry, int pageSize) {
    return pages(registry, "", "catalog of " + registry, "/v2/_catalog?n=" + pageSize, "repositories");
  }

  private Flux<String> pages(String registry, String repository, String what, String first, String field) {
    Function<String, Mono<Page>> fetch = url -> exchange(
        call(registry, repository, what, HttpMethod.GET, url, Map.of("Accept", "application/json"), null, Set.of(200), false),
        resp -> readLimited(resp, options.maxManifestBytes(), what).map(buf -> {
          List<String> items = new ArrayList<>();
          try {
            JSON.readTree(buf.getBytes()).path(field).forEach(n -> items.add(n.asText()));
          } catch (IOException e) {
            throw new OrkestraException(what + ": answer is not JSON");
          }
          String link = resp.getHeader("Link");
          Matcher m = link == null ? null : LINK_NEXT.matcher(link);
          return new Page(items, m != null && m.find() ? m.group(1) : null);
        }));
    return fetch.apply(first)
        .expand(p -> p.next() == null ? Mono.empty() : fetch.apply(p.next()))
        .concatMapIterable(Page::items);
  }

  /**
   * Referrers of a digest: the OCI 1.1 API, or on 404 the tag-schema index {@code sha256-<hex>}.
   *
   * @param registry host
   * @param repository repository
   * @param digest subject digest
   * @param artifactType filter, or null
   * @return the referrer descriptors
   */
  public Flux<OciDescriptor> referrers(String registry, String repository, String digest, @Nullable String artifactType) {
    String url = "/v2/" + repository + "/referrers/" + Digests.check(digest)
        + (artifactType == null ? "" : "?artifactType=" + enc(artifactType));
    String what = "referrers of " + registry + "/" + repository + "@" + digest;
    Mono<Optional<JsonNode>> api = exchange(
        call(registry, repository, what, HttpMethod.GET, url, Map.of("Accept", MediaTypes.OCI_INDEX), null, Set.of(200, 404), false),
        resp -> readLimited(resp, options.maxManifestBytes(), what).map(buf -> {
          if (resp.statusCode() == 404) {
            return Optional.<JsonNode>empty();
          }
          try {
            return Optional.of(JSON.readTree(buf.getBytes()));
          } catch (IOException e) {
            throw new OrkestraException(what + ": answer is not JSON");
          }
        }));
    Mono<JsonNode> index = api.flatMap(found -> found.isPresent() ? Mono.just(found.get())
        : fetchManifest(registry, repository, "sha256-" + Digests.hex(digest))
            .map(Manifest::json)
            .onErrorResume(RegistryException::isNotFound, e -> Mono.empty()));
    return index.flatMapIterable(n -> {
      List<OciDescriptor> out = new ArrayList<>();
      n.path("manifests").forEach(d -> out.add(descriptor(d)));
      return out;
    }).filter(d -> artifactType == null || artifactType.equals(d.artifactType()));
  }

  /**
   * Reads a descriptor object.
   *
   * @param node JSON
   * @return the descriptor
   */
  public static OciDescriptor descriptor(JsonNode node) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("annotations").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      annotations.put(e.getKey(), e.getValue().asText());
    }
    String artifactType = node.hasNonNull("artifactType") ? node.get("artifactType").asText() : null;
    return new OciDescriptor(node.path("mediaType").asText(""), node.path("digest").asText(""),
        node.path("size").asLong(), artifactType, annotations);
  }

  // ---------------------------------------------------------------- HTTP and auth

  private Call call(String registry, String repository, String what, HttpMethod method, String pathOrUrl,
      Map<String, String> headers, @Nullable Buffer body, Set<Integer> ok, boolean push) {
    String url = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl : baseUrl(registry) + pathOrUrl;
    return new Call(registry, repository, what, method, url, headers, body, ok, push);
  }

  private <T> Mono<T> exchange(Call call, Function<HttpClientResponse, Future<T>> reader) {
    return credentials.flatMap(creds -> Mono.defer(() -> {
          // start on the client's event-loop context: Vert.x then completes the send future on that
          // same thread, before the response's body events, so body handlers are never late
          Promise<T> promise = Promise.promise();
          context.runOnContext(v -> attempt(call, creds, reader, false).onComplete(promise));
          return Mono.fromCompletionStage(promise.future().toCompletionStage());
        }))
        .onErrorMap(e -> !(e instanceof OrkestraException),
            e -> new RegistryException(0, "cannot reach registry " + call.registry() + where(call) + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e));
  }

  private <T> Future<T> attempt(Call call, Credentials creds, Function<HttpClientResponse, Future<T>> reader, boolean retried) {
    RequestOptions o = new RequestOptions().setMethod(call.method()).setAbsoluteURI(call.url())
        .setIdleTimeout(options.requestTimeout().toMillis())
        .setFollowRedirects(call.method() == HttpMethod.GET || call.method() == HttpMethod.HEAD);
    call.headers().forEach(o::putHeader);
    String auth = authHeaders.get(call.authKey());
    if (auth != null) {
      o.putHeader("Authorization", auth);
    }
    return http.request(o)
        .compose(req -> call.body() == null ? req.send() : req.send(call.body()))
        .compose(resp -> {
          int status = resp.statusCode();
          if (status == 401 && !retried) {
            String challenge = resp.getHeader("WWW-Authenticate");
            return resp.body().compose(b -> authorize(call, creds, challenge, auth)).compose(v -> attempt(call, creds, reader, true));
          }
          if (call.ok().contains(status)) {
            return reader.apply(resp);
          }
          return resp.body().recover(e -> Future.succeededFuture(Buffer.buffer()))
              .compose(b -> Future.failedFuture(statusError(call, status, b, creds)));
        });
  }

  private Future<Void> authorize(Call call, Credentials creds, @Nullable String challenge, @Nullable String sent) {
    if (challenge == null || challenge.isBlank()) {
      return Future.failedFuture(statusError(call, 401, Buffer.buffer(), creds));
    }
    String scheme = challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    if (scheme.equals("basic")) {
      Optional<String> basic = creds.basicHeader(call.registry());
      if (basic.isEmpty() || basic.get().equals(sent)) {
        return Future.failedFuture(statusError(call, 401, Buffer.buffer(), creds));
      }
      authHeaders.put(call.authKey(), basic.get());
      return Future.succeededFuture();
    }
    if (!scheme.equals("bearer")) {
      return Future.failedFuture(new RegistryException(401, "registry " + call.registry() + where(call)
          + " asks for unsupported authentication scheme '" + scheme + "'"));
    }
    Map<String, String> params = new HashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return Future.failedFuture(new RegistryException(401, "registry " + call.registry() + where(call)
          + " sent a Bearer challenge without realm"));
    }
    String scope = params.getOrDefault("scope",
        call.repository().isEmpty() ? "" : "repository:" + call.repository() + ":" + (call.push() ? "pull,push" : "pull"));
    String cacheKey = call.registry() + "|" + scope;
    String cached = tokens.get(cacheKey);
    if (cached != null && !cached.equals(sent)) {
      authHeaders.put(call.authKey(), cached);
      return Future.succeededFuture();
    }
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    url.append("service=").append(enc(params.getOrDefault("service", call.registry())));
    if (!scope.isEmpty()) {
      url.append("&scope=").append(enc(scope));
    }
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
        .setIdleTimeout(options.requestTimeout().toMillis());
    creds.basicHeader(call.registry()).ifPresent(h -> o.putHeader("Authorization", h));
    tokenRequests.incrementAndGet();
    return http.request(o).compose(req -> req.send()).compose(resp -> resp.body().compose(body -> {
      int status = resp.statusCode();
      if (status == 401 || status == 403) {
        return Future.failedFuture(statusError(call, status, body, creds));
      }
      if (status != 200) {
        return Future.failedFuture(new RegistryException(status, "token service of registry " + call.registry()
            + where(call) + " answered " + status));
      }
      String token;
      try {
        JsonNode n = JSON.readTree(body.getBytes());
        token = n.path("token").asText(n.path("access_token").asText(""));
      } catch (IOException e) {
        token = "";
      }
      if (token.isEmpty()) {
        return Future.failedFuture(new RegistryException(401, "token service of registry " + call.registry()
            + where(call) + " returned no token"));
      }
      String header = "Bearer " + token;
      tokens.put(cacheKey, header);
      authHeaders.put(call.authKey(), header);
      return Future.succeededFuture();
    }));
  }

  private RegistryException statusError(Call call, int status, Buffer body, Credentials creds) {
    boolean haveCreds = creds.forRegistry(call.registry()).isPresent();
    String msg;
    if (status == 401) {
      msg = haveCreds
          ? "registry " + call.registry() + " rejected the credentials" + where(call) + " (401 unauthorized)"
          : "registry " + call.registry() + " requires authentication" + where(call)
              + " (401 unauthorized); log in with docker login or pass --username and --password-stdin";
    } else if (status == 403) {
      msg = "registry " + call.registry() + " denied access" + where(call) + " (403 forbidden)";
    } else if (status == 404) {
      msg = "not found on registry " + call.registry() + ": " + call.what() + errorCode(body);
    } else {
      msg = "registry " + call.registry() + " answered " + status + " to " + call.method() + " for " + call.what() + errorCode(body);
    }
    return new RegistryException(status, msg);
  }

  private static String where(Call call) {
    return call.repository().isEmpty() ? "" : " for repository " + call.repository();
  }

  private static String errorCode(Buffer body) {
    try {
      JsonNode first = JSON.readTree(body.getBytes()).path("errors").path(0);
      return first.isMissingNode() ? "" : " (" + first.path("code").asText() + ": " + first.path("message").asText() + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private Future<Buffer> readLimited(HttpClientResponse resp, long max, String what) {
    String length = resp.getHeader("Content-Length");
    if (length != null && parseLong(length) > max) {
      resp.request().reset();
      return Future.failedFuture(tooLarge(what, parseLong(length), max));
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer acc = Buffer.buffer();
    resp.handler(b -> {
      if (promise.future().isComplete()) {
        return;
      }
      acc.appendBuffer(b);
      if (acc.length() > max) {
        promise.tryFail(tooLarge(what, acc.length(), max));
        resp.request().reset();
      }
    });
    resp.exceptionHandler(promise::tryFail);
    resp.endHandler(v -> promise.tryComplete(acc));
    return promise.future();
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static OrkestraException tooLarge(String what, long size, long max) {
    return new OrkestraException(what + " is " + size + " bytes, over the limit of " + max + " bytes; refused");
  }

  private static String header(HttpClientResponse resp, String name) {
    String v = resp.getHeader(name);
    return v == null ? "" : v;
  }

  private String resolve(String registry, String location) {
    if (location.isEmpty()) {
      throw new OrkestraException("registry " + registry + " started an upload without a Location header");
    }
    return URI.create(baseUrl(registry) + "/").resolve(location).toString();
  }

  private static String withQuery(String url, String query) {
    return url + (url.contains("?") ? "&" : "?") + query;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.oci.internal.DefaultOciRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * Authentication: htpasswd Basic on a real registry, docker config.json, and the Bearer token
 * challenge through an in-process Vert.x token service and proxy in front of the anonymous registry.
 */
class RegistryAuthIT {

  private static final Duration T = Duration.ofSeconds(30);
  private static final String USER = "orkestra";
  private static final String PASSWORD = "s3cret-pass";
  private static Vertx vertx;
  private static TestRegistry basic;
  private static String backend;
  private static HttpServer proxy;
  private static int proxyPort;
  private static final AtomicInteger tokenRequests = new AtomicInteger();
  private static final Set<String> issued = ConcurrentHashMap.newKeySet();

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    basic = TestRegistry.start(USER, PASSWORD);
    backend = TestRegistry.shared().host();
    vertx = Vertx.vertx();
    HttpClient forward = vertx.createHttpClient();
    proxy = vertx.createHttpServer().requestHandler(req -> handle(req, forward));
    proxyPort = proxy.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
  }

  @AfterAll
  static void stop() {
    basic.close();
    TestRegistry.closeVertx(vertx);
  }

  /** Token service at /token and a Bearer-protected proxy for everything else. */
  private static void handle(HttpServerRequest req, HttpClient forward) {
    String basicHeader = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    if (req.path().equals("/token")) {
      tokenRequests.incrementAndGet();
      if (!basicHeader.equals(req.getHeader("Authorization"))) {
        req.response().setStatusCode(401).end("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        return;
      }
      String token = "tok-" + tokenRequests.get() + "-" + System.nanoTime(); // no UUID: SecureRandom blocks
      issued.add(token);
      req.response().putHeader("Content-Type", "application/json").end("{\"token\":\"" + token + "\",\"expires_in\":300}");
      return;
    }
    String auth = req.getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
      String repo = req.path().replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs|tags)/.*$", "");
      String action = req.method().name().equals("GET") || req.method().name().equals("HEAD") ? "pull" : "pull,push";
      req.response().setStatusCode(401)
          .putHeader("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + proxyPort + "/token\",service=\"test-registry\","
              + "scope=\"repository:" + repo + ":" + action + "\"")
          .end();
      return;
    }
    if (req.path().startsWith("/v2/forbidden/")) {
      req.response().setStatusCode(403).end("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
      return;
    }
    req.body().compose(body -> {
      RequestOptions o = new RequestOptions().setMethod(req.method()).setAbsoluteURI("http://" + backend + req.uri());
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
      headers.remove("Authorization").remove("Host").remove("Content-Length");
      o.setHeaders(headers);
      return forward.request(o).compose(r -> r.send(body)).compose(resp -> resp.body().map(b -> {
        req.response().setStatusCode(resp.statusCode());
        resp.headers().forEach((k, v) -> {
          if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")) {
            req.response().headers().add(k, v.replace(backend, "127.0.0.1:" + proxyPort));
          }
        });
        if (req.method().name().equals("HEAD")) {
          req.response().end();
        } else {
          req.response().end(b);
        }
        return b;
      }));
    }).onFailure(e -> req.response().setStatusCode(502).end());
  }

  private Path pattern() throws Exception {
    Path dir = temp.resolve("p");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("katalog.yaml"), "kind: Katalog\n");
    return dir;
  }

  private OciOptions options() {
    return OciOptions.defaults().withCacheRoot(temp.resolve("cache")).withDockerConfig(null);
  }

  private static OciReference ref(String text) {
    return OciResolver.parseReference(text, ArtifactKind.PATTERN, Map.of());
  }

  @Test
  void pushesAndPullsWithBasicCredentials() throws Exception {
    OciReference r = ref(basic.host() + "/secure/pattern:v1");
    OciRegistry reg = OciResolver.create(vertx, options().withCredentials(basic.host(), USER, PASSWORD));
    PushResult pushed = reg.push(r, pattern(), ArtifactKind.PATTERN, Map.of()).block(T);
    StepVerifier.create(reg.pull(r, null)).assertNext(a -> assertThat(a.digest()).isEqualTo(pushed.digest()))
        .expectComplete().verify(T);
  }

  @Test
  void readsCredentialsFromDockerConfigAuths() throws Exception {
    OciReference r = ref(basic.host() + "/secure/docker-config:v1");
    OciResolver.create(vertx, options().withCredentials(basic.host(), USER, PASSWORD)).push(r, pattern(), ArtifactKind.PATTERN, Map.of()).block(T);
    Path config = temp.resolve("docker/config.json");
    Files.createDirectories(config.getParent());
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\":{\"" + basic.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    StepVerifier.create(OciResolver.create(vertx, options().withDockerConfig(config)).inspect(r))
        .assertNext(m -> assertThat(m.artifactType()).isEqualTo("application/vnd.orkestra.pattern.v1+tar+gzip"))
        .expectComplete().verify(T);
  }

  @Test
  void missingCredentialsGiveA401MessageNamingRegistryAndRepository() {
    StepVerifier.create(OciResolver.create(vertx, options()).inspect(ref(basic.host() + "/secure/pattern:v1")))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("registry " + basic.host() + " requires authentication")
            .hasMessageContaining("repository secure/pattern").hasMessageContaining("401"))
        .verify(T);
  }

  @Test
  void rejectedCredentialsNeverAppearInTheMessage() {
    OciRegistry reg = OciResolver.create(vertx, options().withCredentials(basic.host(), USER, "wrong-password-42"));
    StepVerifier.create(reg.inspect(ref(basic.host() + "/secure/pattern:v1")))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("rejected the credentials")
            .hasMessageContaining("repository secure/pattern")
            .hasMessageNotContaining("wrong-password-42").hasMessageNotContaining(USER))
        .verify(T);
  }

  @Test
  void bearerChallengeFetchesATokenOncePerScope() throws Exception {
    String proxied = "127.0.0.1:" + proxyPort;
    DefaultOciRegistry reg = (DefaultOciRegistry) OciResolver.create(vertx, options().withCredentials(proxied, USER, PASSWORD));
    OciReference r = ref(proxied + "/bearer/pattern:v1");
    PushResult pushed = reg.push(r, pattern(), ArtifactKind.PATTERN, Map.of()).block(T);
    int afterPush = reg.client().tokenRequests();
    assertThat(afterPush).isBetween(1, 2); // pull scope for the existence check, pull,push for uploads
    StepVerifier.create(reg.pull(r, temp.resolve("out"))).assertNext(a -> assertThat(a.digest()).isEqualTo(pushed.digest()))
        .expectComplete().verify(T);
    StepVerifier.create(reg.inspect(r)).expectNextCount(1).expectComplete().verify(T);
    assertThat(reg.client().tokenRequests()).isEqualTo(afterPush);
    assertThat(temp.resolve("out/katalog.yaml")).exists();
  }

  @Test
  void tokenServiceRefusingCredentialsIsA401WithoutSecrets() {
    String proxied = "127.0.0.1:" + proxyPort;
    OciRegistry reg = OciResolver.create(vertx, options().withCredentials(proxied, USER, "nope-nope"));
    StepVerifier.create(reg.inspect(ref(proxied + "/bearer/other:v1")))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("rejected the credentials").hasMessageNotContaining("nope-nope"))
        .verify(T);
  }

  @Test
  void forbiddenRepositoryIsA403Message() {
    String proxied = "127.0.0.1:" + proxyPort;
    OciRegistry reg = OciResolver.create(vertx, options().withCredentials(proxied, USER, PASSWORD));
    StepVerifier.create(reg.inspect(ref(proxied + "/forbidden/pattern:v1")))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("registry " + proxied + " denied access")
            .hasMessageContaining("repository forbidden/pattern").hasMessageContaining("403")
            .hasMessageNotContaining(PASSWORD))
        .verify(T);
  }
}

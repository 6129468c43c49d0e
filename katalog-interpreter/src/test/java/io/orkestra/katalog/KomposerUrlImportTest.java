package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.orkestra.core.CompiledOperator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Komposer {@code imports.files} entries that are URLs, with bearer and basic auth from env. */
class KomposerUrlImportTest {

  private static final String KATALOG = """
      apiVersion: orkestra.orkspace.io/v1
      kind: Katalog
      metadata: {name: remote}
      spec:
        crds:
          remote:
            apiTypes: {group: example.com, version: v1, kind: Remote, plural: remotes}
            operatorBox:
              reconcile:
                onReconcile:
                  configMaps:
                    - {name: "{{ .metadata.name }}", data: {a: b}}
      """;

  @TempDir Path temp;
  private HttpServer server;
  private String base;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(auth));
      String path = exchange.getRequestURI().getPath();
      boolean allowed = switch (path) {
        case "/bearer/katalog.yaml" -> "Bearer t0ken".equals(auth);
        case "/basic/katalog.yaml" -> ("Basic " + java.util.Base64.getEncoder()
            .encodeToString("ork:pa55".getBytes(StandardCharsets.UTF_8))).equals(auth);
        default -> true;
      };
      byte[] body = path.endsWith("/missing.yaml") ? new byte[0] : KATALOG.getBytes(StandardCharsets.UTF_8);
      int status = !allowed ? 401 : path.endsWith("/missing.yaml") ? 404 : 200;
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Path komposer(String files) throws Exception {
    Path file = temp.resolve("komposer.yaml");
    Files.writeString(file, "apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: p}\n"
        + "imports:\n  files:\n" + files);
    return file;
  }

  private static LoadOptions env(Map<String, String> vars) {
    return LoadOptions.defaults().withEnvironment(vars);
  }

  private static List<String> messages(Path file, LoadOptions options) {
    try {
      KatalogInterpreter.load(file, options);
    } catch (KatalogException e) {
      return e.diagnostics().stream().map(d -> d.line() + ":" + d.column() + " " + d.message()).toList();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void importsAKatalogOverHttpWithABearerTokenFromTheEnvironment() throws Exception {
    Path file = komposer("    - url: " + base + "/bearer/katalog.yaml\n      auth: {type: bearer, fromEnv: TOKEN}\n");

    List<CompiledOperator> ops = KatalogInterpreter.load(file, env(Map.of("TOKEN", "t0ken")));

    assertThat(ops).extracting(op -> op.spec().kind()).containsExactly("Remote");
    assertThat(authorizations).containsExactly("Bearer t0ken");
  }

  @Test
  void importsWithBasicAuthAndFromAUrlInAnEnvironmentVariable() throws Exception {
    Path basic = komposer("    - url: " + base + "/basic/katalog.yaml\n"
        + "      auth: {type: basic, usernameFromEnv: U, passwordFromEnv: P}\n");
    assertThat(KatalogInterpreter.load(basic, env(Map.of("U", "ork", "P", "pa55")))).hasSize(1);

    Path viaEnv = komposer("    - $KATALOG_URL\n");
    assertThat(KatalogInterpreter.load(viaEnv, env(Map.of("KATALOG_URL", base + "/open/katalog.yaml"))))
        .extracting(op -> op.spec().name()).containsExactly("remote");
  }

  @Test
  void refusedCredentialsAreAPositionedErrorThatNeverShowsTheSecret() throws Exception {
    Path file = komposer("    - url: " + base + "/bearer/katalog.yaml\n      auth: {type: bearer, fromEnv: TOKEN}\n");

    List<String> messages = messages(file, env(Map.of("TOKEN", "wrong-secret")));

    assertThat(messages).containsExactly("6:12 cannot fetch file import " + base
        + "/bearer/katalog.yaml: HTTP 401 (check the credentials of its auth block)");
    assertThat(String.join("\n", messages)).doesNotContain("wrong-secret");
  }

  @Test
  void reportsMissingEnvironmentNotFoundPlainHttpAndUnknownKeys() throws Exception {
    Path file = komposer("    - url: " + base + "/bearer/katalog.yaml\n      auth: {type: bearer, fromEnv: TOKEN}\n"
        + "    - url: " + base + "/x/missing.yaml\n"
        + "    - url: http://example.com/katalog.yaml\n"
        + "    - {url: " + base + "/open/katalog.yaml, auth: {type: oauth}}\n"
        + "    - {url: " + base + "/open/katalog.yaml, auht: {}}\n"
        + "    - url: http://127.0.0.1:1/katalog.yaml\n");

    assertThat(messages(file, env(Map.of()))).containsExactly(
        "7:37 environment variable TOKEN is not set (imports.files[0].auth.fromEnv)",
        "8:12 cannot fetch file import " + base + "/x/missing.yaml: HTTP 404",
        "9:12 file import http://example.com/katalog.yaml must use https (plain http only for localhost)",
        "10:" + (base.length() + 46) + " unknown auth type 'oauth' in imports.files[3].auth (expected basic, bearer or github)",
        "11:" + (base.length() + 33) + " unknown key 'auht' in imports.files[4] (did you mean 'auth'?)",
        "12:12 cannot fetch file import http://127.0.0.1:1/katalog.yaml: connection refused");
  }
}

package io.orkestra.runtime.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * The in-process Kubernetes API server of {@code ork run --embedded}: fabric8's mock server in CRUD
 * mode on 127.0.0.1 (real HTTP and watch streams). It stores and serves any object, but has no
 * server-side apply, validation, defaulting or garbage collection (environment.md §3.2): the runtime
 * applies with the UPDATE strategy against it.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  // the mock server logs every request through java.util.logging at INFO; keep a strong
  // reference so the level sticks (JUL holds loggers weakly)
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final CountingDispatcher dispatcher;

  private EmbeddedApiServer(KubernetesMockServer server, CountingDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = server.createClient();
  }

  /**
   * Starts a server on a free loopback port. Blocking.
   *
   * @return the server
   */
  public static EmbeddedApiServer start() {
    return start(0);
  }

  /**
   * Starts a server on a loopback port. Blocking.
   *
   * @param port the port, 0 for a free one
   * @return the server
   */
  public static EmbeddedApiServer start(int port) {
    MOCK_LOG.fine("starting the in-process API server");
    CountingDispatcher dispatcher = new CountingDispatcher();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new EmbeddedApiServer(server, dispatcher);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /**
   * A client connected to this server.
   *
   * @return the client
   */
  public KubernetesClient client() {
    return client;
  }

  /**
   * The server's base URL.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /**
   * How many writes (POST, PUT, PATCH, DELETE) this server has answered since it started, from
   * any client: the measure of "no write when nothing changed".
   *
   * @return the count
   */
  public long writes() {
    return dispatcher.writes.sum();
  }

  /** The CRUD dispatcher, counting writes. */
  private static final class CountingDispatcher extends KubernetesCrudDispatcher {
    final java.util.concurrent.atomic.LongAdder writes = new java.util.concurrent.atomic.LongAdder();

    CountingDispatcher() {
      super(List.of());
    }

    @Override
    public io.fabric8.mockwebserver.http.MockResponse dispatch(
        io.fabric8.mockwebserver.http.RecordedRequest request) {
      switch (request.getMethod()) {
        case "POST", "PUT", "PATCH", "DELETE" -> writes.increment();
        default -> { }
      }
      return super.dispatch(request);
    }
  }

  /**
   * Writes a kubeconfig that points at this server (anonymous user, namespace {@code default}),
   * so another process or runtime can use it as its cluster. Blocking (writes a file).
   *
   * @param file where to write
   * @return {@code file}
   * @throws java.io.IOException when the file cannot be written
   */
  public java.nio.file.Path writeKubeconfig(java.nio.file.Path file) throws java.io.IOException {
    return java.nio.file.Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: orkestra-embedded",
        "  cluster: {server: \"" + url() + "\"}",
        "contexts:",
        "- name: orkestra-embedded",
        "  context: {cluster: orkestra-embedded, user: anonymous, namespace: default}",
        "current-context: orkestra-embedded",
        "users:",
        "- name: anonymous",
        "  user: {}",
        ""));
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}

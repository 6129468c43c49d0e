package io.orkestra.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.orkestra.core.ResourceKey;
import io.orkestra.watch.internal.Json;
import io.orkestra.watch.internal.ResourceTypes;
import java.util.HashMap;
import java.util.Optional;

/**
 * Fabric8's in-process API server in CRUD mode (a {@link FaultInjectingDispatcher}) plus a client
 * with short timeouts (a request the mock never answers fails in seconds, not minutes:
 * environment.md §7.8).
 */
public final class MockApi implements AutoCloseable {

  private final KubernetesMockServer server;
  private final FaultInjectingDispatcher dispatcher;
  private final KubernetesClient client;
  private final ResourceTypes types = new ResourceTypes();

  private MockApi(
      KubernetesMockServer server, FaultInjectingDispatcher dispatcher, KubernetesClient client) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = client;
  }

  /**
   * Starts a server on a free loopback port and connects a client.
   *
   * @return the running server
   */
  public static MockApi start() {
    FaultInjectingDispatcher dispatcher = new FaultInjectingDispatcher();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    return new MockApi(server, dispatcher, shortTimeoutClient(server));
  }

  /**
   * Another client of the same server (a second replica), with the same short timeouts. Close it
   * yourself.
   *
   * @return a new client
   */
  public KubernetesClient newClient() {
    return shortTimeoutClient(server);
  }

  private static KubernetesClient shortTimeoutClient(KubernetesMockServer server) {
    return server.createClient(
        b ->
            b.editOrNewConfig()
                .withRequestTimeout(5_000)
                .withConnectionTimeout(5_000)
                .withRequestRetryBackoffLimit(0)
                .endConfig());
  }

  /**
   * Like {@link #newClient()}, also adding the client to {@code tracked} (for closing in cleanup).
   *
   * @param tracked list of clients to close later
   * @return a new client
   */
  public KubernetesClient newClientTracked(java.util.List<KubernetesClient> tracked) {
    KubernetesClient c = newClient();
    tracked.add(c);
    return c;
  }

  /**
   * The CRUD dispatcher, with fault injection.
   *
   * @return the dispatcher
   */
  FaultInjectingDispatcher faults() {
    return dispatcher;
  }

  /**
   * The client.
   *
   * @return the client
   */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Registers a custom kind so {@link #get} can address it.
   *
   * @param group group
   * @param kind kind
   * @param plural plural
   */
  public void register(String group, String kind, String plural) {
    types.register(group, kind, plural, true);
  }

  /**
   * Reads an object straight through fabric8 (not through the code under test).
   *
   * @param key the object
   * @return the object, if it exists
   */
  public Optional<ObjectNode> get(ResourceKey key) {
    var op =
        client.genericKubernetesResources(
            types.context(key.group(), key.version(), key.kind(), !key.namespace().isEmpty()));
    GenericKubernetesResource r =
        key.namespace().isEmpty()
            ? op.withName(key.name()).get()
            : op.inNamespace(key.namespace()).withName(key.name()).get();
    return Optional.ofNullable(r).map(o -> Json.toNode(client.getKubernetesSerialization(), o));
  }

  /**
   * Reads an object that must exist.
   *
   * @param key the object
   * @return the object
   */
  public ObjectNode require(ResourceKey key) {
    return get(key).orElseThrow(() -> new AssertionError(key + " does not exist"));
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}

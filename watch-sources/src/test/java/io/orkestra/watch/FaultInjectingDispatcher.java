package io.orkestra.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.orkestra.watch.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The mock's CRUD dispatcher with injectable faults: two one-shot faults on PUT, to make races
 * deterministic (a concurrent writer that wins just before our update; a plain 409 answer, since
 * the mock itself never rejects a stale status write), and GETs answered with an error code (an API
 * server that refuses a list). Records the response code of every PUT per path, and every PATCH.
 */
final class FaultInjectingDispatcher extends KubernetesCrudDispatcher {

  private static final String CONFLICT =
      "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Conflict\","
          + "\"code\":409,\"message\":\"injected conflict\"}";

  private final Map<String, UnaryOperator<ObjectNode>> concurrentWriters =
      new ConcurrentHashMap<>();
  private final Map<String, Boolean> conflicts = new ConcurrentHashMap<>();
  private final Map<String, List<Integer>> putCodes = new ConcurrentHashMap<>();
  private final Map<String, Integer> failingGets = new ConcurrentHashMap<>();
  private final List<Patch> patches = new CopyOnWriteArrayList<>();

  /**
   * A PATCH request as received.
   *
   * @param path path and query
   * @param contentType the Content-Type header
   * @param body the body
   */
  record Patch(String path, String contentType, String body) {}

  FaultInjectingDispatcher() {
    super(List.of());
  }

  /**
   * Before the next PUT to {@code path}, another writer stores {@code change} of that PUT's body,
   * so the PUT's resourceVersion is stale when it arrives.
   */
  void concurrentWriteBeforeNextPut(String path, UnaryOperator<ObjectNode> change) {
    concurrentWriters.put(path, change);
  }

  /** The next PUT to {@code path} is answered 409 Conflict and not applied. */
  void conflictOnNextPut(String path) {
    conflicts.put(path, Boolean.TRUE);
  }

  /** Every GET whose path starts with {@code prefix} is answered with {@code code}. */
  void failGets(String prefix, int code) {
    failingGets.put(prefix, code);
  }

  /** Every PATCH received, in order. */
  List<Patch> patches() {
    return List.copyOf(patches);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if ("PATCH".equalsIgnoreCase(request.getMethod())) {
      String body = request.getUtf8Body();
      patches.add(new Patch(request.getPath(), request.getHeader("Content-Type"), body));
      return super.dispatch(copy(request, body));
    }
    return super.dispatch(request);
  }

  /** Response codes of the PUTs to {@code path}, in order. */
  List<Integer> putCodes(String path) {
    return List.copyOf(putCodes.getOrDefault(path, List.of()));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    String path = request.getPath();
    MockResponse response;
    if (conflicts.remove(path) != null) {
      response = new MockResponse().setResponseCode(409).setBody(CONFLICT);
    } else {
      UnaryOperator<ObjectNode> writer = concurrentWriters.remove(path);
      if (writer != null) {
        // reading the body consumes it: hand both writes a fresh copy
        String ours = request.getUtf8Body();
        ObjectNode theirs = writer.apply(Json.parse(ours));
        super.handleUpdate(copy(request, theirs.toString()));
        response = super.handleUpdate(copy(request, ours));
      } else {
        response = super.handleUpdate(request);
      }
    }
    putCodes.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(response.code());
    return response;
  }

  @Override
  public MockResponse handleGet(String path) {
    for (Map.Entry<String, Integer> f : failingGets.entrySet()) {
      if (path.startsWith(f.getKey())) {
        return new MockResponse()
            .setResponseCode(f.getValue())
            .setBody(
                "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":"
                    + f.getValue()
                    + ",\"message\":\"injected failure\"}");
      }
    }
    return super.handleGet(path);
  }

  private static RecordedRequest copy(RecordedRequest request, String body) {
    return new RecordedRequest(
        request.getRequestLine(),
        request.method(),
        request.getPath(),
        request.getHeaders(),
        new Buffer().writeUtf8(body));
  }
}

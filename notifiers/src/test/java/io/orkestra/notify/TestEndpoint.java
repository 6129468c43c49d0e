package io.orkestra.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * An in-process webhook receiver on 127.0.0.1 (port chosen at first start, kept across restarts)
 * that can be made slow, failing or down. Records every request it answered or dropped.
 */
final class TestEndpoint implements AutoCloseable {

  /** What the endpoint does with request number {@code n} (0-based). */
  record Answer(int status, Duration delay, String retryAfter) {
    static Answer ok() {
      return new Answer(200, Duration.ZERO, "");
    }

    static Answer status(int status) {
      return new Answer(status, Duration.ZERO, "");
    }

    static Answer slow(Duration delay) {
      return new Answer(200, delay, "");
    }
  }

  /** One received request. */
  record Received(Map<String, String> headers, byte[] body, long atNanos) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final Vertx vertx;
  private final AtomicReference<IntFunction<Answer>> behaviour =
      new AtomicReference<>(n -> Answer.ok());
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private int port;

  TestEndpoint(Vertx vertx) {
    this.vertx = vertx;
  }

  TestEndpoint start() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server = server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    port = server.actualPort();
    return this;
  }

  /** Stops listening: connections are refused until {@link #start()}. */
  void down() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks/orkestra";
  }

  void answer(IntFunction<Answer> answers) {
    behaviour.set(answers);
  }

  int requests() {
    return count.get();
  }

  int maxConcurrent() {
    return maxConcurrent.get();
  }

  /** Requests answered with 2xx, in arrival order. */
  List<Received> accepted() {
    return new ArrayList<>(received);
  }

  private void handle(HttpServerRequest request) {
    int n = count.getAndIncrement();
    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
    Answer answer = behaviour.get().apply(n);
    request
        .body()
        .onSuccess(
            body -> {
              Runnable reply =
                  () -> {
                    concurrent.decrementAndGet();
                    if (answer.status() / 100 == 2) {
                      Map<String, String> headers = new TreeMap<>();
                      request
                          .headers()
                          .forEach(
                              h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
                      received.add(new Received(headers, body.getBytes(), System.nanoTime()));
                    }
                    var response = request.response().setStatusCode(answer.status());
                    if (!answer.retryAfter().isEmpty()) {
                      response.putHeader("Retry-After", answer.retryAfter());
                    }
                    response.end();
                  };
              if (answer.delay().isZero()) {
                reply.run();
              } else {
                vertx.setTimer(answer.delay().toMillis(), t -> reply.run());
              }
            });
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

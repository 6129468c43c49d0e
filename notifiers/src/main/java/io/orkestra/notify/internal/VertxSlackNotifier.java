package io.orkestra.notify.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ConditionNotice;
import io.orkestra.notify.NoticeDelivery;
import io.orkestra.notify.NoticeDelivery.Status;
import io.orkestra.notify.SlackNotifier;
import io.orkestra.notify.SlackOptions;
import io.orkestra.notify.ThrottleStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link SlackNotifier} on a Vert.x HTTP client. The throttle is a map of last send times: the
 * decision for a key is one atomic {@code compute} (send: the time is set now; a failed POST puts
 * the previous time back), and successful sends are collected in {@code unsaved} and written to
 * the {@link ThrottleStore} in one batch {@code flushDelay} after the first of them.
 */
public final class VertxSlackNotifier implements SlackNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(VertxSlackNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ENV_REF =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

  private final SlackOptions options;
  private final ThrottleStore store;
  private final HttpClientAgent client;
  private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
  private final Map<String, Instant> unsaved = new ConcurrentHashMap<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Mono<Void> loaded;
  private final Mono<Void> stop;

  private VertxSlackNotifier(Vertx vertx, SlackOptions options, ThrottleStore store) {
    this.options = options;
    this.store = store;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()))
                // one connection per notice: notices are rare, and a reused keep-alive connection
                // once left the third POST of a burst unanswered until the timeout (SlackNotifierIT)
                .setKeepAlive(false),
            new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
    this.loaded = load().cache();
    this.stop =
        Mono.defer(
                () -> {
                  stopped.set(true);
                  return flush()
                      .onErrorResume(
                          e -> {
                            LOG.warn("could not save the notification throttle: {}", e.getMessage());
                            return Mono.empty();
                          })
                      .then(Mono.fromCompletionStage(() -> client.close().toCompletionStage()));
                })
            .then()
            .cache();
  }

  /**
   * Creates a notifier. Nothing is read or sent until the first {@link #publish}.
   *
   * @param vertx the process's Vert.x instance
   * @param options timeout, limits, clock, environment
   * @param store where send times are kept
   * @return the notifier
   */
  public static VertxSlackNotifier create(Vertx vertx, SlackOptions options, ThrottleStore store) {
    return new VertxSlackNotifier(
        Objects.requireNonNull(vertx, "vertx"),
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(store, "store"));
  }

  private Mono<Void> load() {
    return Mono.defer(store::load)
        .doOnNext(m -> m.forEach((k, v) -> lastSent.merge(k, v, ThrottleStore::later)))
        .then()
        .onErrorResume(
            e -> {
              LOG.warn(
                  "could not read the notification throttle; it starts empty: {}", e.getMessage());
              return Mono.empty();
            });
  }

  @Override
  public Flux<NoticeDelivery> publish(Publisher<ConditionNotice> notices) {
    Objects.requireNonNull(notices, "notices");
    return loaded.thenMany(Flux.from(notices).flatMap(this::deliver, options.maxInFlight()));
  }

  private Mono<NoticeDelivery> deliver(ConditionNotice notice) {
    String raw = notice.slackWebhookUrl();
    if (raw == null) {
      return Mono.just(
          new NoticeDelivery(notice, Status.SKIPPED, "no slackWebhookUrl for team " + notice.team()));
    }
    String url = resolve(raw);
    if (url == null) {
      return Mono.just(
          new NoticeDelivery(
              notice, Status.SKIPPED, "environment variable " + raw + " is not set"));
    }
    String key = notice.throttleKey();
    Instant now = options.clock().instant();
    Instant[] previous = new Instant[1];
    boolean[] send = new boolean[1];
    lastSent.compute(
        key,
        (k, last) -> {
          if (last != null && now.isBefore(last.plus(notice.interval()))) {
            return last;
          }
          previous[0] = last;
          send[0] = true;
          return now;
        });
    if (!send[0]) {
      return Mono.just(new NoticeDelivery(notice, Status.THROTTLED, null));
    }
    return post(url, body(notice))
        .then(
            Mono.fromSupplier(
                () -> {
                  unsaved.merge(key, now, ThrottleStore::later);
                  scheduleFlush();
                  return new NoticeDelivery(notice, Status.SENT, null);
                }))
        .onErrorResume(
            e -> {
              lastSent.computeIfPresent(key, (k, v) -> v.equals(now) ? previous[0] : v);
              return Mono.just(new NoticeDelivery(notice, Status.FAILED, e.getMessage()));
            });
  }

  private @Nullable String resolve(String url) {
    Matcher m = ENV_REF.matcher(url);
    if (!m.matches()) {
      return url;
    }
    String value = options.environment().get(m.group(1) != null ? m.group(1) : m.group(2));
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The incoming-webhook payload: text plus an attachment naming the Katalog and the team. */
  static byte[] body(ConditionNotice notice) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", notice.message());
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("color", "warning");
    ArrayNode fields = attachment.putArray("fields");
    fields.addObject().put("title", "Katalog").put("value", notice.katalog()).put("short", true);
    fields.addObject().put("title", "Team").put("value", notice.team()).put("short", true);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Mono<Void> post(String url, byte[] body) {
    Duration timeout = options.timeout();
    return Mono.<Void>defer(
            () -> {
              if (stopped.get()) {
                return Mono.error(new IllegalStateException("the Slack notifier is stopped"));
              }
              RequestOptions ro =
                  new RequestOptions()
                      .setMethod(HttpMethod.POST)
                      .setAbsoluteURI(url)
                      .setIdleTimeout(timeout.toMillis())
                      .putHeader("Content-Type", "application/json");
              return Mono.fromCompletionStage(
                      () ->
                          client
                              .request(ro)
                              .compose(r -> r.send(Buffer.buffer(body)))
                              .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                              .toCompletionStage())
                  .flatMap(
                      status ->
                          status / 100 == 2
                              ? Mono.<Void>empty()
                              : Mono.error(
                                  new IllegalStateException("Slack answered HTTP " + status)));
            })
        .timeout(
            timeout,
            Mono.error(() -> new TimeoutException("Slack did not answer within " + timeout)))
        .onErrorMap(
            e -> !(e instanceof IllegalStateException || e instanceof TimeoutException),
            // connection failures name the host only: the URL path is the webhook's secret
            e -> new IllegalStateException("cannot reach Slack: " + e.getClass().getSimpleName()));
  }

  private void scheduleFlush() {
    if (flushScheduled.compareAndSet(false, true)) {
      Mono.delay(options.flushDelay())
          .then(flush())
          .subscribe(
              null,
              e -> LOG.warn("could not save the notification throttle (retried with the next send): {}",
                  e.getMessage()));
    }
  }

  @Override
  public Mono<Void> flush() {
    return Mono.defer(
        () -> {
          flushScheduled.set(false);
          Map<String, Instant> batch = new HashMap<>();
          for (String k : unsaved.keySet()) {
            Instant v = unsaved.remove(k);
            if (v != null) {
              batch.put(k, v);
            }
          }
          if (batch.isEmpty()) {
            return Mono.empty();
          }
          return store
              .save(batch)
              .onErrorResume(
                  e -> {
                    batch.forEach((k, v) -> unsaved.merge(k, v, ThrottleStore::later));
                    return Mono.error(e);
                  })
              // pick up what replicas sharing the store sent meanwhile
              .then(load());
        });
  }

  @Override
  public Mono<Void> stop() {
    return stop;
  }

  @Override
  public void close() {
    stop.block(Duration.ofSeconds(15));
  }
}

package io.orkestra.notify;

import io.orkestra.core.OrkestraException;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.internal.CloudEventCodec;
import io.orkestra.notify.internal.EmbeddedBroker;
import io.orkestra.notify.internal.KafkaTail;
import io.orkestra.notify.internal.VertxKafkaNotifier;
import io.orkestra.notify.internal.VertxWebhookNotifier;
import io.orkestra.notify.internal.WebhookSigner;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Entry point of the notifiers module: Kafka and webhook notifiers, CloudEvent encoding (event
 * contract v1), topic tail and embedded broker.
 *
 * <h2>Event contract v1</h2>
 *
 * Every reconcile becomes one CloudEvents 1.0 event in structured JSON mode ({@value
 * #CLOUDEVENTS_JSON}):
 *
 * <pre>{@code
 * { "specversion": "1.0",
 *   "id": "<event.id()>",                          stable: same uid, generation, resourceVersion, outcome
 *   "source": "/orkestra/<runtime-name>/<crd-name>",
 *   "type": "io.orkestra.reconcile.v1.<succeeded|failed|deleted>",
 *   "subject": "<namespace>/<name>",
 *   "time": "2026-11-25T03:01:36Z",
 *   "datacontenttype": "application/json",
 *   "data": { "apiVersion": "...", "kind": "...", "namespace": "...", "name": "...", "uid": "...",
 *             "generation": 3, "observedGeneration": 3, "outcome": "succeeded",
 *             "actions": [ {"verb": "created", "kind": "ConfigMap", "namespace": "...", "name": "..."} ],
 *             "durationMs": 12, "conditions": [ ... ], "error": null } }
 * }</pre>
 *
 * On Kafka the record key is {@code <group>/<kind>/<namespace>/<name>} (so one custom resource
 * always lands on one partition, in order) and the record carries the header {@code content-type:
 * application/cloudevents+json}.
 */
public final class Notifiers {

  /** Media type of a structured CloudEvent in JSON, also the value of the Kafka header. */
  public static final String CLOUDEVENTS_JSON = CloudEventCodec.CLOUDEVENTS_JSON;

  /** Name of the Kafka header carrying {@link #CLOUDEVENTS_JSON}. */
  public static final String CONTENT_TYPE_HEADER = VertxKafkaNotifier.CONTENT_TYPE_HEADER;

  /**
   * Name of the HTTP header carrying a webhook request's signature: {@code sha256=} followed by
   * the lowercase hex HMAC-SHA256 of the raw request body, keyed with the configured secret.
   */
  public static final String SIGNATURE_HEADER = VertxWebhookNotifier.SIGNATURE_HEADER;

  private Notifiers() {}

  /**
   * A notifier POSTing CloudEvents to one HTTP endpoint with a Vert.x HTTP client (at most {@link
   * WebhookOptions#maxInFlight()} connections), signed, retried, and spilled to disk while the
   * endpoint is down when {@link WebhookOptions#spill()} is set. Nothing connects until the first
   * {@link WebhookNotifier#publish}; see there for what is emitted, ordering, backpressure,
   * overflow and threads. Stop it with {@link WebhookNotifier#stop()}.
   *
   * @param vertx the process's Vert.x instance (requests run on its event loops)
   * @param options URL, mode, secret, limits, filter, spill
   * @return the notifier
   */
  public static WebhookNotifier webhook(Vertx vertx, WebhookOptions options) {
    return VertxWebhookNotifier.create(vertx, options);
  }

  /**
   * A notifier sending condition notices ({@code notify:} blocks, spec §7) to Slack incoming
   * webhooks, throttled per key with send times kept in {@code store}. Nothing is read or sent
   * until the first {@link SlackNotifier#publish}; see there. Stop it with {@link
   * SlackNotifier#stop()}, which saves pending send times first.
   *
   * @param vertx the process's Vert.x instance (requests run on its event loops)
   * @param options timeout, limits, clock, environment for {@code $NAME} URLs
   * @param store where the throttle's send times live ({@link ThrottleStore#inMemory()} for no
   *     persistence)
   * @return the notifier
   */
  public static SlackNotifier slack(Vertx vertx, SlackOptions options, ThrottleStore store) {
    return io.orkestra.notify.internal.VertxSlackNotifier.create(vertx, options, store);
  }

  /**
   * The {@value #SIGNATURE_HEADER} value a webhook request with this body carries, for receivers
   * that verify it (and tests). Pure; runs on the caller's thread (the first call in a JVM may
   * load the JCA provider, so call it off event loops once).
   *
   * @param secret the shared secret (its UTF-8 bytes are the HMAC key)
   * @param body the raw request body
   * @return {@code sha256=<64 lowercase hex digits>}
   */
  public static String webhookSignature(String secret, byte[] body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    return new WebhookSigner(secret).sign(body);
  }

  /**
   * A notifier publishing to one Kafka topic with an idempotent Vert.x Kafka producer ({@code
   * acks=all}). Nothing connects until the first {@link KafkaNotifier#publish}; see there for what
   * is emitted, ordering, backpressure and threads. Stop it with {@link KafkaNotifier#stop()}.
   *
   * @param vertx the process's Vert.x instance (completions run on its event loops)
   * @param options topic, bootstrap servers, limits
   * @return the notifier
   */
  public static KafkaNotifier kafka(Vertx vertx, KafkaSinkOptions options) {
    return VertxKafkaNotifier.create(vertx, options);
  }

  /**
   * Encodes a reconcile as a CloudEvents 1.0 structured JSON document (event contract v1, see the
   * class documentation), with the CloudEvents Java SDK. Pure; runs on the caller's thread.
   *
   * @param event the reconcile
   * @return UTF-8 JSON bytes
   * @throws OrkestraException if the event's source ({@code /orkestra/<runtime>/<crd>}) is not a
   *     valid URI reference
   */
  public static byte[] cloudEventJson(ReconcileEvent event) {
    Objects.requireNonNull(event, "event");
    return CloudEventCodec.toJson(event);
  }

  /**
   * {@link #cloudEventJson} as a string.
   *
   * @param event the reconcile
   * @return the JSON document
   * @throws OrkestraException if the event's source is not a valid URI reference
   */
  public static String cloudEventJsonString(ReconcileEvent event) {
    return new String(cloudEventJson(event), StandardCharsets.UTF_8);
  }

  /**
   * Reads the event topic with a Vert.x Kafka consumer (used by {@code ork events tail} and {@code
   * ork run}). Cold: every subscription creates its own consumer, on {@code
   * Schedulers.boundedElastic()}, in the group of {@link TailOptions#groupId()} (default: a fresh
   * {@code ork-tail-<uuid>} group that commits nothing).
   *
   * <p>Emits one {@link TailedEvent} per record, in offset order within a partition; records that
   * are not CloudEvents are emitted with empty attributes rather than failing the stream. Completes
   * after {@link TailOptions#maxCount()} records, never when unbounded. Errors with an {@link
   * OrkestraException} if the consumer cannot be created or subscribed, or polling fails.
   * Cancellation (including by {@code maxCount}) closes the consumer; with a named {@link
   * TailOptions#groupId()} it first commits the offsets of the records it emitted (never of records
   * fetched but not emitted), so the next tail in that group starts right after them.
   *
   * <p>Overflow: none. The consumer runs in fetch mode: it polls the broker only while the
   * subscriber has outstanding demand and hands over exactly as many records as requested; records
   * of the current poll batch ({@code max.poll.records}) wait inside the consumer, never in a
   * Reactor buffer. A subscriber that requests nothing for longer than {@code max.poll.interval.ms}
   * (5 min) leaves the group and rejoins on its next request.
   *
   * <p>Threads: records are emitted on a Vert.x event-loop thread; keep downstream work
   * non-blocking or {@code publishOn} another scheduler.
   *
   * @param vertx the process's Vert.x instance
   * @param options topic, group, start position, limit
   * @return the records of the topic
   */
  public static Flux<TailedEvent> tail(Vertx vertx, TailOptions options) {
    return KafkaTail.tail(vertx, options);
  }

  /**
   * Starts a real Apache Kafka {@value BrokerOptions#KAFKA_VERSION} broker (single KRaft node,
   * broker and controller, PLAINTEXT on {@code 127.0.0.1}, free ports chosen at start) in a child
   * JVM run by the same {@code java} as this process.
   *
   * <p>The broker's jars are found as {@link BrokerOptions} describes: the first time Maven ({@code
   * mvn}, via {@code MAVEN_HOME}, {@code M2_HOME} or {@code PATH}) resolves a standalone pom
   * shipped in this module into {@code classpath.txt} in the cache directory, which later starts
   * reuse while all its jars exist.
   *
   * <p>Emits the running broker's handle once it has logged that it started, then completes. Errors
   * with an {@link OrkestraException} when Maven is missing or fails, the log directory cannot be
   * formatted, or the broker does not start within {@link BrokerOptions#startTimeout()}; the
   * message then includes the end of the relevant log. Cold: each subscription starts one more
   * broker. A JVM shutdown hook kills the child if {@link EmbeddedKafka#stop()} is never called;
   * cancelling this Mono while the broker starts does not stop it before JVM exit.
   *
   * <p>Threads: all blocking work (Maven, process start, waiting) runs on {@code
   * Schedulers.boundedElastic()}, where the handle is emitted.
   *
   * @param options cache directory, classpath, timeouts, broker settings
   * @return the running broker
   */
  public static Mono<EmbeddedKafka> startEmbeddedBroker(BrokerOptions options) {
    Objects.requireNonNull(options, "options");
    return Mono.<EmbeddedKafka>fromCallable(() -> EmbeddedBroker.start(options, System.getenv()))
        .subscribeOn(Schedulers.boundedElastic());
  }
}

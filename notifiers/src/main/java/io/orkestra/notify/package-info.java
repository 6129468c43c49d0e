/**
 * Delivery of reconciliation events to the outside world. {@link io.orkestra.notify.Notifiers} is
 * the one entry point: it turns a {@link io.orkestra.core.ReconcileEvent} into a CloudEvents 1.0
 * document (event contract v1; structured or binary mode), publishes it to a Kafka topic through
 * the Vert.x Kafka client and POSTs it to webhooks (HMAC-signed, retried with backoff, spilled to
 * checksummed segment files while an endpoint is down), always with bounded in-flight sends so a
 * slow sink slows the pipeline instead of growing a queue. It also reads the topic back as {@link
 * io.orkestra.notify.TailedEvent}s for {@code ork events tail} and starts a real single-node Kafka
 * broker in a child JVM for embedded mode and tests. The remaining public types are options and
 * result records, enums and the handles ({@link io.orkestra.notify.KafkaNotifier}, {@link
 * io.orkestra.notify.WebhookNotifier}, {@link io.orkestra.notify.EmbeddedKafka}); the machinery
 * lives in {@code io.orkestra.notify.internal}.
 */
@NullMarked
package io.orkestra.notify;

import org.jspecify.annotations.NullMarked;

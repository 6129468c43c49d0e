/**
 * Delivery of reconciliation events to the outside world. {@link io.orkestra.notify.Notifiers} is
 * the one entry point: it turns a {@link io.orkestra.core.ReconcileEvent} into a CloudEvents 1.0
 * structured JSON document (event contract v1), publishes those documents to a Kafka topic through
 * the Vert.x Kafka client with bounded in-flight sends (a slow broker slows the pipeline instead of
 * growing a queue), reads them back as {@link io.orkestra.notify.TailedEvent}s for {@code ork
 * events tail}, and starts a real single-node Kafka broker in a child JVM for embedded mode and
 * tests. The remaining public types are the options records, the result record and the two handles
 * ({@link io.orkestra.notify.KafkaNotifier}, {@link io.orkestra.notify.EmbeddedKafka}); the
 * machinery lives in {@code io.orkestra.notify.internal}.
 */
@NullMarked
package io.orkestra.notify;

import org.jspecify.annotations.NullMarked;

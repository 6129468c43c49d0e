package io.orkestra.notify;

/**
 * How a CloudEvent is laid out on the wire (CloudEvents protocol bindings for HTTP and Kafka).
 */
public enum CloudEventMode {
  /**
   * The whole event is one JSON document ({@code application/cloudevents+json}); the event
   * contract v1 default.
   */
  STRUCTURED,
  /**
   * The body is the event's {@code data} ({@code application/json}); the attributes travel as
   * headers: {@code ce-<name>} on HTTP, {@code ce_<name>} on Kafka.
   */
  BINARY
}

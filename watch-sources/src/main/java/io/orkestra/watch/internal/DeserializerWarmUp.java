package io.orkestra.watch.internal;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Objects;

/**
 * Initialises fabric8's polymorphic {@code KubernetesDeserializer} ahead of time, on a thread that
 * may block.
 *
 * <p>Why: fabric8 8 deserialises HTTP responses in a {@code CompletableFuture} stage that runs on
 * the Vert.x event loop that completed the response. The first response read as a polymorphic
 * {@link KubernetesResource} (e.g. the {@code Status} of a DELETE) creates the deserializer, which
 * scans the class path with {@code ServiceLoader} and reads jar files: blocking I/O on an event
 * loop (seen with BlockHound in our delete IT). Doing it once, first, on {@code boundedElastic()},
 * keeps that I/O off the event loop.
 */
public final class DeserializerWarmUp {

  private static final String STATUS = "{\"apiVersion\":\"v1\",\"kind\":\"Status\"}";

  private final KubernetesSerialization serialization;
  private volatile boolean done;

  /**
   * Creates the warm-up for one client's serialisation.
   *
   * @param serialization the client's serialisation
   */
  public DeserializerWarmUp(KubernetesSerialization serialization) {
    this.serialization = Objects.requireNonNull(serialization, "serialization");
  }

  /** Initialises the deserializer unless done already; call only where blocking is allowed. */
  public void ensure() {
    if (!done) {
      serialization.unmarshal(STATUS, KubernetesResource.class);
      // the first list/get response of each type builds its deserializer under a lock in Jackson's
      // cache; a contended lock parks the event loop (seen with BlockHound on list of owned children)
      serialization.unmarshal(
          "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[]}",
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList.class);
      serialization.unmarshal(
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}",
          io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
      done = true;
    }
  }
}

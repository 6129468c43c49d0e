package io.orkestra.runtime.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.orkestra.notify.ThrottleStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the notification throttle in a ConfigMap ({@value #NAME} in the runtime's namespace), so
 * that it survives a restart and replicas share it. One data entry per throttle key: the key is
 * {@code t-} plus the first 40 hex digits of the SHA-256 of the throttle key (ConfigMap keys allow
 * only {@code [-._a-zA-Z0-9]}); the value is {@code <ISO-8601 send time> <throttle key>}.
 *
 * <p>Reads and writes run on {@code Schedulers.boundedElastic()}. {@link #save} is a
 * read-merge-write with the ConfigMap's {@code resourceVersion} (optimistic locking, retried on a
 * conflict up to five times); entries older than {@link #RETENTION} are dropped on write.
 */
public final class ConfigMapThrottleStore implements ThrottleStore {

  /** Name of the ConfigMap. */
  public static final String NAME = "orkestra-notify-throttle";

  /** Entries whose send time is older than this are removed when the ConfigMap is written. */
  public static final Duration RETENTION = Duration.ofDays(30);

  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  /**
   * Creates a store.
   *
   * @param client the runtime's Kubernetes client
   * @param namespace where the ConfigMap lives
   * @param clock for the retention
   */
  public ConfigMapThrottleStore(KubernetesClient client, String namespace, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The namespace to keep the throttle in: the client's (in a pod, its own namespace), else
   * {@code default}.
   *
   * @param client the Kubernetes client
   * @return the namespace
   */
  public static String namespaceOf(KubernetesClient client) {
    String ns = client.getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  @Override
  public Mono<Map<String, Instant>> load() {
    return Mono.fromCallable(() -> decode(read()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public Mono<Void> save(Map<String, Instant> sent) {
    Map<String, Instant> batch = Map.copyOf(sent);
    return Mono.<Void>fromRunnable(() -> write(batch)).subscribeOn(Schedulers.boundedElastic());
  }

  private ConfigMap read() {
    return client.configMaps().inNamespace(namespace).withName(NAME).get();
  }

  private void write(Map<String, Instant> batch) {
    for (int attempt = 1; ; attempt++) {
      ConfigMap current = read();
      Map<String, Instant> merged = new HashMap<>(decode(current));
      batch.forEach((k, v) -> merged.merge(k, v, ThrottleStore::later));
      Instant oldest = clock.instant().minus(RETENTION);
      merged.values().removeIf(t -> t.isBefore(oldest));
      Map<String, String> data = new TreeMap<>();
      merged.forEach((k, v) -> data.put(dataKey(k), v + " " + k));
      try {
        if (current == null) {
          client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(NAME)
                  .withNamespace(namespace)
                  .addToLabels("app.kubernetes.io/managed-by", "orkestra")
                  .endMetadata()
                  .withData(data)
                  .build())
              .create();
        } else {
          current.setData(new LinkedHashMap<>(data));
          // update() sends the resourceVersion read above: a concurrent writer makes it fail (409)
          client.configMaps().inNamespace(namespace).resource(current).update();
        }
        return;
      } catch (KubernetesClientException e) {
        if ((e.getCode() != 409) || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static Map<String, Instant> decode(ConfigMap cm) {
    Map<String, Instant> out = new HashMap<>();
    if (cm == null || cm.getData() == null) {
      return out;
    }
    for (String value : cm.getData().values()) {
      int space = value.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        out.merge(value.substring(space + 1), Instant.parse(value.substring(0, space)),
            ThrottleStore::later);
      } catch (DateTimeParseException e) {
        // an entry someone edited by hand: ignored (the key may notify once more)
      }
    }
    return out;
  }

  /**
   * The ConfigMap data key of a throttle key.
   *
   * @param throttleKey the throttle key
   * @return {@code t-} and 40 hex digits
   */
  static String dataKey(String throttleKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(throttleKey.getBytes(StandardCharsets.UTF_8));
      return "t-" + HexFormat.of().formatHex(hash).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

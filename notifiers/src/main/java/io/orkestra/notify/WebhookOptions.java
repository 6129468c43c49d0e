package io.orkestra.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a webhook sink ({@link Notifiers#webhook}). Immutable; start from {@link
 * #defaults()} or {@link #to(String)} and derive with the {@code withX} methods.
 *
 * <p>The secret never appears in {@link #toString()}, in log lines or in delivery errors; nor do
 * the user info and query of the URL (the sink is named after scheme, host, port and path).
 *
 * @param url {@code http} or {@code https} URL every event is POSTed to
 * @param mode structured ({@code application/cloudevents+json}, default) or binary ({@code ce-*}
 *     headers, the data as body)
 * @param secret HMAC-SHA256 key; when set, every request carries {@value
 *     Notifiers#SIGNATURE_HEADER}{@code : sha256=<hex>}; {@code null} for unsigned requests
 * @param callTimeout bound on one HTTP call, connection included (at least 1 ms)
 * @param maxInFlight how many events the sink holds at once, requests included (at least 1);
 *     upstream is asked for no more while this many are unfinished
 * @param maxAttempts HTTP attempts per event before it is spilled (or failed without a spill),
 *     at least 1
 * @param minBackoff delay before the first retry; doubles per attempt, with jitter
 * @param maxBackoff upper bound on the retry delay, also on an honoured {@code Retry-After}
 * @param filter which events this sink receives
 * @param spill where events go while the sink is down; {@code null}: an event whose attempts are
 *     exhausted is reported as failed
 */
public record WebhookOptions(
    String url,
    CloudEventMode mode,
    @Nullable String secret,
    Duration callTimeout,
    int maxInFlight,
    int maxAttempts,
    Duration minBackoff,
    Duration maxBackoff,
    SinkFilter filter,
    @Nullable SpillOptions spill) {

  /** Default {@link #maxInFlight()}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 16;

  /** Default {@link #maxAttempts()}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Default {@link #callTimeout()}: ten seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /** Validates every component. */
  public WebhookOptions {
    Objects.requireNonNull(url, "url");
    URI uri = parse(url);
    Objects.requireNonNull(mode, "mode");
    if (secret != null && secret.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty (omit it for unsigned calls)");
    }
    OptionChecks.positiveMillis(callTimeout, "callTimeout", Duration.ofMillis(1));
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    OptionChecks.positiveMillis(minBackoff, "minBackoff", Duration.ofMillis(1));
    OptionChecks.positiveMillis(maxBackoff, "maxBackoff", minBackoff);
    Objects.requireNonNull(filter, "filter");
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("url must name a host, was '" + redact(uri) + "'");
    }
  }

  private static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          "url must be an http or https URL, was '" + redact(uri) + "'");
    }
    return uri;
  }

  private static String redact(URI uri) {
    StringBuilder b = new StringBuilder();
    if (uri.getScheme() != null) {
      b.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      b.append(uri.getHost());
    }
    if (uri.getPort() >= 0) {
      b.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      b.append(uri.getRawPath());
    }
    return b.toString();
  }

  /**
   * Options for {@code http://127.0.0.1:8080/events}, structured mode, no secret, 10 s per call,
   * {@value #DEFAULT_MAX_IN_FLIGHT} in flight, {@value #DEFAULT_MAX_ATTEMPTS} attempts with
   * backoff from 200 ms to 30 s, every event, no spill.
   *
   * @return the default options
   */
  public static WebhookOptions defaults() {
    return new WebhookOptions(
        "http://127.0.0.1:8080/events",
        CloudEventMode.STRUCTURED,
        null,
        DEFAULT_CALL_TIMEOUT,
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_MAX_ATTEMPTS,
        Duration.ofMillis(200),
        Duration.ofSeconds(30),
        SinkFilter.all(),
        null);
  }

  /**
   * The defaults with another URL.
   *
   * @param url the endpoint
   * @return the options
   */
  public static WebhookOptions to(String url) {
    return defaults().withUrl(url);
  }

  /**
   * The sink name used in {@link io.orkestra.core.DeliveryResult#sink()}: {@code
   * webhook:<scheme>://<host>[:<port>]<path>}, without user info or query.
   *
   * @return the sink name
   */
  public String sinkName() {
    return "webhook:" + redact(URI.create(url));
  }

  /** Like the record's own, with the secret and the URL's user info and query left out. */
  @Override
  public String toString() {
    return "WebhookOptions[url="
        + redact(URI.create(url))
        + ", mode="
        + mode
        + ", secret="
        + (secret == null ? "none" : "<redacted>")
        + ", callTimeout="
        + callTimeout
        + ", maxInFlight="
        + maxInFlight
        + ", maxAttempts="
        + maxAttempts
        + ", minBackoff="
        + minBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", filter="
        + filter
        + ", spill="
        + spill
        + "]";
  }

  /**
   * Copy with another URL.
   *
   * @param value an http or https URL
   * @return the copy
   */
  public WebhookOptions withUrl(String value) {
    return new WebhookOptions(
        value, mode, secret, callTimeout, maxInFlight, maxAttempts, minBackoff, maxBackoff, filter,
        spill);
  }

  /**
   * Copy with another content mode.
   *
   * @param value structured or binary
   * @return the copy
   */
  public WebhookOptions withMode(CloudEventMode value) {
    return new WebhookOptions(
        url, value, secret, callTimeout, maxInFlight, maxAttempts, minBackoff, maxBackoff, filter,
        spill);
  }

  /**
   * Copy with another signing secret.
   *
   * @param value the HMAC key (its UTF-8 bytes), {@code null} for unsigned calls
   * @return the copy
   */
  public WebhookOptions withSecret(@Nullable String value) {
    return new WebhookOptions(
        url, mode, value, callTimeout, maxInFlight, maxAttempts, minBackoff, maxBackoff, filter,
        spill);
  }

  /**
   * Copy with another per-call timeout.
   *
   * @param value at least 1 ms
   * @return the copy
   */
  public WebhookOptions withCallTimeout(Duration value) {
    return new WebhookOptions(
        url, mode, secret, value, maxInFlight, maxAttempts, minBackoff, maxBackoff, filter, spill);
  }

  /**
   * Copy with another in-flight limit.
   *
   * @param value at least 1
   * @return the copy
   */
  public WebhookOptions withMaxInFlight(int value) {
    return new WebhookOptions(
        url, mode, secret, callTimeout, value, maxAttempts, minBackoff, maxBackoff, filter, spill);
  }

  /**
   * Copy with another number of attempts per event.
   *
   * @param value at least 1
   * @return the copy
   */
  public WebhookOptions withMaxAttempts(int value) {
    return new WebhookOptions(
        url, mode, secret, callTimeout, maxInFlight, value, minBackoff, maxBackoff, filter, spill);
  }

  /**
   * Copy with other retry delays.
   *
   * @param min first retry delay, at least 1 ms
   * @param max largest retry delay, at least {@code min}
   * @return the copy
   */
  public WebhookOptions withBackoff(Duration min, Duration max) {
    return new WebhookOptions(
        url, mode, secret, callTimeout, maxInFlight, maxAttempts, min, max, filter, spill);
  }

  /**
   * Copy with another filter.
   *
   * @param value which events this sink receives
   * @return the copy
   */
  public WebhookOptions withFilter(SinkFilter value) {
    return new WebhookOptions(
        url, mode, secret, callTimeout, maxInFlight, maxAttempts, minBackoff, maxBackoff, value,
        spill);
  }

  /**
   * Copy with another spill.
   *
   * @param value the spill, {@code null} for none
   * @return the copy
   */
  public WebhookOptions withSpill(@Nullable SpillOptions value) {
    return new WebhookOptions(
        url, mode, secret, callTimeout, maxInFlight, maxAttempts, minBackoff, maxBackoff, filter,
        value);
  }
}

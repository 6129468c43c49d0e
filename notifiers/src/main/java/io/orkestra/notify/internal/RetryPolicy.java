package io.orkestra.notify.internal;

import io.orkestra.core.OrkestraException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Which delivery failures are worth retrying and how long to wait: exponential backoff from
 * {@code min} doubling to {@code max}, scaled by a random factor in [0.5, 1], or the endpoint's
 * {@code Retry-After} (capped at {@code max}). Retry timers run on Reactor's parallel scheduler
 * (virtual time in tests).
 */
public final class RetryPolicy {

  private final int maxAttempts;
  private final Duration min;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * Creates a policy.
   *
   * @param maxAttempts attempts per event, at least 1
   * @param min first delay
   * @param max largest delay
   * @param random source of the jitter factor's randomness, values in [0, 1)
   */
  public RetryPolicy(int maxAttempts, Duration min, Duration max, DoubleSupplier random) {
    this.maxAttempts = maxAttempts;
    this.min = min;
    this.max = max;
    this.random = random;
  }

  /**
   * A policy with thread-local randomness.
   *
   * @param maxAttempts attempts per event
   * @param min first delay
   * @param max largest delay
   * @return the policy
   */
  public static RetryPolicy of(int maxAttempts, Duration min, Duration max) {
    return new RetryPolicy(maxAttempts, min, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** An answer from the endpoint that is not 2xx. */
  public static final class StatusException extends OrkestraException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final @Nullable Duration retryAfter;

    /**
     * Creates the failure.
     *
     * @param sink the sink name (never carries secrets)
     * @param status HTTP status
     * @param retryAfter the {@code Retry-After} delay, if the endpoint sent one in seconds
     */
    public StatusException(String sink, int status, @Nullable Duration retryAfter) {
      super(sink + " answered HTTP " + status);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
      return status;
    }

    /**
     * The {@code Retry-After} the endpoint asked for.
     *
     * @return the delay, {@code null} if none (or not in seconds)
     */
    public @Nullable Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * Whether a failure may succeed on retry: 5xx, 408, 429, timeouts and connection errors.
   *
   * @param failure the failure
   * @return {@code false} for other HTTP answers (4xx, redirects)
   */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof StatusException s) {
      return s.status() >= 500 || s.status() == 408 || s.status() == 429;
    }
    return true;
  }

  /**
   * The delay before retry number {@code retry} (0 for the first retry).
   *
   * @param retry retries already made
   * @param failure the failure being retried
   * @return the delay
   */
  public Duration delay(long retry, Throwable failure) {
    if (failure instanceof StatusException s && s.retryAfter() != null) {
      Duration asked = s.retryAfter();
      return asked.compareTo(max) > 0 ? max : asked;
    }
    long base = min.toMillis();
    long cap = max.toMillis();
    long exp = retry >= 62 ? cap : Math.min(cap, base << Math.min(retry, 30));
    double factor = 0.5 + 0.5 * random.getAsDouble();
    return Duration.ofMillis(Math.max(1L, (long) (exp * factor)));
  }

  /**
   * The Reactor retry spec: retries transient failures until {@code maxAttempts} attempts were
   * made, then lets the last failure through.
   *
   * @return the spec
   */
  public Retry spec() {
    return Retry.from(
        signals ->
            signals.concatMap(
                signal -> {
                  Throwable failure = signal.failure();
                  if (!isTransient(failure) || signal.totalRetries() + 1 >= maxAttempts) {
                    return Mono.error(failure);
                  }
                  return Mono.delay(delay(signal.totalRetries(), failure));
                }));
  }

  /**
   * Parses a {@code Retry-After} header given in seconds (the HTTP-date form is ignored).
   *
   * @param header the header value
   * @return the delay, {@code null} when absent or not a number of seconds
   */
  public static @Nullable Duration parseRetryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException httpDate) {
      return null;
    }
  }
}

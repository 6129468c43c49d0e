package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.OrkestraException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy noJitter =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0);

  @Test
  void retriesServerErrorsTimeoutsConnectionErrors408And429Only() {
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 500, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 503, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 408, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 429, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new TimeoutException())).isTrue();
    assertThat(RetryPolicy.isTransient(new OrkestraException("x", new ConnectException()))).isTrue();
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 400, null))).isFalse();
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 404, null))).isFalse();
    assertThat(RetryPolicy.isTransient(new RetryPolicy.StatusException("s", 301, null))).isFalse();
  }

  @Test
  void doublesDelayUpToMaxWithJitterBetweenHalfAndFull() {
    Throwable f = new TimeoutException();
    assertThat(noJitter.delay(0, f)).isEqualTo(Duration.ofMillis(100));
    assertThat(noJitter.delay(1, f)).isEqualTo(Duration.ofMillis(200));
    assertThat(noJitter.delay(3, f)).isEqualTo(Duration.ofMillis(800));
    assertThat(noJitter.delay(4, f)).isEqualTo(Duration.ofSeconds(1));
    assertThat(noJitter.delay(200, f)).isEqualTo(Duration.ofSeconds(1));
    RetryPolicy lowest = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0);
    assertThat(lowest.delay(1, f)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void honoursRetryAfterCappedAtMaxBackoff() {
    assertThat(noJitter.delay(0, new RetryPolicy.StatusException("s", 429, Duration.ofMillis(700))))
        .isEqualTo(Duration.ofMillis(700));
    assertThat(noJitter.delay(0, new RetryPolicy.StatusException("s", 503, Duration.ofSeconds(60))))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void parsesRetryAfterSecondsAndIgnoresDates() {
    assertThat(RetryPolicy.parseRetryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryPolicy.parseRetryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(RetryPolicy.parseRetryAfter("-1")).isNull();
    assertThat(RetryPolicy.parseRetryAfter(null)).isNull();
  }
}

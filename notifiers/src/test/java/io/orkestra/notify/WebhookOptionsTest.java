package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookOptionsTest {

  @Test
  void defaultsAreStructuredUnsignedWithoutSpill() {
    WebhookOptions options = WebhookOptions.defaults();
    assertThat(options.mode()).isEqualTo(CloudEventMode.STRUCTURED);
    assertThat(options.secret()).isNull();
    assertThat(options.spill()).isNull();
    assertThat(options.maxInFlight()).isEqualTo(WebhookOptions.DEFAULT_MAX_IN_FLIGHT);
    assertThat(options.filter().passesAll()).isTrue();
  }

  @Test
  void sinkNameAndToStringLeaveOutSecretUserInfoAndQuery() {
    WebhookOptions options =
        WebhookOptions.to("https://user:pw@hooks.example.com:8443/in?token=abc123")
            .withSecret("hunter2-secret");

    assertThat(options.sinkName()).isEqualTo("webhook:https://hooks.example.com:8443/in");
    assertThat(options.toString())
        .contains("secret=<redacted>")
        .doesNotContain("hunter2-secret")
        .doesNotContain("abc123")
        .doesNotContain("pw@");
  }

  @Test
  void rejectsNonHttpUrlsWithoutEchoingSecrets() {
    assertThatThrownBy(() -> WebhookOptions.to("ftp://host/x?token=abc123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https")
        .hasMessageNotContaining("abc123");
    assertThatThrownBy(() -> WebhookOptions.to("http:///nohost"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBadLimitsNamingTheValue() {
    assertThatThrownBy(() -> WebhookOptions.defaults().withMaxInFlight(0))
        .hasMessage("maxInFlight must be at least 1, was 0");
    assertThatThrownBy(() -> WebhookOptions.defaults().withMaxAttempts(0))
        .hasMessage("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(
            () -> WebhookOptions.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> WebhookOptions.defaults().withSecret(""))
        .hasMessageContaining("secret must not be empty");
  }

  @Test
  void spillOptionsCheckTheirBounds() {
    SpillOptions spill = SpillOptions.in(Path.of("/tmp/spill"));
    assertThat(spill.maxBytes()).isEqualTo(SpillOptions.DEFAULT_MAX_BYTES);
    assertThatThrownBy(() -> spill.withSegmentBytes(10))
        .hasMessage("segmentBytes must be at least 64, was 10");
    assertThatThrownBy(() -> spill.withMaxBytes(100))
        .hasMessageContaining("maxBytes must be at least segmentBytes");
  }
}

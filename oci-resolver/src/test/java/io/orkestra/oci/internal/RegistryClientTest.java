package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.oci.OciOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

  @Test
  void usesPlainHttpOnlyForLoopbackOrWhenAsked() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RegistryClient tls = new RegistryClient(vertx, OciOptions.defaults().withDockerConfig(null));
      assertThat(tls.baseUrl("ghcr.io")).isEqualTo("https://ghcr.io");
      assertThat(tls.baseUrl("registry.example.com:5000")).isEqualTo("https://registry.example.com:5000");
      assertThat(tls.baseUrl("127.0.0.1:5000")).isEqualTo("http://127.0.0.1:5000");
      assertThat(tls.baseUrl("localhost:5000")).isEqualTo("http://localhost:5000");
      assertThat(tls.baseUrl("localhost.evil.com")).isEqualTo("https://localhost.evil.com");
      RegistryClient plain = new RegistryClient(vertx, OciOptions.defaults().withDockerConfig(null).withPlainHttp(true));
      assertThat(plain.baseUrl("registry.internal:5000")).isEqualTo("http://registry.internal:5000");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

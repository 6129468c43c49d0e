package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

  @TempDir Path temp;

  @Test
  void readsDockerAuthsAndLetsExplicitCredentialsWin() throws Exception {
    Path config = temp.resolve("config.json");
    // "dXNlcjpwYXNz" is base64 of user:pass
    Files.writeString(config, "{\"auths\":{\"https://ghcr.io/v1/\":{\"auth\":\"dXNlcjpwYXNz\"},"
        + "\"127.0.0.1:5000\":{\"username\":\"a\",\"password\":\"b\"},\"quay.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}");
    Credentials c = Credentials.load(Map.of("quay.io", "x:y"), config);
    assertThat(c.forRegistry("ghcr.io")).contains("user:pass");
    assertThat(c.forRegistry("127.0.0.1:5000")).contains("a:b");
    assertThat(c.forRegistry("quay.io")).contains("x:y");
    assertThat(c.forRegistry("docker.io")).isEmpty();
    assertThat(c.basicHeader("ghcr.io")).contains("Basic dXNlcjpwYXNz");
    assertThat(c.toString()).doesNotContain("pass").doesNotContain("x:y");
  }

  @Test
  void missingConfigMeansAnonymous() {
    assertThat(Credentials.load(Map.of(), temp.resolve("none.json")).forRegistry("ghcr.io")).isEmpty();
  }
}

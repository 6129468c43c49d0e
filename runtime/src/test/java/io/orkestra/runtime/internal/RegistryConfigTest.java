package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.MirrorEndpoint;
import io.orkestra.oci.RegistryMirrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConfigTest {

  @TempDir Path dir;

  private Path config(String yaml) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsMirrorsListsSingleStringsAndMirrorOnlyFromTheConfigFile() throws Exception {
    Path f = config("""
        registry:
          mirrors:
            ghcr.io: [http://127.0.0.1:5000, https://backup.local/ghcr]
            docker.io: https://d.local
          mirrorOnly: true
        """);

    RegistryMirrors m = RegistryConfig.mirrors(Map.of(RegistryConfig.CONFIG_ENV, f.toString()), List.of(), false);

    assertThat(m.endpoints("ghcr.io")).extracting(MirrorEndpoint::url)
        .containsExactly("http://127.0.0.1:5000", "https://backup.local/ghcr");
    assertThat(m.endpoints("docker.io")).extracting(MirrorEndpoint::url).containsExactly("https://d.local");
    assertThat(m.mirrorOnly()).isTrue();
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideTheEnvironmentPerHost() throws Exception {
    Path f = config("registry:\n  mirrors:\n    ghcr.io: [http://file:5000]\n    quay.io: [http://file:5001]\n");
    Map<String, String> env = Map.of(RegistryConfig.CONFIG_ENV, f.toString(),
        RegistryMirrors.ENVIRONMENT_VARIABLE, "ghcr.io=http://env:5000,docker.io=http://env:5002");

    RegistryMirrors m = RegistryConfig.mirrors(env, List.of("docker.io=http://flag:5003"), true);

    assertThat(m.endpoints("ghcr.io")).extracting(MirrorEndpoint::host).containsExactly("env:5000");
    assertThat(m.endpoints("quay.io")).extracting(MirrorEndpoint::host).containsExactly("file:5001");
    assertThat(m.endpoints("docker.io")).extracting(MirrorEndpoint::host).containsExactly("flag:5003");
    assertThat(m.mirrorOnly()).isTrue();
  }

  @Test
  void missingDefaultFileMeansNoMirrorsButAMissingNamedFileIsAnError() {
    assertThat(RegistryConfig.fromFile(dir.resolve("absent.yaml"), false).mirrors()).isEmpty();
    assertThatThrownBy(() -> RegistryConfig.mirrors(Map.of(RegistryConfig.CONFIG_ENV, dir.resolve("absent.yaml").toString()),
            List.of(), false))
        .isInstanceOf(OrkestraException.class).hasMessageContaining("config file not found: " + dir.resolve("absent.yaml"));
  }

  @Test
  void badSettingsNameTheFileAndKey() throws Exception {
    Path f = config("registry:\n  mirrors:\n    ghcr.io: [ftp://m.local]\n");
    assertThatThrownBy(() -> RegistryConfig.fromFile(f, true))
        .isInstanceOf(OrkestraException.class)
        .hasMessageStartingWith(f + ": registry.mirrors.ghcr.io: mirror endpoint 'ftp://m.local' must use http://");
    Path g = config("registry:\n  mirrorOnly: sometimes\n");
    assertThatThrownBy(() -> RegistryConfig.fromFile(g, true))
        .isInstanceOf(OrkestraException.class).hasMessageContaining("registry.mirrorOnly: must be true or false");
  }

  @Test
  void badEnvironmentValueNamesTheVariable() throws Exception {
    Path f = config("");
    assertThatThrownBy(() -> RegistryConfig.mirrors(Map.of(RegistryConfig.CONFIG_ENV, f.toString(),
            RegistryMirrors.ENVIRONMENT_VARIABLE, "ghcr.io"), List.of(), false))
        .isInstanceOf(OrkestraException.class)
        .hasMessageStartingWith("ORK_REGISTRY_MIRRORS: registry mirror 'ghcr.io' must be HOST=ENDPOINT");
  }
}

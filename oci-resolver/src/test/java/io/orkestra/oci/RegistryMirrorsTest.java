package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryMirrorsTest {

  @Test
  void parsesHostEndpointPairsInOrder() {
    RegistryMirrors m = RegistryMirrors.parse("ghcr.io=http://127.0.0.1:5000, GHCR.io=mirror.local/cache,docker.io=https://d.local");
    assertThat(m.endpoints("ghcr.io")).extracting(MirrorEndpoint::url)
        .containsExactly("http://127.0.0.1:5000", "https://mirror.local/cache");
    assertThat(m.endpoints("docker.io")).extracting(MirrorEndpoint::host).containsExactly("d.local");
    assertThat(m.endpoints("quay.io")).isEmpty();
    assertThat(m.mirrorOnly()).isFalse();
  }

  @Test
  void blankTextMeansNoMirrors() {
    assertThat(RegistryMirrors.parse(" ").mirrors()).isEmpty();
  }

  @Test
  void refusesPairsWithoutHostOrEndpoint() {
    assertThatThrownBy(() -> RegistryMirrors.parse("http://127.0.0.1:5000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST=ENDPOINT");
    assertThatThrownBy(() -> RegistryMirrors.parse("ghcr.io="))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ghcr.io='");
    assertThatThrownBy(() -> RegistryMirrors.parse("ghcr.io/org=http://m"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghcr.io/org");
  }

  @Test
  void refusesEndpointsWithOtherSchemes() {
    assertThatThrownBy(() -> MirrorEndpoint.parse("ftp://m.local"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://m.local");
  }

  @Test
  void endpointPrefixGoesBeforeTheUpstreamRepository() {
    MirrorEndpoint e = MirrorEndpoint.parse("http://10.0.0.5:5000/cache/");
    assertThat(e.plainHttp()).isTrue();
    assertThat(e.prefix()).isEqualTo("cache");
    OciReference up = new OciReference("ghcr.io", "orkspace/orkestra-registry/postgres", "v14", null);
    assertThat(e.locate(up)).hasToString("10.0.0.5:5000/cache/orkspace/orkestra-registry/postgres:v14");
    assertThat(MirrorEndpoint.parse("127.0.0.1:5000").url()).isEqualTo("http://127.0.0.1:5000");
    assertThat(MirrorEndpoint.parse("m.local").locate(up)).hasToString("m.local/orkspace/orkestra-registry/postgres:v14");
  }

  @Test
  void higherSourceReplacesTheEndpointsOfTheHostsItNames() {
    RegistryMirrors file = new RegistryMirrors(Map.of(
        "ghcr.io", List.of(MirrorEndpoint.parse("http://a")), "docker.io", List.of(MirrorEndpoint.parse("http://b"))), true);
    RegistryMirrors merged = file.overriddenBy(RegistryMirrors.parse("ghcr.io=http://c"));
    assertThat(merged.endpoints("ghcr.io")).extracting(MirrorEndpoint::host).containsExactly("c");
    assertThat(merged.endpoints("docker.io")).extracting(MirrorEndpoint::host).containsExactly("b");
    assertThat(merged.mirrorOnly()).isTrue();
  }

  @Test
  void plainHttpOnlyForHttpEndpoints() {
    RegistryMirrors m = RegistryMirrors.parse("ghcr.io=http://m1.local:5000,docker.io=https://m2.local");
    assertThat(m.plainHttp("m1.local:5000")).isTrue();
    assertThat(m.plainHttp("m2.local")).isFalse();
  }
}

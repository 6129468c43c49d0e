package io.orkestra.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OciResolverTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  static OciReference parse(String s) {
    return OciResolver.parseReference(s, ArtifactKind.PATTERN, Map.of());
  }

  @Test
  void splitsKomposerAtVersionShorthandIntoTag() {
    OciReference r = parse("ghcr.io/orkspace/orkestra-registry/postgres@v14");
    assertThat(r.registry()).isEqualTo("ghcr.io");
    assertThat(r.repository()).isEqualTo("orkspace/orkestra-registry/postgres");
    assertThat(r.tag()).isEqualTo("v14");
    assertThat(r.digest()).isNull();
  }

  @Test
  void keepsDigestAndPort() {
    OciReference r = parse("oci://127.0.0.1:5000/orkestra/patterns/redis:v7@" + DIGEST);
    assertThat(r.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(r.tag()).isEqualTo("v7");
    assertThat(r.pinnedDigest()).contains(DIGEST);
    assertThat(r.cacheHost()).isEqualTo("127.0.0.1_5000");
    assertThat(r).hasToString("127.0.0.1:5000/orkestra/patterns/redis:v7@" + DIGEST);
  }

  @Test
  void prefixesShortNamesWithDefaultRegistryPerKind() {
    assertThat(parse("postgres:v14").toString())
        .isEqualTo("ghcr.io/orkspace/orkestra-registry/patterns/katalogs/postgres:v14");
    assertThat(OciResolver.parseReference("redis", ArtifactKind.MOTIF, Map.of()).toString())
        .isEqualTo("ghcr.io/orkspace/orkestra-registry/patterns/motifs/redis:latest");
  }

  @Test
  void honoursRegistryEnvironmentOverride() {
    OciReference r = OciResolver.parseReference(
        "postgres:v14", ArtifactKind.PATTERN, Map.of("ORK_REGISTRY", "localhost:5000/mirror/"));
    assertThat(r.registry()).isEqualTo("localhost:5000");
    assertThat(r.repository()).isEqualTo("mirror/postgres");
  }

  @Test
  void rejectsMalformedDigestsAndRepositories() {
    assertThatThrownBy(() -> parse("ghcr.io/x/y@sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid digest 'sha256:abc'");
    assertThatThrownBy(() -> parse("ghcr.io/Upper/Case:v1"))
        .hasMessageContaining("invalid repository 'Upper/Case'");
    assertThatThrownBy(() -> parse("ghcr.io/x/y:v1@v2")).hasMessageContaining("two tags");
  }

  @Test
  void optionsCopyOnlyTheChangedSetting() {
    OciOptions base = OciOptions.defaults();
    OciOptions changed = base.withPlainHttp(true).withCredentials("r.io", "u", "p").withMaxManifestBytes(10);
    assertThat(changed.plainHttp()).isTrue();
    assertThat(changed.credentials()).containsEntry("r.io", "u:p");
    assertThat(changed.maxManifestBytes()).isEqualTo(10);
    assertThat(changed.cacheRoot()).isEqualTo(base.cacheRoot());
    assertThat(base.credentials()).isEmpty();
    assertThatThrownBy(() -> base.withChunkSize(0)).hasMessageContaining("chunkSize must be positive: 0");
  }
}

package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.oci.ArtifactKind;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

  @Test
  void mapsFilesToTheSpecsLayerMediaTypes() {
    assertThat(MediaTypes.layerType("katalog.yaml")).isEqualTo("application/vnd.orkestra.katalog.v1+yaml");
    assertThat(MediaTypes.layerType("crd.yaml")).isEqualTo("application/vnd.kubernetes.crd.v1+yaml");
    assertThat(MediaTypes.layerType("cr.yaml")).isEqualTo("application/vnd.kubernetes.cr.v1+yaml");
    assertThat(MediaTypes.layerType("motif.yaml")).isEqualTo("application/vnd.orkestra.motif.v1+yaml");
    assertThat(MediaTypes.layerType("e2e.yaml")).isEqualTo("application/vnd.orkestra.e2e.v1+yaml");
    assertThat(MediaTypes.layerType("simulate.yaml")).isEqualTo("application/vnd.orkestra.simulate.v1+yaml");
    assertThat(MediaTypes.layerType("README.md")).isEqualTo("text/markdown");
    assertThat(MediaTypes.layerType("go.sum")).isEqualTo("text/plain");
    assertThat(MediaTypes.layerType("Makefile")).isEqualTo("text/x-makefile");
    assertThat(MediaTypes.layerType("example/cr.yaml")).isEqualTo("application/vnd.kubernetes.cr.v1+yaml");
    assertThat(MediaTypes.layerType("komposer.yaml")).isEqualTo("application/octet-stream");
  }

  @Test
  void namesArtifactTypeAndRequiredFilePerKind() {
    assertThat(MediaTypes.artifactType(ArtifactKind.PATTERN)).isEqualTo("application/vnd.orkestra.pattern.v1+tar+gzip");
    assertThat(MediaTypes.artifactType(ArtifactKind.MOTIF)).isEqualTo("application/vnd.orkestra.motif.v1+tar+gzip");
    assertThat(MediaTypes.requiredFile(ArtifactKind.MOTIF)).isEqualTo("motif.yaml");
    assertThat(MediaTypes.requiredFile(ArtifactKind.PATTERN)).isEqualTo("katalog.yaml");
  }
}

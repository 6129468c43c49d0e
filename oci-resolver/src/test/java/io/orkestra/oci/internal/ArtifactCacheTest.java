package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.OciReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {

  @TempDir Path temp;

  @Test
  void refusesTitlesThatLeaveTheDirectory() {
    for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "a//b", "./x", "a\\b", "C:x", "", ".orkestra-digest")) {
      assertThatThrownBy(() -> ArtifactCache.checkTitle(bad, "ref"))
          .isInstanceOf(OrkestraException.class)
          .hasMessageContaining("refusing layer title '" + bad + "' of ref");
    }
    assertThat(ArtifactCache.checkTitle("example/cr.yaml", "ref")).isEqualTo("example/cr.yaml");
  }

  @Test
  void laysOutDirectoriesByHostRepositoryAndTagOrDigest() {
    ArtifactCache cache = new ArtifactCache(temp);
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(cache.directory(new OciReference("127.0.0.1:5000", "org/p", "v1", null)))
        .isEqualTo(temp.resolve("127.0.0.1_5000/org/p/v1"));
    assertThat(cache.directory(new OciReference("ghcr.io", "org/p", "v1", digest)))
        .isEqualTo(temp.resolve("ghcr.io/org/p/sha256_" + "ab".repeat(32)));
    assertThat(cache.blob(digest)).isEqualTo(temp.resolve("_blobs/sha256/" + "ab".repeat(32)));
  }

  @Test
  void materializedDirectoryVerifiesUntilAFileChanges() throws Exception {
    ArtifactCache cache = new ArtifactCache(temp);
    byte[] content = "kind: Katalog\n".getBytes(StandardCharsets.UTF_8);
    String layerDigest = Digests.of(content);
    cache.storeBlob(layerDigest, content);
    byte[] manifest = ("{\"layers\":[{\"mediaType\":\"x\",\"digest\":\"" + layerDigest + "\",\"size\":14,"
        + "\"annotations\":{\"org.opencontainers.image.title\":\"katalog.yaml\"}}]}").getBytes(StandardCharsets.UTF_8);
    String digest = Digests.of(manifest);
    cache.storeBlob(digest, manifest);
    Path dir = temp.resolve("h/r/v1");
    List<OciDescriptor> layers = List.of(new OciDescriptor("x", layerDigest, 14, null, Map.of(OciDescriptor.TITLE, "katalog.yaml")));
    assertThat(cache.materialize(dir, digest, layers, "ref")).containsExactly("katalog.yaml");
    assertThat(cache.verified(dir, digest)).contains(List.of("katalog.yaml"));
    assertThat(cache.verified(dir, "sha256:" + "00".repeat(32))).isEmpty();
    Files.writeString(dir.resolve("katalog.yaml"), "changed");
    assertThat(cache.verified(dir, digest)).isEmpty();
    // materializing again replaces the directory atomically
    cache.materialize(dir, digest, layers, "ref");
    assertThat(cache.verified(dir, digest)).isPresent();
    assertThat(Files.list(dir.getParent()).map(p -> p.getFileName().toString())).containsExactly("v1");
  }
}

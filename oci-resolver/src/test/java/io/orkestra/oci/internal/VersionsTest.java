package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.oci.ArtifactVersion;
import io.orkestra.oci.internal.Versions.Tagged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  private static final String A = "sha256:" + "aa".repeat(32);
  private static final String B = "sha256:" + "bb".repeat(32);
  private static final String C = "sha256:" + "cc".repeat(32);

  @Test
  void tellsVersionsFromFloatingTags() {
    assertThat(List.of("v1", "1.2.0", "v2.0.0-rc.1", "v1.0.0+build.5")).allMatch(Versions::isVersion);
    assertThat(List.of("latest", "main", "stable", "v", "1.x")).noneMatch(Versions::isVersion);
  }

  @Test
  void ordersVersionsNumericallyWithReleasesAbovePreReleases() {
    assertThat(Versions.compare("v1.10.0", "v1.9.0")).isPositive();
    assertThat(Versions.compare("v2.0.0", "v2.0.0-rc.1")).isPositive();
    assertThat(Versions.compare("1.2.0", "v1.2.0")).isZero();
  }

  @Test
  void aVersionSupersedesAFloatingTagButNotAHigherVersion() {
    assertThat(Versions.supersedes("latest", "v1")).isTrue();
    assertThat(Versions.supersedes("v2", "latest")).isFalse();
    assertThat(Versions.supersedes("v2.0.0", "v1.5.0")).isFalse();
    assertThat(Versions.supersedes("v1.5.0", "v1.5.0")).isTrue();
    assertThat(Versions.supersedes("main", "latest")).isTrue();
  }

  @Test
  void dedupesByDigestPreferringVersionTagsAndOrdersNewestPushFirst() {
    Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
    Instant t2 = Instant.parse("2026-02-01T00:00:00Z");
    Instant t3 = Instant.parse("2026-03-01T00:00:00Z");
    List<ArtifactVersion> versions = Versions.dedupe(List.of(
        new Tagged("latest", B, t3), new Tagged("v1", A, t1), new Tagged("v2", B, t3),
        new Tagged("v2.1.0", B, t3), new Tagged("v0.9.0", C, t2)));
    assertThat(versions).extracting(ArtifactVersion::tag).containsExactly("v2.1.0", "v0.9.0", "v1");
    assertThat(versions.get(0).aliases()).containsExactly("latest", "v2");
    assertThat(versions.get(0).digest()).isEqualTo(B);
    assertThat(versions.get(0).created()).isEqualTo(t3);
  }

  @Test
  void unknownPushTimesGoLast() {
    List<ArtifactVersion> versions = Versions.dedupe(List.of(
        new Tagged("v3", A, null), new Tagged("v1", B, Instant.parse("2026-01-01T00:00:00Z"))));
    assertThat(versions).extracting(ArtifactVersion::tag).containsExactly("v1", "v3");
  }
}

package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.IndexEntry;
import io.orkestra.oci.PatternIndex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexStoreTest {

  private static final Instant T = Instant.parse("2026-11-25T06:00:00Z");

  private static IndexEntry entry(String name, String version) {
    return new IndexEntry(name, version, "d " + version, List.of(), "", "pattern", false, T);
  }

  @Test
  void namespaceIsTheRepositoryWithoutItsLastSegment() {
    assertThat(IndexStore.namespaceOf("acme/patterns/katalogs/postgres")).isEqualTo("acme/patterns/katalogs");
    assertThat(IndexStore.nameOf("acme/patterns/katalogs/postgres")).isEqualTo("postgres");
    assertThat(IndexStore.namespaceOf("postgres")).isEmpty();
    assertThat(PatternIndex.repositoryOf("")).isEqualTo("index");
    assertThat(PatternIndex.repositoryOf("acme/katalogs")).isEqualTo("acme/katalogs/index");
  }

  @Test
  void mergeAddsNewNamesSortedAndKeepsTheHigherVersion() {
    List<IndexEntry> one = IndexStore.merge(List.of(), entry("redis", "v7.0.0"));
    List<IndexEntry> two = IndexStore.merge(one, entry("postgres", "v1.0.0"));
    assertThat(two).extracting(IndexEntry::name).containsExactly("postgres", "redis");
    assertThat(IndexStore.merge(two, entry("redis", "v6.0.0"))).isEqualTo(two);
    assertThat(IndexStore.merge(two, entry("redis", "latest"))).isEqualTo(two);
    assertThat(IndexStore.merge(two, entry("redis", "v7.1.0")).get(1).description()).isEqualTo("d v7.1.0");
  }

  @Test
  void entryComesFromManifestAnnotations() {
    IndexEntry e = IndexStore.entryOf("postgres", "v1", Map.of(
        "org.opencontainers.image.description", "PostgreSQL operator",
        "io.orkestra.pattern.tags", "db, sql,",
        "io.orkestra.pattern.author", "acme",
        "io.orkestra.pattern.kind", "motif",
        "io.orkestra.pattern.deprecated", "true",
        "org.opencontainers.image.created", "2026-11-25T06:00:00Z"));
    assertThat(e).isEqualTo(new IndexEntry("postgres", "v1", "PostgreSQL operator", List.of("db", "sql"), "acme",
        "motif", true, T));
  }

  @Test
  void encodesAndDecodesTheIndexDocument() {
    PatternIndex index = new PatternIndex("r:5000", "acme/katalogs",
        List.of(new IndexEntry("pg", "v1", "desc", List.of("db"), "me", "pattern", true, T)), T);
    byte[] json = IndexStore.encode(index);
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"latestVersion\" : \"v1\"")
        .contains("\"schemaVersion\" : 1");
    assertThat(IndexStore.decode("r:5000", "acme/katalogs", json, "test")).isEqualTo(index);
  }

  @Test
  void refusesADocumentWithoutEntries() {
    assertThatThrownBy(() -> IndexStore.decode("r", "n", "{\"x\":1}".getBytes(StandardCharsets.UTF_8), "r/n/index:latest"))
        .isInstanceOf(OrkestraException.class).hasMessage("r/n/index:latest: index.json has no entries array");
  }
}

package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.OrkestraException;
import io.orkestra.oci.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushChecksTest {

  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/registry");

  @TempDir Path temp;

  @Test
  void kindComesFromTheDirectoryOrTheMotifFlag() {
    assertThat(PushChecks.kindOf(FIXTURES.resolve("pattern"), false)).isEqualTo(ArtifactKind.PATTERN);
    assertThat(PushChecks.kindOf(FIXTURES.resolve("motif"), false)).isEqualTo(ArtifactKind.MOTIF);
    assertThat(PushChecks.kindOf(FIXTURES.resolve("pattern"), true)).isEqualTo(ArtifactKind.MOTIF);
    assertThat(PushChecks.kindOf(temp, false)).isEqualTo(ArtifactKind.PATTERN);
    assertThatThrownBy(() -> PushChecks.requirePrimaryFile(temp, ArtifactKind.PATTERN))
        .isInstanceOf(OrkestraException.class).hasMessage(temp + " has no katalog.yaml (required for a pattern)");
  }

  @Test
  void metadataBecomesTheAnnotationsTheIndexReads() {
    PushChecks.Metadata m = PushChecks.metadata(FIXTURES.resolve("pattern/katalog.yaml"));
    assertThat(PushChecks.annotations(m)).isEqualTo((Map.of(
        "org.opencontainers.image.description", "A demo pattern with one CRD.",
        "org.opencontainers.image.authors", "acme",
        "io.orkestra.pattern.author", "acme",
        "org.opencontainers.image.licenses", "Apache-2.0",
        "io.orkestra.pattern.license", "Apache-2.0",
        "io.orkestra.pattern.tags", "demo,web")));
    PushChecks.Metadata legacy = PushChecks.metadata(FIXTURES.resolve("versioned/katalog.yaml"));
    assertThat(legacy.deprecated()).isTrue();
    assertThat(PushChecks.annotations(legacy)).containsEntry("io.orkestra.pattern.deprecated", "true");
  }

  @Test
  void versionMustMatchTheTagIgnoringALeadingV() {
    Path file = FIXTURES.resolve("versioned/katalog.yaml");
    PushChecks.Metadata m = PushChecks.metadata(file);
    assertThat(PushChecks.versionMismatch(m, "v1.2.0", file)).isNull();
    assertThat(PushChecks.versionMismatch(m, "1.2.0", file)).isNull();
    assertThat(PushChecks.versionMismatch(m, "latest", file))
        .isEqualTo(file + ": metadata.version is 1.2.0 but the tag is latest (push it as :1.2.0, change"
            + " metadata.version, or use --force)");
    assertThat(PushChecks.versionMismatch(PushChecks.Metadata.NONE, "anything", file)).isNull();
  }

  @Test
  void motifValidationUsesTheMotifLoader() throws Exception {
    assertThat(PushChecks.validateMotif(FIXTURES.resolve("motif/motif.yaml"))).isEmpty();
    Path two = temp.resolve("motif.yaml");
    Files.writeString(two, "kind: Motif\n---\nkind: Motif\n");
    assertThat(PushChecks.validateMotif(two)).containsExactly(
        two + ":1:1: missing required key 'apiVersion' at the top level",
        two + ":1:1: missing required key 'metadata' at the top level",
        two + ":3:1: a Motif file must hold one YAML document, found 2");
    Files.writeString(two, "kind: [unclosed\n");
    assertThat(PushChecks.validateMotif(two)).singleElement().asString().startsWith(two + ":");
  }

  @Test
  void lockReadsRegistryImportsInTheirBothForms() throws Exception {
    Path komposer = temp.resolve("komposer.yaml");
    Files.writeString(komposer, "kind: Komposer\nimports:\n  registry:\n    - oci://r.io/a/db:v1\n"
        + "    - url: r.io/a/web\n      version: v7\n    - url: r.io/a/cache@v2\n      version: ignored\n"
        + "      useKomposer: true\n");
    List<RegistryLockCommand.Import> imports = RegistryLockCommand.imports(komposer);
    assertThat(imports).extracting(RegistryLockCommand.Import::reference)
        .containsExactly("oci://r.io/a/db:v1", "r.io/a/web:v7", "r.io/a/cache@v2");
    assertThat(imports.get(2).useKomposer()).isTrue();
    assertThat(imports.get(1).where()).isEqualTo(komposer + ": imports.registry[1]");
    Files.writeString(komposer, "kind: Komposer\nimports:\n  registry:\n    - https://github.com/acme/registry\n");
    assertThatThrownBy(() -> RegistryLockCommand.imports(komposer)).hasMessageContaining("git registry imports cannot be locked");
  }
}

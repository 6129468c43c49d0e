package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry content at the repository root ({@code registry/}): every motif, pattern and example
 * validates, every {@code simulate.yaml} passes, the committed catalogue page is the generated one,
 * and the bad inputs the registry issue names are errors (exit 2) that name the file. Directories
 * are discovered, so new content is covered without touching this test.
 */
class RegistryContentTest {

  private static final Path REGISTRY = Path.of("../registry");
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/registry");
  private static final List<String> MOTIFS =
      List.of("postgres", "mysql", "mongodb", "redis", "kafka", "rabbitmq", "deployment-stack");

  private static List<Path> files(String name) throws IOException {
    try (Stream<Path> walk = Files.walk(REGISTRY)) {
      return walk.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
    }
  }

  @Test
  void everyMotifOfTheIssueHasAPatternAndDocs() {
    for (String name : MOTIFS) {
      assertThat(REGISTRY.resolve("motifs/" + name + "/motif.yaml")).isRegularFile();
      assertThat(REGISTRY.resolve("motifs/" + name + "/README.md")).isRegularFile();
      for (String file : List.of("katalog.yaml", "crd.yaml", "cr.yaml", "README.md", "simulate.yaml")) {
        assertThat(REGISTRY.resolve("patterns/" + name + "/" + file)).isRegularFile();
      }
    }
    assertThat(REGISTRY.resolve("patterns/platform/komposer.yaml")).isRegularFile();
    assertThat(REGISTRY.resolve("publish")).isExecutable();
  }

  @TestFactory
  Stream<DynamicTest> everyMotifKatalogAndKomposerValidates() throws IOException {
    List<Path> all = Stream.of("motif.yaml", "katalog.yaml", "komposer.yaml")
        .flatMap(n -> {
          try {
            return files(n).stream();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        })
        .toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(2 * MOTIFS.size() + MOTIFS.size());
    return all.stream().map(file -> DynamicTest.dynamicTest(REGISTRY.relativize(file).toString(), () -> {
      OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", file.toString());
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains(": valid ");
    }));
  }

  @TestFactory
  Stream<DynamicTest> everySimulateFilePasses() throws IOException {
    List<Path> simulations = files("simulate.yaml");
    // one per pattern (the motifs' and the platform's included) and one per motif example
    assertThat(simulations).hasSizeGreaterThanOrEqualTo(2 * MOTIFS.size() + 1);
    return simulations.stream().map(file -> DynamicTest.dynamicTest(REGISTRY.relativize(file).toString(), () -> {
      OrkCliTest.Run r = OrkCliTest.ork("simulate", "-f", file.toString());
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("PASS: ").doesNotContain("\u2717");
    }));
  }

  @Test
  void theQuickStartOverrideTargetExists() throws IOException {
    // the seed's Komposer overrides spec.crds.postgres.workers: 4, which must differ from the default
    OrkCliTest.Run r = OrkCliTest.ork("validate", "--full", "-f", REGISTRY.resolve("patterns/postgres").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("crd postgres: Postgres (data.orkestra.io/v1");
    String katalog = Files.readString(REGISTRY.resolve("patterns/postgres/katalog.yaml"));
    assertThat(katalog).contains("engineMajor: \"14\"").contains("workers: 2");
    assertThat(Files.readString(REGISTRY.resolve("patterns/redis/katalog.yaml"))).contains("engineMajor: \"7\"");
  }

  @Test
  void theCommittedCatalogueIsUpToDate(@TempDir Path temp) throws IOException {
    Path fresh = temp.resolve("catalogue.md");
    OrkCliTest.Run r = OrkCliTest.ork("registry", "catalogue", REGISTRY.toString(), "-o", fresh.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String committed = Files.readString(Path.of("../docs/catalogue.md"), StandardCharsets.UTF_8);
    assertThat(committed)
        .as("docs/catalogue.md is stale: run registry/publish --catalogue")
        .isEqualTo(Files.readString(fresh, StandardCharsets.UTF_8));
    for (String name : MOTIFS) {
      assertThat(committed).contains("[" + name + "](../registry/patterns/" + name + "/README.md)");
    }
    assertThat(committed).contains("`ghcr.io/orkspace/orkestra-registry/postgres@v14`")
        .contains("`ghcr.io/orkspace/orkestra-registry/redis@v7`");
  }

  @Test
  void aPatternWhoseCrdFileAndKatalogDisagreeIsAnErrorNamingBothFiles() {
    Path dir = FIXTURES.resolve("crd-mismatch");
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(dir.resolve("crd.yaml") + ":6:3: CustomResourceDefinition pgclusters.data.orkestra.io"
            + " (group data.orkestra.io, kind PgCluster) is no CRD of katalog.yaml")
        .contains(dir.resolve("katalog.yaml") + ":9:5: crd postgres is data.orkestra.io/Postgres but crd.yaml"
            + " defines data.orkestra.io/PgCluster")
        .doesNotContain("Exception");
    assertThat(r.out()).doesNotContain("valid");
  }

  @Test
  void aPushOfADisagreeingPatternIsRefusedBeforeAnythingIsSent() {
    // nothing listens on port 9: the check must fail before any connection is tried
    OrkCliTest.Run r = OrkCliTest.ork("registry", "push", "127.0.0.1:9/acme/drifted:1.0.0",
        FIXTURES.resolve("crd-mismatch").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("crd.yaml:6:3: CustomResourceDefinition pgclusters.data.orkestra.io")
        .contains("nothing was pushed");
  }

  @Test
  void aRegistryMotifInputOfTheWrongTypeIsAnErrorAtTheImport() {
    Path file = FIXTURES.resolve("motif-bad-input/wrong-type.yaml");
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", file.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(file + ":13:23: input 'replicas' of motif 'redis' must be an int, got a string 'three'");
  }

  @Test
  void aMissingRequiredRegistryMotifInputIsAnErrorAtTheImport() {
    Path file = FIXTURES.resolve("motif-bad-input/missing-required.yaml");
    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", file.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(file + ":11:11: motif 'deployment-stack' requires input 'image' (set it under with:)");
  }

  @Test
  void publishPlansEveryArtifactWithItsTags() {
    OrkCliTest.Run r = OrkCliTest.ork("registry", "publish", REGISTRY.toString(), "--registry", "127.0.0.1:9",
        "--dry-run");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("-> 127.0.0.1:9/orkspace/orkestra-registry/postgres:v1.0.0,v1.0,v1,v14")
        .contains("-> 127.0.0.1:9/orkspace/orkestra-registry/patterns/katalogs/postgres:v1.0.0,v1.0,v1,v14")
        .contains("-> 127.0.0.1:9/orkspace/orkestra-registry/redis:v1.0.0,v1.0,v1,v7")
        .contains("-> 127.0.0.1:9/orkspace/orkestra-registry/patterns/motifs/postgres:v1.0.0,v1.0,v1\n")
        .contains("publish: dry run, 15 artifacts valid, nothing pushed");
  }
}

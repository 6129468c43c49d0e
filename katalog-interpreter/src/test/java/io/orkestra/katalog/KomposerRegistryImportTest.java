package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.CompiledOperator;
import io.orkestra.core.KatalogResolver;
import io.orkestra.core.OrkestraException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Komposer {@code imports.registry} through the {@link KatalogResolver} contract, with a
 * directory-backed resolver standing in for the OCI registry (the OCI round trip runs in the
 * runtime module against a real registry).
 */
class KomposerRegistryImportTest {

  @TempDir Path temp;

  /** Serves references from directories; records what was asked. */
  static final class DirectoryResolver implements KatalogResolver {
    final Map<String, Path> artifacts = new LinkedHashMap<>();
    final List<String> requests = new ArrayList<>();

    @Override
    public Mono<Path> resolve(String reference) {
      return resolve(reference, ArtifactType.PATTERN);
    }

    @Override
    public Mono<Path> resolve(String reference, ArtifactType type) {
      requests.add(type + " " + reference);
      Path dir = artifacts.get(reference);
      return dir == null
          ? Mono.error(new OrkestraException("manifest unknown: " + reference))
          : Mono.just(dir);
    }
  }

  private final DirectoryResolver resolver = new DirectoryResolver();

  private Path write(String relative, String text) throws Exception {
    Path file = temp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static String katalog(String crd, String kind) {
    return "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: " + crd + "-pattern}\n"
        + "spec:\n  crds:\n    " + crd + ":\n"
        + "      apiTypes: {group: example.com, version: v1, kind: " + kind + ", plural: " + crd + "s}\n"
        + "      operatorBox:\n        reconcile:\n          workers: 2\n          onReconcile:\n"
        + "            configMaps:\n              - name: \"{{ .metadata.name }}-" + crd + "\"\n"
        + "                data: {a: b}\n";
  }

  private LoadOptions options() {
    return LoadOptions.defaults().withResolver(resolver);
  }

  private List<Diagnostic> diagnostics(Path file) {
    try {
      KatalogInterpreter.load(file, options());
    } catch (KatalogException e) {
      return e.diagnostics();
    }
    throw new AssertionError("expected " + file + " to fail loading");
  }

  @Test
  void importsAPatternByReferenceAndOverridesIt() throws Exception {
    resolver.artifacts.put("ghcr.io/acme/patterns/pg@v14", write("cache/pg/katalog.yaml", katalog("pg", "Pg")).getParent());
    Path komposer = write("k/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: platform}
        imports:
          registry:
            - url: ghcr.io/acme/patterns/pg@v14
              oci: true
        spec:
          crds:
            pg:
              operatorBox:
                reconcile: {workers: 9}
        """);

    List<CompiledOperator> ops = KatalogInterpreter.load(komposer, options());

    assertThat(ops).singleElement().satisfies(op -> {
      assertThat(op.spec().name()).isEqualTo("pg");
      assertThat(op.spec().kind()).isEqualTo("Pg");
      assertThat(op.spec().workers()).isEqualTo(9);
    });
    assertThat(resolver.requests).containsExactly("PATTERN ghcr.io/acme/patterns/pg@v14");
  }

  @Test
  void appendsAnExplicitVersionOnlyWhenTheReferenceHasNoTag() throws Exception {
    Path dir = write("cache/pg/katalog.yaml", katalog("pg", "Pg")).getParent();
    resolver.artifacts.put("ghcr.io/acme/pg:v2", dir);
    resolver.artifacts.put("redis:v7", write("cache/redis/katalog.yaml", katalog("redis", "Redis")).getParent());
    Path komposer = write("k/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: platform}
        imports:
          registry:
            - {url: ghcr.io/acme/pg, version: v2}
            - redis:v7
        """);

    assertThat(KatalogInterpreter.load(komposer, options())).extracting(op -> op.spec().name())
        .containsExactly("pg", "redis");
    assertThat(resolver.requests).containsExactly("PATTERN ghcr.io/acme/pg:v2", "PATTERN redis:v7");
  }

  @Test
  void useKomposerComposesTheImportedKomposerRecursively() throws Exception {
    resolver.artifacts.put("pg:v1", write("cache/pg/katalog.yaml", katalog("pg", "Pg")).getParent());
    Path stack = write("cache/stack/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: stack}
        imports:
          registry: [pg:v1]
          files: [./web.yaml]
        spec:
          crds:
            pg:
              operatorBox:
                reconcile: {workers: 5}
        """);
    write("cache/stack/web.yaml", katalog("web", "Web"));
    write("cache/stack/katalog.yaml", katalog("unused", "Unused"));
    resolver.artifacts.put("stack:v1", stack.getParent());
    Path komposer = write("k/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: platform}
        imports:
          registry:
            - {url: stack:v1, useKomposer: true}
        """);

    List<CompiledOperator> ops = KatalogInterpreter.load(komposer, options());

    assertThat(ops).extracting(op -> op.spec().name() + "/" + op.spec().workers())
        .containsExactly("pg/5", "web/2");
  }

  @Test
  void refusesAUseKomposerCycleNamingTheChain() throws Exception {
    Path a = write("cache/a/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: a}
        imports:
          registry:
            - {url: b:v1, useKomposer: true}
        """);
    Path b = write("cache/b/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: b}
        imports:
          registry:
            - {url: a:v1, useKomposer: true}
        """);
    resolver.artifacts.put("a:v1", a.getParent());
    resolver.artifacts.put("b:v1", b.getParent());

    assertThat(diagnostics(a)).singleElement().satisfies(d -> {
      assertThat(d.file()).isEqualTo(b.toString());
      assertThat(d.line()).isEqualTo(6);
      assertThat(d.column()).isEqualTo(7);
      assertThat(d.message()).isEqualTo("Komposer import cycle: " + a + " -> " + b + " -> " + a);
    });
  }

  @Test
  void reportsUnresolvableAndMalformedImportsWithTheirPositions() throws Exception {
    resolver.artifacts.put("motif-only:v1", write("cache/m/motif.yaml", "kind: Motif\n").getParent());
    Path komposer = write("k/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: platform}
        imports:
          registry:
            - missing:v1
            - {url: motif-only:v1}
            - {url: https://github.com/acme/registry, version: main}
            - {ulr: pg:v1}
            - {url: pg:v1, useKomposer: maybe}
        """);

    assertThat(diagnostics(komposer)).extracting(d -> d.line() + ":" + d.column() + " " + d.message())
        .containsExactly(
            "6:7 cannot resolve registry import missing:v1: manifest unknown: missing:v1",
            "7:7 registry import motif-only:v1 has no katalog.yaml",
            "8:7 git registry imports are not supported; publish the pattern as an OCI artifact"
                + " and import it by reference (https://github.com/acme/registry)",
            "9:7 missing required field 'url' in imports.registry[3]",
            "9:8 unknown key 'ulr' in imports.registry[3] (did you mean 'url'?)",
            "10:33 imports.registry[4].useKomposer must be true or false, got a string 'maybe'");
  }

  @Test
  void withoutAResolverRegistryImportsAreAnErrorNotASilentSkip() throws Exception {
    Path komposer = write("k/komposer.yaml", """
        apiVersion: orkestra.orkspace.io/v1
        kind: Komposer
        metadata: {name: platform}
        imports:
          registry: [pg:v1]
        """);

    assertThatThrownBy(() -> KatalogInterpreter.load(komposer))
        .isInstanceOf(KatalogException.class)
        .hasMessageContaining("komposer.yaml:5:14: registry import pg:v1 needs a registry resolver");
  }
}

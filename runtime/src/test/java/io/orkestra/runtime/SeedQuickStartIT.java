package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.oci.OciOptions;
import io.orkestra.oci.RegistryMirrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start of {@code seed-orkestra-registry.txt}, end to end: a real docker-registry on
 * 127.0.0.1 filled by {@code registry/publish}, {@code ork init my-platform}, the seed's {@code
 * komposer.yaml} word for word (a registry import of {@code ghcr.io/…/postgres@v14}, a file import
 * of {@code ./local-overrides.yaml}, {@code spec.crds.postgres.workers: 4}), {@code ork validate}
 * in the project directory with {@code ORK_REGISTRY_MIRRORS=ghcr.io=http://127.0.0.1:PORT} and
 * {@code --mirror-only} (ghcr.io is never contacted), {@code ork template} showing that workers 4
 * won, then {@code ork run --embedded --until-idle} with a Postgres custom resource, with the
 * mirror stopped (the lock pins the digest; the verified cache stands in): the StatefulSet,
 * Services and Secret exist on the in-process API server owned by the Postgres, and the
 * reconciliation event is read back from the broker.
 *
 * <p>{@code ork validate} and {@code registry/publish} run as child processes (the environment
 * variable is the point, and publish is a shell script calling {@code ork}); the others run in
 * this JVM with the same settings given as {@code --mirror} flags.
 */
class SeedQuickStartIT {

  private static final String SEED_KOMPOSER = """
      apiVersion: orkestra.orkspace.io/v1
      kind: Komposer
      metadata:
        name: my-platform
      imports:
        registry:
          - url: ghcr.io/orkspace/orkestra-registry/postgres@v14
        files:
          - ./local-overrides.yaml
      spec:
        crds:
          postgres:
            workers: 4 # override — wins over the pattern's default
      """;

  private static final String POSTGRES_CR = """
      apiVersion: data.orkestra.io/v1
      kind: Postgres
      metadata:
        name: db
        namespace: default
      spec:
        database: app
        storageSize: 1Gi
      """;

  @TempDir Path temp;

  /** A child process's exit code and combined output. */
  record Proc(int code, String output) {}

  /** An {@code ork} launcher running this JVM's test classpath (what {@code bin/ork} runs from the jar). */
  private Path launcher() throws Exception {
    Path ork = temp.resolve("bin").resolve("ork");
    Files.createDirectories(ork.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(ork, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' io.orkestra.runtime.OrkCli \"$@\"\n");
    assertThat(ork.toFile().setExecutable(true)).isTrue();
    return ork;
  }

  private Proc exec(Path dir, Map<String, String> env, String... command) throws Exception {
    Path log = Files.createTempFile(temp, "proc-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("ORK_REGISTRY");
    pb.environment().remove("ORK_MOTIFS_REGISTRY");
    pb.environment().remove(RegistryMirrors.ENVIRONMENT_VARIABLE);
    pb.environment().put("ORK_CACHE", temp.resolve("cache").toString());
    pb.environment().put("ORK_CONFIG", temp.resolve("config.yaml").toString()); // empty: no user settings
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    return new Proc(p.exitValue(), Files.readString(log));
  }

  @Test
  void quickStartValidatesAndRunsThePublishedPostgresPatternThroughAMirror() throws Exception {
    Files.writeString(temp.resolve("config.yaml"), "");
    Path ork = launcher();
    Path cache = temp.resolve("cache");
    Path publish = Path.of("..", "registry", "publish").toAbsolutePath().normalize();
    assertThat(publish).as("registry/publish (registry content)").isExecutable();
    RegistryCommandIT.Registry registry = RegistryCommandIT.Registry.start(false);
    String mirror = "ghcr.io=http://" + registry.host;
    Path project = temp.resolve("my-platform");
    try {
      // the registry: our own content, published as OCI artifacts
      Proc published = exec(temp, Map.of("ORK", ork.toString()), "bash", publish.toString(), "--registry", registry.host);
      assertThat(published.code()).as(published.output()).isZero();
      assertThat(published.output()).contains(registry.host + "/orkspace/orkestra-registry/postgres:v14@sha256:");

      // ork init my-platform
      OrkCliTest.Run init = OrkCliTest.ork("init", "my-platform", "--dir", project.toString());
      assertThat(init.code()).as(init.err()).isZero();
      // the komposer.yaml of the seed, and the local file it imports: the scaffolded operator
      Files.writeString(project.resolve("komposer.yaml"), SEED_KOMPOSER);
      Files.writeString(project.resolve("local-overrides.yaml"), "# Local additions next to the registry patterns: the"
          + " operator ork init scaffolded.\n" + Files.readString(project.resolve("katalog.yaml")));
      Files.writeString(project.resolve("postgres.yaml"), POSTGRES_CR);

      // ork validate, in the project directory, through the mirror named by the environment
      Proc validate = exec(project, Map.of(RegistryMirrors.ENVIRONMENT_VARIABLE, mirror), ork.toString(), "validate",
          "--mirror-only");
      assertThat(validate.code()).as(validate.output()).isZero();
      assertThat(validate.output()).contains("komposer.yaml: valid Komposer, 2 CRDs (postgres: data.orkestra.io/v1 Postgres")
          .contains("my-platform: example.com/v1 MyPlatform");
      assertThat(Files.readString(project.resolve("orkestra.lock")))
          .contains("\"ghcr.io/orkspace/orkestra-registry/postgres:v14\"").doesNotContain(registry.host);

      // workers: 4 wins over the pattern's default (2), in the composed Katalog and in the operator
      OrkCliTest.Run template = OrkCliTest.ork("template", "-f", project.resolve("komposer.yaml").toString(),
          "--cache", cache.toString(), "--mirror", mirror, "--mirror-only");
      assertThat(template.code()).as(template.err()).isZero();
      Path composed = temp.resolve("composed.yaml");
      Files.writeString(composed, template.out());
      JsonNode postgres = KatalogInterpreter.readManifests(composed).get(0).path("spec").path("crds").path("postgres");
      assertThat(postgres.path("operatorBox").path("reconcile").path("workers").asInt()).isEqualTo(4);
      List<String> errors = new ArrayList<>();
      List<CompiledOperator> operators = OrkestraRuntime.load(List.of(project.resolve("komposer.yaml")),
          OciOptions.defaults().withCacheRoot(cache).withMirrors(RegistryMirrors.parse(mirror).withMirrorOnly(true)), errors);
      assertThat(errors).isEmpty();
      assertThat(operators).filteredOn(o -> o.spec().name().equals("postgres")).singleElement()
          .satisfies(o -> assertThat(o.spec().workers()).isEqualTo(4));
    } finally {
      registry.close();
    }

    // ork run, the mirror gone: the lock pins the digest and the verified cache stands in
    Path dump = temp.resolve("objects.yaml");
    OrkCliTest.Run run = OrkCliTest.ork("run", "--embedded", "-f", project.resolve("komposer.yaml").toString(),
        "--until-idle", "--timeout", "240s", "-o", "json", "--bootstrap-server", TestKafka.bootstrapServers(),
        "--topic", "seed-quick-start-" + System.nanoTime(), "--cache", cache.toString(), "--mirror", mirror,
        "--mirror-only", "--apply-cr", project.resolve("postgres.yaml").toString(), "--dump", dump.toString());
    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    // db (ours), orders (the pattern's example CR) and the scaffold's sample
    assertThat(run.err()).contains("reconciled 3/3 resources, published 3 events");

    List<JsonNode> events = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        events.add(new ObjectMapper().readTree(line));
      }
    }
    assertThat(events).filteredOn(e -> e.path("subject").asText().equals("default/db")).singleElement()
        .satisfies(e -> {
          assertThat(e.path("type").asText()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
          assertThat(e.path("source").asText()).isEqualTo("/orkestra/orkestra/postgres");
          assertThat(e.path("data").path("actions"))
              .extracting(a -> a.path("verb").asText() + " " + a.path("kind").asText() + " " + a.path("name").asText())
              .contains("created Secret db-credentials", "created StatefulSet db", "created Service db",
                  "created Service db-headless");
        });

    List<ObjectNode> objects = KatalogInterpreter.readManifests(dump);
    ObjectNode cr = find(objects, "Postgres", "db");
    String uid = cr.path("metadata").path("uid").asText();
    assertThat(uid).isNotBlank();
    for (String[] child : new String[][] {{"StatefulSet", "db"}, {"Service", "db"}, {"Service", "db-headless"},
        {"Secret", "db-credentials"}}) {
      JsonNode owners = find(objects, child[0], child[1]).path("metadata").path("ownerReferences");
      assertThat(owners).as("%s %s owner references", child[0], child[1]).singleElement().satisfies(o -> {
        assertThat(o.path("kind").asText()).isEqualTo("Postgres");
        assertThat(o.path("name").asText()).isEqualTo("db");
        assertThat(o.path("uid").asText()).isEqualTo(uid);
      });
    }
    assertThat(find(objects, "StatefulSet", "db").path("spec").path("serviceName").asText()).isEqualTo("db-headless");
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name)
            && o.path("metadata").path("namespace").asText().equals("default"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " default/" + name + " on the API server"));
  }
}

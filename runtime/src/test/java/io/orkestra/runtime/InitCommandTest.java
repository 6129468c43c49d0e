package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.katalog.KatalogInterpreter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ork init}: a scaffold that validates, loads and renders, and never clobbers files. */
class InitCommandTest {

  @TempDir Path tmp;

  @Test
  void scaffoldsThreeFilesAndSaysWhatToRunNext() {
    Path dir = tmp.resolve("my-app");

    OrkCliTest.Run r = OrkCliTest.ork("init", "my-app", "--dir", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().split("\n")).containsExactly(
        "created " + dir + "/katalog.yaml",
        "created " + dir + "/crd.yaml",
        "created " + dir + "/cr.yaml",
        "next: ork validate -f " + dir + " && ork run --embedded -f " + dir + " --until-idle");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void scaffoldValidatesWithOrkValidate() {
    Path dir = tmp.resolve("web-shop");
    assertThat(OrkCliTest.ork("init", "web-shop", "--dir", dir.toString(), "--group", "acme.io")
        .code()).isZero();

    OrkCliTest.Run r = OrkCliTest.ork("validate", "-f", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(dir + "/katalog.yaml: valid Katalog, 1 CRD (web-shop:"
        + " acme.io/v1 WebShop, children ConfigMap, Deployment, Service)");
  }

  @Test
  void scaffoldLoadsAndRendersItsSampleResource() throws Exception {
    Path dir = tmp.resolve("my-app");
    assertThat(OrkCliTest.ork("init", "my-app", "--dir", dir.toString()).code()).isZero();

    List<CompiledOperator> ops = KatalogInterpreter.load(dir);
    ObjectNode cr = KatalogInterpreter.readManifests(dir.resolve("cr.yaml")).get(0);
    DesiredState desired = ops.get(0).interpret(cr, ObservedState.empty(),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    assertThat(ops).hasSize(1);
    assertThat(ops.get(0).spec().group()).isEqualTo("example.com");
    assertThat(ops.get(0).spec().kind()).isEqualTo("MyApp");
    assertThat(ops.get(0).spec().plural()).isEqualTo("myapps");
    assertThat(ops.get(0).spec().crd()).hasValueSatisfying(
        crd -> assertThat(crd.path("metadata").path("name").asText())
            .isEqualTo("myapps.example.com"));
    assertThat(desired.children())
        .extracting(c -> c.key().kind() + " " + c.key().name())
        .containsExactly(
            "ConfigMap my-app-sample-page", "Deployment my-app-sample", "Service my-app-sample");
    assertThat(desired.children().get(0).manifest().path("data").path("index.html").asText())
        .isEqualTo("<h1>Hello from my-app</h1>");
    assertThat(desired.children().get(1).manifest().path("spec").path("replicas").asInt())
        .isEqualTo(1);
    assertThat(desired.status().path("endpoint").asText())
        .isEqualTo("my-app-sample.default.svc.cluster.local");
  }

  @Test
  void refusesToOverwriteExistingFilesWithoutForce() throws Exception {
    Path dir = tmp.resolve("app");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("crd.yaml"), "mine\n");

    OrkCliTest.Run r = OrkCliTest.ork("init", "app", "--dir", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: " + dir + "/crd.yaml already exists (use --force to overwrite)");
    assertThat(Files.readString(dir.resolve("crd.yaml"))).isEqualTo("mine\n");
    assertThat(dir.resolve("katalog.yaml")).doesNotExist();
  }

  @Test
  void namesEveryExistingFileAndOverwritesThemWithForce() throws Exception {
    Path dir = tmp.resolve("app");
    assertThat(OrkCliTest.ork("init", "app", "--dir", dir.toString()).code()).isZero();
    Files.writeString(dir.resolve("katalog.yaml"), "mine\n");

    OrkCliTest.Run again = OrkCliTest.ork("init", "app", "--dir", dir.toString());
    OrkCliTest.Run forced = OrkCliTest.ork("init", "app", "--dir", dir.toString(), "--force");

    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err().strip()).isEqualTo("error: " + dir + "/katalog.yaml, " + dir
        + "/crd.yaml, " + dir + "/cr.yaml already exist (use --force to overwrite)");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readString(dir.resolve("katalog.yaml"))).contains("kind: Katalog");
  }

  @Test
  void rejectsANameThatIsNotADnsLabel() {
    for (String name : List.of("My_App", "1app", "app-", "a".repeat(64))) {
      OrkCliTest.Run r = OrkCliTest.ork("init", name, "--dir", tmp.resolve("x").toString());

      assertThat(r.code()).as(name).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("error: invalid name '" + name + "': use a DNS label"
          + " (lowercase letters, digits and '-', starting with a letter, at most 63 characters),"
          + " such as my-app");
    }
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void rejectsAGroupWithoutADot() {
    OrkCliTest.Run r = OrkCliTest.ork("init", "app", "--group", "example", "--dir",
        tmp.resolve("x").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "error: invalid group 'example': use a lowercase DNS name with a dot, such as example.com");
  }

  @Test
  void missingNameIsAUsageError() {
    OrkCliTest.Run r = OrkCliTest.ork("init");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter: 'NAME'");
  }
}

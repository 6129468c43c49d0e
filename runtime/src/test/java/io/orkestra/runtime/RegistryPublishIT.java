package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code registry/publish} (the script, through {@code bin/ork}) against a real docker-registry:
 * Orkestra's media types as skopeo sees them, one manifest for all tags of an artifact, the
 * catalogue in the namespace index, and a second publish that uploads nothing and keeps every
 * digest.
 */
class RegistryPublishIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(Path.of("..").toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  private static JsonNode manifest(String ref) throws Exception {
    return JSON.readTree(run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref));
  }

  private static List<String> layerTypes(JsonNode manifest) {
    List<String> out = new ArrayList<>();
    manifest.path("layers").forEach(l -> out.add(l.path("mediaType").asText()));
    return out;
  }

  @Test
  void publishPushesEveryArtifactWithOrkestraMediaTypesAndASecondPublishUploadsNothing() throws Exception {
    try (RegistryCommandIT.Registry registry = RegistryCommandIT.Registry.start(false)) {
      String ns = registry.host + "/orkspace/orkestra-registry";

      String first = run("registry/publish", "--registry", registry.host);
      assertThat(first).contains("publish: 15 artifacts to " + ns + ", ").doesNotContain(" 0 blobs uploaded, 0 already");

      JsonNode pattern = manifest(ns + "/postgres:v14");
      assertThat(pattern.path("artifactType").asText()).isEqualTo("application/vnd.orkestra.pattern.v1+tar+gzip");
      assertThat(layerTypes(pattern)).contains("application/vnd.orkestra.katalog.v1+yaml",
          "application/vnd.kubernetes.crd.v1+yaml", "application/vnd.kubernetes.cr.v1+yaml",
          "application/vnd.orkestra.simulate.v1+yaml", "text/markdown");
      assertThat(pattern.path("annotations").path("io.orkestra.pattern.version").asText()).isEqualTo("v1.0.0");
      JsonNode motif = manifest(ns + "/patterns/motifs/redis:v1");
      assertThat(motif.path("artifactType").asText()).isEqualTo("application/vnd.orkestra.motif.v1+tar+gzip");
      assertThat(layerTypes(motif)).contains("application/vnd.orkestra.motif.v1+yaml");

      // every tag and both repositories of a pattern hold the very same manifest
      String postgres = run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ns + "/postgres:v1.0.0");
      for (String ref : List.of(ns + "/postgres:v1.0", ns + "/postgres:v1", ns + "/postgres:v14",
          ns + "/patterns/katalogs/postgres:v14")) {
        assertThat(run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref)).as(ref).isEqualTo(postgres);
      }
      String redisV7 = run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ns + "/redis:v7");

      OrkCliTest.Run list = OrkCliTest.ork("registry", "list", ns);
      assertThat(list.code()).as(list.err()).isZero();
      assertThat(list.out()).contains("postgres").contains("redis").contains("kafka").contains("platform")
          .contains("v1.0.0").contains("PostgreSQL on a StatefulSet");
      OrkCliTest.Run motifs = OrkCliTest.ork("registry", "list", ns + "/patterns/motifs");
      assertThat(motifs.code()).as(motifs.err()).isZero();
      assertThat(motifs.out()).contains("deployment-stack").contains("rabbitmq");

      String second = run("registry/publish", "--registry", registry.host);
      assertThat(second).contains("publish: 15 artifacts to " + ns + ", 0 manifests written, 0 blobs uploaded, ")
          .doesNotContain("\npushed ");
      assertThat(run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ns + "/postgres:v14"))
          .isEqualTo(postgres);
      assertThat(run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ns + "/redis:v7"))
          .isEqualTo(redisV7);

      // ork registry push --tag: the same manifest under each extra tag, only the first one indexed
      OrkCliTest.Run push = OrkCliTest.ork("registry", "push", registry.host + "/acme/motifs/redis:1.0.0",
          "../registry/motifs/redis", "--motif", "--tag", "v1", "--tag", "stable");
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(push.out()).contains("acme/motifs/redis:v1@").contains("acme/motifs/redis:stable@");
      String pinned = run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + registry.host + "/acme/motifs/redis:1.0.0");
      assertThat(run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + registry.host + "/acme/motifs/redis:stable"))
          .isEqualTo(pinned);
      assertThat(JSON.readTree(pinned).path("annotations").path("io.orkestra.pattern.version").asText()).isEqualTo("1.0.0");
    }
  }
}

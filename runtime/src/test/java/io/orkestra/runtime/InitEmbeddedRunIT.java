package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ork init} then {@code ork run --embedded -f DIR --until-idle}: the scaffold reconciles on
 * the in-process API server and publishes its event to a real broker.
 */
class InitEmbeddedRunIT {

  @TempDir Path tmp;

  @Test
  void scaffoldedOperatorReconcilesItsSampleResource() throws Exception {
    Path dir = tmp.resolve("hello-web");
    OrkCliTest.Run init = OrkCliTest.ork("init", "hello-web", "--dir", dir.toString());
    assertThat(init.code()).as(init.err()).isZero();

    OrkCliTest.Run run = OrkCliTest.ork("run", "--embedded", "-f", dir.toString(), "--until-idle",
        "--timeout", "180s", "-o", "json", "--bootstrap-server", TestKafka.bootstrapServers(),
        "--topic", "init-it-" + System.nanoTime());

    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err()).contains("reconciled 1/1 resources, published 1 events");
    List<JsonNode> events = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        events.add(new ObjectMapper().readTree(line));
      }
    }
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("type").asText()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
    assertThat(event.path("source").asText()).isEqualTo("/orkestra/orkestra/hello-web");
    assertThat(event.path("subject").asText()).isEqualTo("default/hello-web-sample");
    assertThat(event.path("data").path("actions"))
        .extracting(a -> a.path("verb").asText() + " " + a.path("kind").asText() + " "
            + a.path("name").asText())
        .containsExactly("created ConfigMap hello-web-sample-page",
            "created Deployment hello-web-sample", "created Service hello-web-sample");
  }
}

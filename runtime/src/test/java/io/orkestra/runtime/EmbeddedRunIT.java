package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, end to end: {@code ork run --embedded -f examples/quickstart
 * --until-idle -o json} with a real broker in a child JVM and the in-process API server.
 */
class EmbeddedRunIT {

  @Test
  void quickstartReconcilesEveryResourceAndPrintsEventsReadBackFromKafka() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(
        new String[] {"run", "--embedded", "-f", "../examples/quickstart", "--until-idle", "--timeout", "180s", "-o", "json"},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(err.toString()).contains("reconciled 3/3 resources, published 3 events");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        events.add(json.readTree(line)); // stdout carries nothing but CloudEvent JSON lines
      }
    }
    assertThat(events).hasSize(3);
    for (JsonNode e : events) {
      assertThat(e.path("specversion").asText()).isEqualTo("1.0");
      assertThat(e.path("type").asText()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
      assertThat(e.path("source").asText()).isEqualTo("/orkestra/orkestra/webapp");
      assertThat(e.path("subject").asText()).startsWith("default/");
      JsonNode data = e.path("data");
      assertThat(data.path("outcome").asText()).isEqualTo("succeeded");
      assertThat(data.path("generation").asLong()).isEqualTo(1);
      assertThat(data.path("observedGeneration").asLong()).isEqualTo(1);
      assertThat(data.path("actions")).extracting(a -> a.path("verb").asText() + " " + a.path("kind").asText())
          .containsExactly("created ConfigMap", "created Deployment", "created Service");
    }
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ork events tail} filters and consumer groups, against the test broker. */
class EventsTailIT {

  static final String TOPIC = "tail-it-" + System.nanoTime();

  /** A CloudEvent of the v1 contract, as the runtime publishes it. */
  static String event(String id, String crd, String kind, String name, String outcome, Instant time) {
    return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/orkestra/it/" + crd + "\","
        + "\"type\":\"io.orkestra.reconcile.v1." + outcome + "\",\"subject\":\"default/" + name + "\","
        + "\"time\":\"" + time + "\",\"datacontenttype\":\"application/json\",\"data\":{"
        + "\"apiVersion\":\"demo.orkestra.io/v1\",\"kind\":\"" + kind + "\",\"namespace\":\"default\","
        + "\"name\":\"" + name + "\",\"generation\":1,\"outcome\":\"" + outcome + "\",\"actions\":[],"
        + "\"durationMs\":3,\"error\":null}}";
  }

  @BeforeAll
  static void publish() throws Exception {
    Instant now = Instant.now();
    Instant old = now.minusSeconds(7200);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (var e : List.of(
          List.of("e1", "webapp", "WebApp", "a", "succeeded", old.toString()),
          List.of("e2", "webapp", "WebApp", "b", "failed", now.toString()),
          List.of("e3", "cache", "Cache", "c", "succeeded", now.toString()),
          List.of("e4", "webapp", "WebApp", "a", "deleted", now.toString()),
          List.of("e5", "cache", "Cache", "d", "failed", now.toString()))) {
        producer.send(new ProducerRecord<>(TOPIC, "k-" + e.get(3),
            event(e.get(0), e.get(1), e.get(2), e.get(3), e.get(4), Instant.parse(e.get(5)))))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  static List<String> ids(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new java.util.ArrayList<>(List.of("events", "tail",
        "--bootstrap-server", TestKafka.bootstrapServers(), "--topic", TOPIC, "--timeout", "60s"));
    argv.addAll(List.of(args));
    int code = OrkCli.execute(argv.toArray(String[]::new), new PrintWriter(out, true),
        new PrintWriter(err, true));
    assertThat(code).as("stderr: %s", err).isZero();
    return out.toString().lines()
        .map(l -> l.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
        .toList();
  }

  @Test
  void filtersByCrdAndOutcome() {
    assertThat(ids("--from-beginning", "--max", "2", "--crd", "WebApp", "--outcome", "failed",
        "--outcome", "deleted")).containsExactly("e2", "e4");
    assertThat(ids("--from-beginning", "--max", "2", "--crd", "cache", "-o", "json"))
        .containsExactly("e3", "e5");
  }

  @Test
  void sinceSkipsOlderEventsAndJsonIsTheDefaultOffATerminal() {
    assertThat(ids("--since", "30m", "--max", "1")).containsExactly("e2");
  }

  @Test
  void aGroupResumesAfterWhatItPrinted() {
    String group = "tail-group-" + System.nanoTime();
    assertThat(ids("--group", group, "--from-beginning", "--max", "2")).containsExactly("e1", "e2");
    assertThat(ids("--group", group, "--max", "2")).containsExactly("e3", "e4");
  }

  @Test
  void anUnknownOutcomeExitsTwo() {
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(new String[] {"events", "tail", "--bootstrap-server", "127.0.0.1:1",
        "--outcome", "done"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--outcome: unknown outcome 'done'");
  }
}

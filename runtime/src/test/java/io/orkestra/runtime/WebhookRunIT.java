package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ork run --webhook URL --webhook-secret-file FILE --spill-dir DIR --until-idle}: events
 * fan out to Kafka (the shared test broker) and two in-process webhook endpoints, one of which
 * answers 503 long enough for its events to go through the spill.
 */
class WebhookRunIT {

  private static final String SECRET = "run-it-secret-7c1d";

  @TempDir Path tmp;
  private Vertx vertx;
  private final List<byte[]> flakyBodies = new CopyOnWriteArrayList<>();
  private final List<byte[]> steadyBodies = new CopyOnWriteArrayList<>();
  private final List<String> steadySignatures = new CopyOnWriteArrayList<>();
  private final AtomicInteger flakyCalls = new AtomicInteger();
  private HttpServer flaky;
  private HttpServer steady;

  @BeforeEach
  void startEndpoints() throws Exception {
    vertx = Vertx.vertx();
    flaky = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      // the first five calls fail: the first event exhausts its attempts and is spilled
      if (flakyCalls.getAndIncrement() < 5) {
        req.response().setStatusCode(503).end();
      } else {
        flakyBodies.add(body.getBytes());
        req.response().setStatusCode(204).end();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    steady = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      steadyBodies.add(body.getBytes());
      steadySignatures.add(req.getHeader("X-Orkestra-Signature"));
      req.response().setStatusCode(200).end();
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void untilIdleWaitsForEveryWebhookIncludingOneThatSpilled() throws Exception {
    Path secretFile = tmp.resolve("secret");
    Files.writeString(secretFile, SECRET + "\n");
    Path spill = tmp.resolve("spill");
    String flakyUrl = "http://127.0.0.1:" + flaky.actualPort() + "/flaky";
    String steadyUrl = "http://127.0.0.1:" + steady.actualPort() + "/steady";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = OrkCli.execute(
        new String[] {"run", "--embedded", "-f", "../examples/quickstart",
            "--bootstrap-server", TestKafka.bootstrapServers(), "--topic", "webhook-run-" + UUID.randomUUID(),
            "--webhook", flakyUrl, "--webhook", steadyUrl, "--webhook-secret-file", secretFile.toString(),
            "--spill-dir", spill.toString(), "--until-idle", "--timeout", "180s"},
        new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(code).as("stderr: %s", err).isZero();
    // in text mode the summary goes to stdout after the event lines
    assertThat(out.toString())
        .contains("reconciled 3/3 resources, published 3 events")
        .contains("3 delivered to webhook:" + flakyUrl)
        .contains("3 delivered to webhook:" + steadyUrl);
    ObjectMapper json = new ObjectMapper();
    Set<String> flakyIds = ids(json, flakyBodies);
    assertThat(flakyIds).hasSize(3);
    assertThat(ids(json, steadyBodies)).isEqualTo(flakyIds);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    for (int i = 0; i < steadyBodies.size(); i++) {
      assertThat(steadySignatures.get(i))
          .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(steadyBodies.get(i))));
    }
    try (Stream<Path> files = Files.walk(spill)) {
      assertThat(files.filter(f -> f.toString().endsWith(".spill")).toList())
          .as("the flaky webhook's spill is emptied once delivered")
          .isEmpty();
    }
    assertThat(out + "\n" + err).doesNotContain(SECRET);
  }

  @Test
  void rejectsABadWebhookUrlAsBadInput() {
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(
        new String[] {"run", "--embedded", "-f", "../examples/quickstart", "--webhook", "ftp://nope/x", "--until-idle"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(OrkCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--webhook: url must be an http or https URL");
  }

  @Test
  void rejectsTheSameWebhookTwiceAndAMissingSecretFile() {
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(
        new String[] {"run", "--embedded", "-f", "../examples/quickstart", "--webhook", "http://127.0.0.1:1/a?x=1",
            "--webhook", "http://127.0.0.1:1/a?x=2", "--until-idle"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(OrkCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("is given twice");

    StringWriter err2 = new StringWriter();
    int code2 = OrkCli.execute(
        new String[] {"run", "--embedded", "-f", "../examples/quickstart", "--webhook", "http://127.0.0.1:1/a",
            "--webhook-secret-file", tmp.resolve("missing").toString(), "--until-idle"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true));
    assertThat(code2).isEqualTo(OrkCli.EXIT_BAD_INPUT);
    assertThat(err2.toString()).contains("cannot read the webhook secret file");
  }

  private static Set<String> ids(ObjectMapper json, List<byte[]> bodies) {
    return bodies.stream().map(b -> {
      try {
        JsonNode n = json.readTree(b);
        return n.path("id").asText();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }).collect(Collectors.toSet());
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrkCliTest {

  record Run(int code, String out, String err) {}

  static Run ork(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsHelpForEveryCommand() {
    List<List<String>> commands =
        List.of(List.of(), List.of("run"), List.of("version"), List.of("events"), List.of("events", "tail"));
    for (List<String> cmd : commands) {
      List<String> withHelp = new java.util.ArrayList<>(cmd);
      withHelp.add("--help");
      String[] args = withHelp.toArray(String[]::new);
      Run r = ork(args);
      assertThat(r.code()).as("exit code of %s", cmd).isZero();
      assertThat(r.out()).as("help of %s", cmd).contains("Usage: ork");
    }
    assertThat(ork("--help").out()).contains("run", "events", "version");
  }

  @Test
  void printsVersion() {
    Run r = ork("version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("ork 0.").contains("kafka-clients 3.7.1");
  }

  @Test
  void missingKatalogFileExitsTwoWithOneLineAndNoStackTrace() {
    Run r = ork("run", "-f", "missing.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: katalog file not found: missing.yaml");
  }

  @Test
  void metricsPortOutOfRangeExitsTwoBeforeAnythingStarts() {
    Run r = ork("run", "-f", "../examples/quickstart", "--embedded", "--metrics-port", "70000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: --metrics-port must be a port from 0 to 65535, was 70000");
    assertThat(ork("run", "--help").out()).contains("--metrics-port=PORT");
  }

  @Test
  void unknownOptionExitsTwo() {
    Run r = ork("run", "--no-such-option");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void brokenKatalogExitsTwoNamingFileAndLine() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ork-broken");
    java.nio.file.Path f = dir.resolve("katalog.yaml");
    java.nio.file.Files.writeString(f, "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: x\nspec: [\n");
    Run r = ork("run", "--embedded", "-f", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(f.toString() + ":").doesNotContain("\tat ");
  }

  @Test
  void runWithoutEmbeddedNeedsBootstrapServer() {
    Run r = ork("run", "-f", "../examples/quickstart");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--bootstrap-server");
  }
}

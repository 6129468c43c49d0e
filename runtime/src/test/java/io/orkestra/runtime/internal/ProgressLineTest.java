package io.orkestra.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.OciReference;
import io.orkestra.oci.OciResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  private static final OciReference REF =
      OciResolver.parseReference("127.0.0.1:5000/acme/big:v1", ArtifactKind.PATTERN, Map.of());

  @Test
  void rendersBytesOfTheTotalInMebibytes() {
    ProgressLine line = new ProgressLine("pulling", new PrintWriter(new StringWriter()), false);
    line.started(REF, 4 * 1024 * 1024);
    line.transferred(1024 * 1024);
    line.transferred(512 * 1024);
    assertThat(line.render()).isEqualTo("pulling 127.0.0.1:5000/acme/big:v1  1.5/4.0 MiB   37%");
  }

  @Test
  void withoutAConsoleNothingIsPrinted() {
    StringWriter err = new StringWriter();
    ProgressLine line = new ProgressLine("pushing", new PrintWriter(err), false);
    line.started(REF, 8 * 1024 * 1024);
    line.transferred(8 * 1024 * 1024);
    line.close();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void smallTransfersShowNoLineEvenOnATerminal() {
    StringWriter err = new StringWriter();
    ProgressLine line = new ProgressLine("pushing", new PrintWriter(err), true);
    line.started(REF, ProgressLine.THRESHOLD);
    line.transferred(ProgressLine.THRESHOLD);
    line.close();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void onATerminalCloseLeavesTheFinalStateOnItsOwnLine() {
    StringWriter err = new StringWriter();
    ProgressLine line = new ProgressLine("pushing", new PrintWriter(err), true);
    line.started(REF, 2 * 1024 * 1024);
    line.transferred(2 * 1024 * 1024);
    line.close();
    assertThat(err.toString()).startsWith("\r").endsWith("pushing 127.0.0.1:5000/acme/big:v1  2.0/2.0 MiB  100%"
        + System.lineSeparator());
  }
}

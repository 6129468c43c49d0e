package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Motif and {@code include:} cases of the invalid-Katalog corpus ({@code
 * fixtures/katalog/invalid/}, conventions of its README): {@code <name>.yaml} or the pattern
 * directory {@code <name>/}, with {@code <name>.expected} holding the exact diagnostic lines. File
 * paths in the expected lines are relative to the corpus directory.
 */
class InvalidCorpusCasesTest {

  private static final Path CORPUS = Fixtures.path("katalog/invalid");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "motif-unknown-input",
        "motif-missing-input",
        "motif-wrong-type",
        "motif-version-mismatch",
        "motif-unknown-key",
        "motif-missing-file",
        "motif-needs-resolver",
        "include-cycle",
        "include-missing-file",
        "include-duplicate-profile"
      })
  void reportsExactlyTheExpectedDiagnostics(String name) throws IOException {
    Path single = CORPUS.resolve(name + ".yaml");
    Path input = Files.exists(single) ? single : CORPUS.resolve(name);
    List<String> expected =
        Files.readAllLines(CORPUS.resolve(name + ".expected"), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .collect(Collectors.toList());

    assertThat(diagnostics(input)).isEqualTo(expected);
  }

  static List<String> diagnostics(Path input) {
    String prefix = CORPUS.toString().replace('\\', '/') + "/";
    try {
      KatalogInterpreter.load(input);
    } catch (KatalogException e) {
      return e.diagnostics().stream()
          .map(d -> d.toString().replace(prefix, ""))
          .collect(Collectors.toList());
    }
    return List.of("<loads without error>");
  }
}

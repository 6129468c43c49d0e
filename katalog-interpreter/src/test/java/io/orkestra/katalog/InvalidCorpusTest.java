package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus under {@code fixtures/katalog/invalid/} (conventions in its README.md): every
 * case is refused with exactly the diagnostics of its {@code .expected} file, each with a line and
 * a column, none leaking Java class names or stack traces.
 */
class InvalidCorpusTest {

  private static final Path ROOT = Fixtures.path("katalog/invalid");

  /** The absolute prefix removed from rendered diagnostics so that expectations are stable. */
  private static final String PREFIX = ROOT.toString().replace('\\', '/') + "/";

  /** A qualified Java name (java.util.X, io.orkestra.y.Z), an exception name or a stack frame. */
  private static final Pattern JAVA_LEAK =
      Pattern.compile(
          "\\b(java|javax|jdk|sun|com|org|io)\\.[a-z]\\w*\\.\\w+"
              + "|\\w+(Exception|Error)\\b"
              + "|\\bat [\\w.$]+\\([\\w]+\\.java:\\d+\\)");

  /** A corpus case: a YAML file or a pattern directory, and its expectation file. */
  record Case(String name, Path input, Path expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Path p : list(ROOT)) {
      String file = p.getFileName().toString();
      String name;
      if (Files.isDirectory(p)) {
        name = file;
      } else if (file.endsWith(".yaml")) {
        name = file.substring(0, file.length() - ".yaml".length());
      } else {
        continue;
      }
      cases.add(new Case(name, p, ROOT.resolve(name + ".expected")));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesTheCaseWithExactlyTheExpectedDiagnostics(Case c) {
    List<String> expected = expectedLines(c);

    assertThatThrownBy(
            () -> {
              if (c.name().startsWith("e2e-")) {
                KatalogInterpreter.loadE2e(c.input());
              } else {
                KatalogInterpreter.load(c.input());
              }
            })
        .as("case %s must be refused", c.name())
        .isInstanceOfSatisfying(
            KatalogException.class,
            e -> {
              List<String> actual =
                  e.diagnostics().stream().map(InvalidCorpusTest::render).toList();
              assertThat(actual).as("diagnostics of %s", c.name()).containsExactlyElementsOf(expected);
              assertThat(e.diagnostics())
                  .as("every diagnostic of %s has a line and a column", c.name())
                  .allSatisfy(
                      d -> {
                        assertThat(d.line()).isPositive();
                        assertThat(d.column()).isPositive();
                      });
              assertThat(e.diagnostics())
                  .extracting(Diagnostic::message)
                  .as("messages of %s name no Java class and hold no stack trace", c.name())
                  .noneMatch(m -> JAVA_LEAK.matcher(m).find())
                  .noneMatch(m -> m.contains("\n"));
            });
  }

  @Test
  void holdsAtLeastSixtyCases() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void everyExpectationFileBelongsToACase() {
    List<String> names = cases().stream().map(Case::name).toList();

    assertThat(list(ROOT))
        .map(p -> p.getFileName().toString())
        .filteredOn(f -> f.endsWith(".expected"))
        .allSatisfy(
            f -> assertThat(names).contains(f.substring(0, f.length() - ".expected".length())));
  }

  @Test
  void theLeakPatternCatchesWhatItShould() {
    assertThat(JAVA_LEAK.matcher("cannot read: java.nio.file.NoSuchFileException: x").find())
        .isTrue();
    assertThat(JAVA_LEAK.matcher("IllegalArgumentException").find()).isTrue();
    assertThat(
            JAVA_LEAK
                .matcher("at io.orkestra.katalog.internal.load.Komposer.file(Komposer.java:12)")
                .find())
        .isTrue();
    assertThat(
            JAVA_LEAK
                .matcher("unknown key 'imgae' in spec.crds.webapp.operatorBox (did you mean 'image'?)")
                .find())
        .isFalse();
  }

  private static String render(Diagnostic d) {
    return d.toString().replace('\\', '/').replace(PREFIX, "");
  }

  private static List<String> expectedLines(Case c) {
    assertThat(c.expected()).as("expectation file of case %s", c.name()).isRegularFile();
    try {
      List<String> lines =
          Files.readAllLines(c.expected(), StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .collect(Collectors.toList());
      assertThat(lines).as("expectation file of case %s", c.name()).isNotEmpty();
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.NoteDoc;
import org.junit.jupiter.api.Test;

/** {@code ork notes}: browsing the built-in template functions. */
class NotesCommandTest {

  @Test
  void listsEveryNoteWithItsSignatureAndDescriptionByCategory() {
    OrkCliTest.Run r = OrkCliTest.ork("notes");

    assertThat(r.code()).as(r.err()).isZero();
    int count = KatalogInterpreter.notes().size();
    assertThat(r.out()).startsWith(count + " built-in notes");
    for (NoteDoc n : KatalogInterpreter.notes()) {
      assertThat(r.out()).contains(n.signature()).contains(n.description());
    }
    assertThat(r.out())
        .containsPattern("\nString\n  trim S +S without leading and trailing white space\\.\n")
        .contains("\nKubernetes\n");
  }

  @Test
  void searchesNamesCategoriesAndDescriptions() {
    OrkCliTest.Run r = OrkCliTest.ork("notes", "search", "semver");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("semverValid V", "semverCompare A B")
        .doesNotContain("trimPrefix", "imageTag");
    // case-insensitive, and descriptions count
    assertThat(OrkCliTest.ork("notes", "search", "BASE64").out())
        .contains("toBase64 S", "fromBase64 S", "randomBase64 N");
  }

  @Test
  void searchWithoutMatchExitsOne() {
    OrkCliTest.Run r = OrkCliTest.ork("notes", "search", "kafka");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo("no note matches 'kafka'");
  }

  @Test
  void showsOneNoteWithAnExample() {
    OrkCliTest.Run r = OrkCliTest.ork("notes", "show", "trimPrefix");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            String.join(
                "\n",
                "trimPrefix (String)",
                "  usage:    trimPrefix PREFIX S",
                "  S without PREFIX at its start.",
                "  example:  {{ .spec.name | trimPrefix \"app-\" }}",
                ""));
  }

  @Test
  void showOfAnUnknownNoteExitsTwoWithTheClosestName() {
    OrkCliTest.Run r = OrkCliTest.ork("notes", "show", "trimPrefx");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: unknown note 'trimPrefx' (did you mean 'trimPrefix'?)");
    assertThat(OrkCliTest.ork("notes", "show", "zzzzzzzzzzzz").err())
        .contains("ork notes search KEYWORD");
  }

  @Test
  void missingArgumentsAndHelp() {
    assertThat(OrkCliTest.ork("notes", "show").code()).isEqualTo(2);
    OrkCliTest.Run help = OrkCliTest.ork("notes", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: ork notes", "search", "show");
    assertThat(OrkCliTest.ork("--help").out()).contains("notes");
  }
}

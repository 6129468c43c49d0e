package io.orkestra.katalog.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS = List.of("image", "replicas", "port", "or", "labels");

  @Test
  void countsATranspositionAsOneEdit() {
    assertThat(Suggestions.distance("imgae", "image")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }

  @Test
  void suggestsTheClosestPlausibleKey() {
    assertThat(Suggestions.closest("imgae", KEYS)).hasValue("image");
    assertThat(Suggestions.closest("replcas", KEYS)).hasValue("replicas");
    assertThat(Suggestions.closest("Labels", KEYS)).hasValue("labels");
    assertThat(Suggestions.didYouMean("prot", KEYS)).isEqualTo(" (did you mean 'port'?)");
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertThat(Suggestions.closest("frobnicate", KEYS)).isEmpty();
    assertThat(Suggestions.closest("xy", KEYS)).isEmpty();
    assertThat(Suggestions.didYouMean("serviceAccount", KEYS)).isEmpty();
  }
}

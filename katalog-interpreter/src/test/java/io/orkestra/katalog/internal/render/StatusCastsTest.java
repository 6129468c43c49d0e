package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.model.StatusType;
import org.junit.jupiter.api.Test;

class StatusCastsTest {

  private static String cast(String text, StatusType type) {
    return StatusCasts.cast(text, type).map(JsonNode::toString).orElse("<fails>");
  }

  @Test
  void keepsTextByDefault() {
    assertThat(cast(" 3 ", StatusType.STRING)).isEqualTo("\" 3 \"");
  }

  @Test
  void castsToTheDeclaredType() {
    assertThat(cast(" 3 ", StatusType.INT)).isEqualTo("3");
    assertThat(cast("2.5", StatusType.FLOAT)).isEqualTo("2.5");
    assertThat(cast("3", StatusType.FLOAT)).isEqualTo("3.0");
    assertThat(cast("True", StatusType.BOOL)).isEqualTo("true");
    assertThat(cast("0", StatusType.BOOL)).isEqualTo("false");
  }

  @Test
  void failsWhenTheTextDoesNotParse() {
    assertThat(cast("3.5", StatusType.INT)).isEqualTo("<fails>");
    assertThat(cast("abc", StatusType.FLOAT)).isEqualTo("<fails>");
    assertThat(cast("1f", StatusType.FLOAT)).isEqualTo("<fails>");
    assertThat(cast("yes", StatusType.BOOL)).isEqualTo("<fails>");
  }

  @Test
  void autoPicksTheFirstTypeThatParses() {
    assertThat(cast("42", StatusType.AUTO)).isEqualTo("42");
    assertThat(cast("4.2", StatusType.AUTO)).isEqualTo("4.2");
    assertThat(cast("false", StatusType.AUTO)).isEqualTo("false");
    assertThat(cast("{\"a\":[1]}", StatusType.AUTO)).isEqualTo("{\"a\":[1]}");
    assertThat(cast("[1, 2", StatusType.AUTO)).isEqualTo("\"[1, 2\"");
    assertThat(cast("T", StatusType.AUTO)).as("only true/false are booleans").isEqualTo("\"T\"");
    assertThat(cast("hello", StatusType.AUTO)).isEqualTo("\"hello\"");
  }
}

package io.orkestra.katalog.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoFormatTest {

  private static String sprintf(String format, Object... args) {
    List<Object> list = Arrays.asList(args);
    return GoFormat.sprintf(format, list);
  }

  @Test
  void formatsTheBasicVerbs() {
    assertThat(sprintf("%s=%d (%v, %v, %t) %q %%", "a", 3L, 1.5, "x", true, "q"))
        .isEqualTo("a=3 (1.5, x, true) \"q\" %");
    assertThat(sprintf("%x %X %x", 255L, 255L, "hi")).isEqualTo("ff FF 6869");
    assertThat(sprintf("%.2f|%f", 3.14159, 2.0)).isEqualTo("3.14|2.000000");
  }

  @Test
  void padsToWidth() {
    assertThat(sprintf("[%5s][%-5s][%05d][%+d]", "ab", "ab", -42L, 7L))
        .isEqualTo("[   ab][ab   ][-0042][+7]");
  }

  @Test
  void rendersMistakesInlineLikeGo() {
    assertThat(sprintf("%d", "abc")).isEqualTo("%!d(string=abc)");
    assertThat(sprintf("%s %s", "a")).isEqualTo("a %!s(MISSING)");
    assertThat(sprintf("%s", "a", 2L)).isEqualTo("a%!(EXTRA int64=2)");
    assertThat(sprintf("%d", (Object) null)).isEqualTo("%!d(<nil>)");
  }

  @Test
  void refusesVerbsNotImplementedYet() {
    assertThatThrownBy(() -> sprintf("%U", 1L))
        .isInstanceOf(FunctionError.class)
        .hasMessage("printf verb %U is not supported yet");
  }

  @Test
  void quotesLikeStrconvQuote() {
    assertThat(GoFormat.quote("a\"b\\c\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01é\"");
  }

  @Test
  void printsFloatsWithTheShortestDigits() {
    assertThat(GoFormat.formatFloat(3.0)).isEqualTo("3");
    assertThat(GoFormat.formatFloat(0.1)).isEqualTo("0.1");
    assertThat(GoFormat.formatFloat(123456.0)).isEqualTo("123456");
    assertThat(GoFormat.formatFloat(1e6)).isEqualTo("1e+06");
    assertThat(GoFormat.formatFloat(1234567.0)).isEqualTo("1.234567e+06");
    assertThat(GoFormat.formatFloat(0.00001)).isEqualTo("1e-05");
    assertThat(GoFormat.formatFloat(-2.5)).isEqualTo("-2.5");
    assertThat(GoFormat.formatFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
  }
}

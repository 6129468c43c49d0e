package io.orkestra.katalog.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

class CoercionTest {

  @Test
  void valueTypeConvertsRenderedTextAndLiterals() {
    assertThat(Coercion.value(" 3 ", null, "int")).isEqualTo(IntNode.valueOf(3));
    assertThat(Coercion.value(null, IntNode.valueOf(3), "string").asText()).isEqualTo("3");
    assertThat(Coercion.value("TRUE", null, "bool")).isEqualTo(BooleanNode.TRUE);
    assertThat(Coercion.value("1.5", null, "float").doubleValue()).isEqualTo(1.5);
    assertThat(Coercion.value("5000000000", null, "int").longValue()).isEqualTo(5_000_000_000L);
  }

  @Test
  void withoutValueTypeTextStaysTextAndLiteralsKeepTheirType() {
    assertThat(Coercion.value("3", null, null).isTextual()).isTrue();
    assertThat(Coercion.value(null, BooleanNode.FALSE, null)).isEqualTo(BooleanNode.FALSE);
  }

  @Test
  void refusesValuesThatDoNotConvert() {
    assertThatThrownBy(() -> Coercion.value("yes", null, "bool"))
        .hasMessage("cannot convert 'yes' to bool");
    assertThatThrownBy(() -> Coercion.value("1.5", null, "int"))
        .hasMessage("cannot convert '1.5' to int");
  }

  @Test
  void guessesTypesOfRenderedConversionValues() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(Coercion.guess("42")).isEqualTo(IntNode.valueOf(42));
    assertThat(Coercion.guess("2.5").doubleValue()).isEqualTo(2.5);
    assertThat(Coercion.guess("true")).isEqualTo(BooleanNode.TRUE);
    assertThat(Coercion.guess("{\"a\":[1]}")).isEqualTo(json.readTree("{\"a\":[1]}"));
    assertThat(Coercion.guess("").isNull()).isTrue();
    assertThat(Coercion.guess("{not json}").asText()).isEqualTo("{not json}");
    assertThat(Coercion.guess("v1.2").asText()).isEqualTo("v1.2");
  }
}

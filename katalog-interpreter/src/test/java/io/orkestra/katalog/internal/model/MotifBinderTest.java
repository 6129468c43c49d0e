package io.orkestra.katalog.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YamlReader;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MotifBinderTest {

  private static @Nullable JsonNode coerce(MotifInput.Type type, String yamlValue) {
    YMap doc = (YMap) YamlReader.readAll("t.yaml", "v: " + yamlValue, new Problems()).get(0);
    return MotifBinder.coerce(type, (YScalar) doc.get("v"));
  }

  @Test
  void coercesValuesToTheirInputType() {
    assertThat(coerce(MotifInput.Type.INT, "3").isInt()).isTrue();
    assertThat(coerce(MotifInput.Type.INT, "\"42\"").asLong()).isEqualTo(42);
    assertThat(coerce(MotifInput.Type.NUMBER, "\"1.5\"").asDouble()).isEqualTo(1.5);
    assertThat(coerce(MotifInput.Type.BOOL, "\"false\"").isBoolean()).isTrue();
    assertThat(coerce(MotifInput.Type.STRING, "80").asText()).isEqualTo("80");
    assertThat(coerce(MotifInput.Type.STRING, "80").isTextual()).isTrue();
  }

  @Test
  void refusesValuesOfAnotherType() {
    assertThat(coerce(MotifInput.Type.INT, "1.5")).isNull();
    assertThat(coerce(MotifInput.Type.INT, "three")).isNull();
    assertThat(coerce(MotifInput.Type.NUMBER, "true")).isNull();
    assertThat(coerce(MotifInput.Type.BOOL, "\"on\"")).isNull();
  }

  @Test
  void acceptsATemplateForAnyTypeAsText() {
    JsonNode v = coerce(MotifInput.Type.INT, "\"{{ .spec.replicas }}\"");

    assertThat(v.isTextual()).isTrue();
    assertThat(v.asText()).isEqualTo("{{ .spec.replicas }}");
  }

  @Test
  void findsInputReferencesButNotFieldsNamedInputs() {
    assertThat(MotifBinder.INPUT_MENTION.matcher("{{ .spec.inputs.x }}").find()).isFalse();
    assertThat(MotifBinder.INPUT_MENTION.matcher("{{ upper .inputs.x }}").find()).isTrue();
    assertThat(MotifBinder.INPUT_ACTION.matcher("{{ index .inputs \"size\" }}").matches()).isTrue();
  }
}

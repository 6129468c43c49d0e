package io.orkestra.katalog.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode obj(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  @Test
  void replacesAnExistingFieldAndAddsAMissingOne() throws Exception {
    ObjectNode o = obj("{\"spec\":{\"a\":1}}");

    assertThat(JsonPaths.set(o, List.of("spec", "a"), TextNode.valueOf("x")))
        .isEqualTo(obj("{\"op\":\"replace\",\"path\":\"/spec/a\",\"value\":\"x\"}"));
    assertThat(JsonPaths.set(o, List.of("spec", "b"), TextNode.valueOf("y")))
        .isEqualTo(obj("{\"op\":\"add\",\"path\":\"/spec/b\",\"value\":\"y\"}"));
    assertThat(o).isEqualTo(obj("{\"spec\":{\"a\":\"x\",\"b\":\"y\"}}"));
  }

  @Test
  void addsTheFirstMissingParentWithTheRestNestedAndEscapesThePointer() throws Exception {
    ObjectNode o = obj("{\"spec\":{}}");

    assertThat(JsonPaths.set(o, List.of("spec", "a/b", "c~d", "e"), TextNode.valueOf("v")))
        .isEqualTo(
            obj("{\"op\":\"add\",\"path\":\"/spec/a~1b\",\"value\":{\"c~d\":{\"e\":\"v\"}}}"));
    assertThat(JsonPaths.get(o, List.of("spec", "a/b", "c~d", "e")).asText()).isEqualTo("v");
  }

  @Test
  void refusesToWriteThroughAScalar() throws Exception {
    ObjectNode o = obj("{\"spec\":{\"a\":\"text\"}}");

    assertThatThrownBy(() -> JsonPaths.set(o, List.of("spec", "a", "b"), TextNode.valueOf("v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.a is not a mapping, cannot set a field in it");
    assertThat(JsonPaths.get(o, List.of("spec", "a", "b"))).isNull();
  }
}

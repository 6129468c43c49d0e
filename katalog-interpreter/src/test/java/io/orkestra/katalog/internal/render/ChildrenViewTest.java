package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildKind;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.ResourceKey;
import io.orkestra.katalog.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code .children} in status fields, conditions and notes. */
class ChildrenViewTest {

  private static final ResourceKey STS =
      ResourceKey.of("apps/v1", "StatefulSet", "data", "orders");

  private static DesiredState interpret(ObservedState observed) {
    CompiledOperator op = Fixtures.operator("render/children/katalog.yaml");
    return op.interpret(Fixtures.cr("render/children/cr.yaml", 0), observed, Fixtures.CLOCK);
  }

  private static ObjectNode statefulSet(int desired, int ready) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", "apps/v1").put("kind", "StatefulSet");
    o.putObject("metadata").put("name", "orders").put("namespace", "data");
    o.putObject("spec").put("replicas", desired);
    o.putObject("status").put("readyReplicas", ready);
    return o;
  }

  @Test
  void readsTheObservedChildInStatusFields() {
    DesiredState state = interpret(new ObservedState(Map.of(STS, statefulSet(3, 3))));

    assertThat(state.status().path("readyReplicas").isIntegralNumber()).isTrue();
    assertThat(state.status().path("readyReplicas").intValue()).isEqualTo(3);
    assertThat(state.status().path("allReady").booleanValue()).isTrue();
    assertThat(state.status().path("phase").asText()).isEqualTo("Ready");
  }

  @Test
  void reportsPartlyReadyChildrenAsNotAllReady() {
    DesiredState state = interpret(new ObservedState(Map.of(STS, statefulSet(3, 1))));

    assertThat(state.status().path("readyReplicas").intValue()).isEqualTo(1);
    assertThat(state.status().path("allReady").booleanValue()).isFalse();
    assertThat(state.status().path("phase").asText()).isEqualTo("Pending");
  }

  @Test
  void seesAPlaceholderBeforeTheChildExists() {
    DesiredState state = interpret(ObservedState.empty());

    assertThat(state.status().path("readyReplicas").intValue()).isZero();
    assertThat(state.status().path("allReady").booleanValue()).isFalse();
    assertThat(state.children()).extracting(c -> c.key().kind()).containsExactly("StatefulSet");
  }

  @Test
  void letsConditionsOfResourcesReadChildren() {
    DesiredState state = interpret(new ObservedState(Map.of(STS, statefulSet(3, 2))));

    assertThat(state.children())
        .extracting(c -> c.key().kind() + " " + c.key().name())
        .containsExactly("StatefulSet orders", "ConfigMap orders-ready");
    assertThat(state.children().get(1).manifest().path("data").path("ready").asText())
        .isEqualTo("2");
  }

  @Test
  void keysChildrenByLowercaseKindAndCustomKindsAlsoAsCustom() {
    ObjectNode cert = JsonNodeFactory.instance.objectNode();
    cert.putObject("metadata").put("name", "tls");
    ObservedState observed =
        new ObservedState(
            Map.of(
                STS, statefulSet(1, 1),
                ResourceKey.of("cert-manager.io/v1", "Certificate", "data", "tls"), cert));

    ObjectNode children =
        ChildrenView.of(observed, List.of(new ChildKind("v1", "Service")));

    assertThat(children.path("statefulset").path("status").path("readyReplicas").intValue())
        .isEqualTo(1);
    assertThat(children.path("certificate").path("status").isObject()).isTrue();
    assertThat(children.path("custom").path("metadata").path("name").asText()).isEqualTo("tls");
    assertThat(children.path("service").path("_placeholder").booleanValue()).isTrue();
  }
}

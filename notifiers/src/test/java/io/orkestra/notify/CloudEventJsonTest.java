package io.orkestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.Outcome;
import io.orkestra.core.ReconcileEvent;
import io.orkestra.core.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloudEventJsonTest {

  @ParameterizedTest
  @EnumSource(Outcome.class)
  void encodesEveryOutcomeAsStructuredCloudEvent(Outcome outcome) throws Exception {
    ReconcileEvent event = Events.event("frontend", 3, outcome);

    JsonNode json = Events.JSON.readTree(Notifiers.cloudEventJson(event));

    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("id").asText()).isEqualTo(event.id());
    assertThat(json.get("source").asText()).isEqualTo("/orkestra/ork-test/webapps");
    assertThat(json.get("type").asText())
        .isEqualTo("io.orkestra.reconcile.v1." + outcome.wireName());
    assertThat(json.get("subject").asText()).isEqualTo("shop/frontend");
    assertThat(json.get("time").asText()).isEqualTo("2026-11-25T10:15:33Z");
    assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(json.has("data_base64")).isFalse();

    JsonNode data = json.get("data");
    assertThat(data.isObject()).isTrue();
    assertThat(fieldNames(data))
        .containsExactly(
            "apiVersion",
            "kind",
            "namespace",
            "name",
            "uid",
            "generation",
            "observedGeneration",
            "outcome",
            "actions",
            "durationMs",
            "conditions",
            "error");
    assertThat(data.get("apiVersion").asText()).isEqualTo("demo.orkestra.io/v1");
    assertThat(data.get("kind").asText()).isEqualTo("WebApp");
    assertThat(data.get("namespace").asText()).isEqualTo("shop");
    assertThat(data.get("name").asText()).isEqualTo("frontend");
    assertThat(data.get("uid").asText()).isEqualTo("uid-frontend");
    assertThat(data.get("generation").asLong()).isEqualTo(3);
    assertThat(data.get("observedGeneration").asLong()).isEqualTo(event.observedGeneration());
    assertThat(data.get("outcome").asText()).isEqualTo(outcome.wireName());
    assertThat(data.get("actions").size()).isEqualTo(event.actions().size());
    assertThat(data.get("durationMs").asLong()).isEqualTo(15);
    assertThat(data.get("conditions").get(0).get("type").asText()).isEqualTo("Ready");
    if (outcome == Outcome.FAILED) {
      assertThat(data.get("error").asText())
          .isEqualTo("apply ConfigMap frontend-config: 409 Conflict");
    } else {
      assertThat(data.get("error").isNull()).isTrue();
    }
  }

  @Test
  void matchesGoldenDocumentForSucceededReconcile() throws Exception {
    String actual = Notifiers.cloudEventJsonString(Events.event("frontend", 3, Outcome.SUCCEEDED));

    assertThat(Events.JSON.readTree(actual))
        .isEqualTo(Events.JSON.readTree(Fixtures.read("reconcile-succeeded.json")));
  }

  @Test
  void matchesGoldenDocumentForFailedReconcile() throws Exception {
    String actual = Notifiers.cloudEventJsonString(Events.event("frontend", 3, Outcome.FAILED));

    assertThat(Events.JSON.readTree(actual))
        .isEqualTo(Events.JSON.readTree(Fixtures.read("reconcile-failed.json")));
  }

  @Test
  void listsActionsWithVerbKindNamespaceAndName() throws Exception {
    JsonNode actions =
        Events.JSON
            .readTree(Notifiers.cloudEventJson(Events.event("frontend", 1, Outcome.SUCCEEDED)))
            .at("/data/actions");

    assertThat(actions.get(0).toString())
        .isEqualTo(
            "{\"verb\":\"created\",\"kind\":\"ConfigMap\",\"namespace\":\"shop\",\"name\":\"frontend-config\"}");
    assertThat(actions.get(1).get("verb").asText()).isEqualTo("updated");
  }

  @Test
  void readsBackWithTheCloudEventsSdk() {
    ReconcileEvent event = Events.event("frontend", 3, Outcome.DELETED);

    CloudEvent ce = new JsonFormat().deserialize(Notifiers.cloudEventJson(event));

    assertThat(ce.getSpecVersion().toString()).isEqualTo("1.0");
    assertThat(ce.getId()).isEqualTo(event.id());
    assertThat(ce.getType()).isEqualTo("io.orkestra.reconcile.v1.deleted");
    assertThat(ce.getSource().toString()).isEqualTo(event.source());
    assertThat(ce.getSubject()).isEqualTo("shop/frontend");
    assertThat(ce.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-25T10:15:33Z"));
    assertThat(ce.getDataContentType()).isEqualTo("application/json");
  }

  @Test
  void usesCoreApiVersionAndEmptyNamespaceForClusterScopedResources() throws Exception {
    ReconcileEvent base = Events.event("frontend", 1, Outcome.SUCCEEDED);
    ReconcileEvent clusterScoped =
        new ReconcileEvent(
            base.id(),
            base.runtimeName(),
            base.crdName(),
            new ResourceKey("", "v1", "Namespace", "", "team-a"),
            base.uid(),
            1,
            1,
            Outcome.SUCCEEDED,
            List.of(),
            1,
            base.conditions(),
            null,
            base.time());

    JsonNode json = Events.JSON.readTree(Notifiers.cloudEventJson(clusterScoped));

    assertThat(json.get("subject").asText()).isEqualTo("/team-a");
    assertThat(json.at("/data/apiVersion").asText()).isEqualTo("v1");
    assertThat(json.at("/data/namespace").asText()).isEmpty();
    assertThat(json.at("/data/actions").isEmpty()).isTrue();
  }

  @Test
  void leavesTheEventsConditionsUntouched() {
    ReconcileEvent event = Events.event("frontend", 1, Outcome.SUCCEEDED);
    String before = event.conditions().toString();

    Notifiers.cloudEventJson(event);

    assertThat(event.conditions().toString()).isEqualTo(before);
  }

  @Test
  void stringFormIsTheUtf8OfTheBytes() {
    ReconcileEvent event = Events.event("frontend", 1, Outcome.SUCCEEDED);

    assertThat(Notifiers.cloudEventJsonString(event))
        .isEqualTo(new String(Notifiers.cloudEventJson(event), StandardCharsets.UTF_8));
  }

  @Test
  void rejectsSourceThatIsNotAUriReference() {
    ReconcileEvent base = Events.event("frontend", 1, Outcome.SUCCEEDED);
    ReconcileEvent bad =
        new ReconcileEvent(
            base.id(),
            "my runtime",
            base.crdName(),
            base.key(),
            base.uid(),
            1,
            1,
            Outcome.SUCCEEDED,
            base.actions(),
            1,
            base.conditions(),
            null,
            base.time());

    assertThatThrownBy(() -> Notifiers.cloudEventJson(bad))
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("'/orkestra/my runtime/webapps' is not a URI reference");
  }

  @Test
  void rejectsNullEvent() {
    assertThatThrownBy(() -> Notifiers.cloudEventJson(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

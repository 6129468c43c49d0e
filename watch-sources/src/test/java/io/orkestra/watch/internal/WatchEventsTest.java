package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ResourceKey;
import io.orkestra.core.WatchEvent;
import org.junit.jupiter.api.Test;

class WatchEventsTest {

  static final ResourceKey KEY =
      new ResourceKey("demo.orkestra.io", "v1", "WebApp", "default", "a");

  static ObjectNode object(String rv, String greeting) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", "demo.orkestra.io/v1").put("kind", "WebApp");
    o.putObject("metadata").put("name", "a").put("resourceVersion", rv).put("generation", 1);
    o.putObject("spec").put("greeting", greeting);
    return o;
  }

  @Test
  void deletedWinsOverAnyWaitingEvent() {
    WatchEvent merged =
        WatchEvents.merge(
            new WatchEvent.Added(KEY, object("1", "x")),
            new WatchEvent.Deleted(KEY, object("2", "y")));

    assertThat(merged).isInstanceOf(WatchEvent.Deleted.class);
    assertThat(merged.object().path("spec").path("greeting").asText()).isEqualTo("y");
  }

  @Test
  void waitingAddedStaysAddedWithTheNewestObject() {
    WatchEvent merged =
        WatchEvents.merge(
            new WatchEvent.Added(KEY, object("1", "x")),
            new WatchEvent.Modified(KEY, object("2", "y")));

    assertThat(merged).isInstanceOf(WatchEvent.Added.class);
    assertThat(merged.object().path("spec").path("greeting").asText()).isEqualTo("y");
  }

  @Test
  void waitingModifiedIsNotDowngradedByAResync() {
    WatchEvent merged =
        WatchEvents.merge(
            new WatchEvent.Modified(KEY, object("2", "y")),
            new WatchEvent.Resynced(KEY, object("2", "y")));

    assertThat(merged).isInstanceOf(WatchEvent.Modified.class);
  }

  @Test
  void objectThatComesBackAfterADeleteIsAdded() {
    WatchEvent merged =
        WatchEvents.merge(
            new WatchEvent.Deleted(KEY, object("2", "x")),
            new WatchEvent.Added(KEY, object("3", "z")));

    assertThat(merged).isInstanceOf(WatchEvent.Added.class);
    assertThat(merged.object().path("metadata").path("resourceVersion").asText()).isEqualTo("3");
  }

  @Test
  void statusResourceVersionAndManagedFieldsChangesAreNotSignificant() {
    ObjectNode before = object("1", "x");
    ObjectNode after = object("2", "x");
    after.putObject("status").put("phase", "Ready");
    ((ObjectNode) after.get("metadata")).putArray("managedFields").addObject().put("manager", "k");

    assertThat(WatchEvents.significant(before, after)).isFalse();
  }

  @Test
  void specLabelAndDeletionTimestampChangesAreSignificant() {
    ObjectNode before = object("1", "x");

    assertThat(WatchEvents.significant(before, object("2", "y"))).isTrue();
    ObjectNode labelled = object("2", "x");
    ((ObjectNode) labelled.get("metadata")).putObject("labels").put("tier", "gold");
    assertThat(WatchEvents.significant(before, labelled)).isTrue();
    ObjectNode terminating = object("2", "x");
    ((ObjectNode) terminating.get("metadata")).put("deletionTimestamp", "2026-11-25T00:00:00Z");
    assertThat(WatchEvents.significant(before, terminating)).isTrue();
  }

  @Test
  void significanceCheckDoesNotChangeItsInputs() {
    ObjectNode before = object("1", "x");
    ObjectNode after = object("2", "x");
    after.putObject("status").put("phase", "Ready");
    ObjectNode afterCopy = after.deepCopy();

    WatchEvents.significant(before, after);

    assertThat(after).isEqualTo(afterCopy);
  }
}

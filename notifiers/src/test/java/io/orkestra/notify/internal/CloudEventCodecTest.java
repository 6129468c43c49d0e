package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.ReconcileEvent;
import io.orkestra.notify.TailedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

  @Test
  void parsesItsOwnDocumentBackIntoTailedEvent() {
    ReconcileEvent event = SampleEvents.event("frontend", 4);
    String json = new String(CloudEventCodec.toJson(event), StandardCharsets.UTF_8);

    TailedEvent tailed = CloudEventCodec.toTailedEvent("t", 2, 41, event.key().eventKey(), json);

    assertThat(tailed.isCloudEvent()).isTrue();
    assertThat(tailed.topic()).isEqualTo("t");
    assertThat(tailed.partition()).isEqualTo(2);
    assertThat(tailed.offset()).isEqualTo(41);
    assertThat(tailed.key()).isEqualTo("demo.orkestra.io/WebApp/shop/frontend");
    assertThat(tailed.json()).isEqualTo(json);
    assertThat(tailed.id()).isEqualTo("frontend-4");
    assertThat(tailed.type()).isEqualTo("io.orkestra.reconcile.v1.succeeded");
    assertThat(tailed.source()).isEqualTo("/orkestra/ork-test/webapps");
    assertThat(tailed.subject()).isEqualTo("shop/frontend");
    assertThat(tailed.time()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(tailed.data().get("generation").asLong()).isEqualTo(4);
    assertThat(tailed.data().get("actions").get(0).get("verb").asText()).isEqualTo("created");
  }

  @Test
  void keepsRecordsThatAreNotCloudEventsWithEmptyAttributes() {
    TailedEvent tailed = CloudEventCodec.toTailedEvent("t", 0, 1, null, "{\"hello\":\"world\"}");

    assertThat(tailed.isCloudEvent()).isFalse();
    assertThat(tailed.id()).isNull();
    assertThat(tailed.type()).isNull();
    assertThat(tailed.time()).isNull();
    assertThat(tailed.data().isMissingNode()).isTrue();
    assertThat(tailed.json()).isEqualTo("{\"hello\":\"world\"}");
  }

  @Test
  void keepsGarbageAndTombstonesWithoutFailing() {
    assertThat(CloudEventCodec.toTailedEvent("t", 0, 1, "k", "not json").isCloudEvent()).isFalse();

    TailedEvent tombstone = CloudEventCodec.toTailedEvent("t", 0, 2, "k", null);

    assertThat(tombstone.json()).isEmpty();
    assertThat(tombstone.isCloudEvent()).isFalse();
  }

  @Test
  void givesEachTailedEventItsOwnDataTree() {
    String json =
        new String(CloudEventCodec.toJson(SampleEvents.event("a", 1)), StandardCharsets.UTF_8);
    TailedEvent first = CloudEventCodec.toTailedEvent("t", 0, 0, "k", json);
    TailedEvent second = CloudEventCodec.toTailedEvent("t", 0, 0, "k", json);

    assertThat(first.data()).isEqualTo(second.data()).isNotSameAs(second.data());
  }
}

package io.orkestra.runtime.internal.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class FakeClusterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(SimulationRunner.EPOCH, ZoneOffset.UTC);

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  private static ObjectNode cr() throws Exception {
    return json("{\"apiVersion\":\"demo.io/v1\",\"kind\":\"App\",\"metadata\":{\"name\":\"a\"},"
        + "\"spec\":{\"size\":1,\"tags\":[\"x\"]}}");
  }

  @Test
  void storesACustomResourceAsAnApiServerWould() throws Exception {
    FakeCluster cluster = new FakeCluster(CLOCK);
    ResourceKey key = cluster.addCustomResource(cr(), true);

    ObjectNode stored = cluster.customResource(key);
    assertThat(key.namespace()).isEqualTo("default");
    assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(stored.path("metadata").path("uid").asText()).isNotEmpty();
    assertThat(stored.path("metadata").path("creationTimestamp").asText())
        .isEqualTo("2025-01-01T00:00:00Z");
    assertThatThrownBy(() -> cluster.addCustomResource(cr(), true))
        .isInstanceOf(OrkestraException.class).hasMessageContaining("declared twice");
  }

  @Test
  void aMergePatchOfTheSpecBumpsTheGenerationButNotTheIdentity() throws Exception {
    FakeCluster cluster = new FakeCluster(CLOCK);
    ResourceKey key = cluster.addCustomResource(cr(), true);

    cluster.patchCustomResource(key,
        json("{\"metadata\":{\"name\":\"other\",\"labels\":{\"l\":\"1\"}},"
            + "\"spec\":{\"size\":null,\"tags\":[\"y\",\"z\"],\"new\":{\"k\":true}}}"));

    ObjectNode stored = cluster.customResource(key);
    assertThat(stored.path("metadata").path("name").asText()).isEqualTo("a");
    assertThat(stored.path("metadata").path("labels").path("l").asText()).isEqualTo("1");
    assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(2);
    assertThat(stored.path("spec").toString())
        .isEqualTo("{\"tags\":[\"y\",\"z\"],\"new\":{\"k\":true}}");
    cluster.patchCustomResource(key, json("{\"metadata\":{\"labels\":{\"l\":\"2\"}}}"));
    assertThat(cluster.customResource(key).path("metadata").path("generation").asLong())
        .isEqualTo(2);
  }

  @Test
  void appliesCreatesPatchesAndDeletesAndObservesOnlyOwnedChildren() throws Exception {
    FakeCluster cluster = new FakeCluster(CLOCK);
    ResourceKey ownerKey = cluster.addCustomResource(cr(), true);
    ObjectNode owner = cluster.customResource(ownerKey);
    ResourceKey cmKey = ResourceKey.of("v1", "ConfigMap", "default", "a-cm");
    ObjectNode manifest = json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"name\":\"a-cm\",\"namespace\":\"default\"},\"data\":{\"k\":\"v\"}}");
    ChildResource child = new ChildResource(cmKey, manifest, true);
    DesiredState desired = new DesiredState(ownerKey, List.of(child), JSON.createObjectNode());

    StepVerifier.create(cluster.apply(owner, List.of(new Action.Create(child))))
        .expectNextCount(1).verifyComplete();
    ObjectNode changed = manifest.deepCopy();
    ((ObjectNode) changed.path("data")).put("k", "w");
    StepVerifier.create(cluster.observe(owner, desired)
            .flatMap(o -> cluster.apply(owner,
                List.of(new Action.Patch(new ChildResource(cmKey, changed, true),
                    o.children().get(cmKey))))))
        .expectNextCount(1).verifyComplete();

    ObjectNode stored = cluster.children().get(cmKey);
    assertThat(stored.path("data").path("k").asText()).isEqualTo("w");
    assertThat(stored.path("metadata").path("ownerReferences").get(0).path("uid").asText())
        .isEqualTo(owner.path("metadata").path("uid").asText());
    assertThat(stored.path("metadata").path("uid").asText()).isNotEmpty();

    StepVerifier.create(cluster.apply(owner, List.of(new Action.Delete(cmKey))))
        .expectNextCount(1).verifyComplete();
    StepVerifier.create(cluster.observe(owner, desired))
        .assertNext(o -> assertThat(o.children()).isEmpty())
        .verifyComplete();
    assertThat(cluster.drainOps()).extracting(FakeCluster.Op::toString)
        .containsExactly("create configmaps/a-cm", "update configmaps/a-cm",
            "delete configmaps/a-cm");
    assertThat(cluster.drainOps()).isEmpty();
  }

  @Test
  void aResourceBeingDeletedIsGoneWhenItsLastFinalizerIsRemoved() throws Exception {
    FakeCluster cluster = new FakeCluster(CLOCK);
    ResourceKey key = cluster.addCustomResource(cr(), true);
    ObjectNode stored = cluster.addFinalizer(cluster.customResource(key), "f")
        .block(Duration.ofSeconds(5));
    assertThat(stored.path("metadata").path("finalizers").toString()).isEqualTo("[\"f\"]");

    cluster.deleteCustomResource(key);
    assertThat(cluster.customResource(key).path("metadata").has("deletionTimestamp")).isTrue();
    cluster.removeFinalizer(cluster.customResource(key), "f").block(Duration.ofSeconds(5));

    assertThat(cluster.customResource(key)).isNull();
    assertThat(cluster.lastSeen(key).path("metadata").path("name").asText()).isEqualTo("a");
  }

  @Test
  void namesResourcesInThePluralLikeKubectl() {
    assertThat(FakeCluster.plural("Deployment")).isEqualTo("deployments");
    assertThat(FakeCluster.plural("Ingress")).isEqualTo("ingresses");
    assertThat(FakeCluster.plural("NetworkPolicy")).isEqualTo("networkpolicies");
    assertThat(FakeCluster.plural("Gateway")).isEqualTo("gateways");
  }
}

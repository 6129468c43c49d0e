package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import io.orkestra.watch.Fixtures;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  static final ResourceKey CONFIG_MAP =
      new ResourceKey("", "v1", "ConfigMap", "default", "shop-config");

  static ObjectNode owner() {
    ObjectNode cr = Fixtures.manifest("webapp.json");
    ((ObjectNode) cr.get("metadata")).put("uid", "uid-1");
    return cr;
  }

  @Test
  void childGetsOwnerReferenceAndLabelsWithoutChangingTheDesiredManifest() {
    ObjectNode desired = Fixtures.manifest("configmap.json");
    ObjectNode before = desired.deepCopy();

    ObjectNode m = Manifests.child(Owner.of(owner()), new ChildResource(CONFIG_MAP, desired, true));

    assertThat(desired).isEqualTo(before);
    JsonNode labels = m.path("metadata").path("labels");
    assertThat(labels.path("managed-by").asText()).isEqualTo("orkestra");
    assertThat(labels.path("orkestra-owner").asText()).isEqualTo("shop");
    assertThat(labels.path("app").asText()).isEqualTo("shop");
    JsonNode ref = m.path("metadata").path("ownerReferences").get(0);
    assertThat(ref.path("apiVersion").asText()).isEqualTo("demo.orkestra.io/v1");
    assertThat(ref.path("kind").asText()).isEqualTo("WebApp");
    assertThat(ref.path("name").asText()).isEqualTo("shop");
    assertThat(ref.path("uid").asText()).isEqualTo("uid-1");
    assertThat(ref.path("controller").asBoolean()).isTrue();
    assertThat(ref.path("blockOwnerDeletion").asBoolean()).isTrue();
  }

  @Test
  void childIdentityIsFilledInFromTheKey() {
    ObjectNode bare = Fixtures.manifest("configmap.json");
    bare.remove("apiVersion");
    bare.remove("kind");
    ((ObjectNode) bare.get("metadata")).remove("name");
    ((ObjectNode) bare.get("metadata")).remove("namespace");

    ObjectNode m = Manifests.child(Owner.of(owner()), new ChildResource(CONFIG_MAP, bare, true));

    assertThat(m.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(m.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(m.path("metadata").path("name").asText()).isEqualTo("shop-config");
    assertThat(m.path("metadata").path("namespace").asText()).isEqualTo("default");
  }

  @Test
  void childInAnotherNamespaceOrClusterScopedGetsLabelsButNoOwnerReference() {
    ResourceKey elsewhere = new ResourceKey("", "v1", "ConfigMap", "other", "shop-config");
    ResourceKey clusterRole =
        new ResourceKey("rbac.authorization.k8s.io", "v1", "ClusterRole", "", "r");
    ObjectNode role = Fixtures.manifest("configmap.json");

    ObjectNode a = Manifests.child(Owner.of(owner()), new ChildResource(elsewhere, role, true));
    ObjectNode b = Manifests.child(Owner.of(owner()), new ChildResource(clusterRole, role, true));

    assertThat(a.path("metadata").has("ownerReferences")).isFalse();
    assertThat(b.path("metadata").has("ownerReferences")).isFalse();
    assertThat(b.path("metadata").path("labels").path("managed-by").asText()).isEqualTo("orkestra");
  }

  @Test
  void clusterScopedOwnerMayOwnAnyChild() {
    ObjectNode clusterOwner = owner();
    ((ObjectNode) clusterOwner.get("metadata")).remove("namespace");

    assertThat(Owner.of(clusterOwner).mayOwn(CONFIG_MAP)).isTrue();
  }

  @Test
  void ownReferenceReplacesAnEarlierOneWithTheSameUidAndKeepsOthers() {
    ObjectNode desired = Fixtures.manifest("configmap.json");
    var refs = ((ObjectNode) desired.get("metadata")).putArray("ownerReferences");
    refs.addObject().put("uid", "uid-1").put("name", "stale");
    refs.addObject().put("uid", "uid-other").put("name", "someone-else");

    ObjectNode m = Manifests.child(Owner.of(owner()), new ChildResource(CONFIG_MAP, desired, true));

    assertThat(m.path("metadata").path("ownerReferences")).hasSize(2);
    assertThat(m.path("metadata").path("ownerReferences").findValuesAsText("name"))
        .containsExactlyInAnyOrder("someone-else", "shop");
  }

  @Test
  void ownerWithoutUidCannotOwnChildren() {
    ObjectNode cr = Fixtures.manifest("webapp.json");

    assertThatThrownBy(
            () ->
                Manifests.child(
                    Owner.of(cr),
                    new ChildResource(CONFIG_MAP, Fixtures.manifest("configmap.json"), true)))
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("WebApp default/shop has no metadata.uid");
  }

  @Test
  void ownerWithoutIdentityIsRejected() {
    ObjectNode cr = Fixtures.manifest("webapp.json");
    cr.remove("kind");

    assertThatThrownBy(() -> Owner.of(cr))
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("kind=''");
  }

  @Test
  void updateReplacesDeclaredSectionsAndKeepsServerFields() {
    ObjectNode current = Fixtures.manifest("configmap.json");
    ObjectNode meta = (ObjectNode) current.get("metadata");
    meta.put("resourceVersion", "42").put("uid", "cm-uid");
    meta.putObject("annotations").put("kept", "yes");
    meta.putArray("finalizers").add("other/finalizer");
    ((ObjectNode) current.get("data")).put("stale", "x");
    current.putObject("binaryData").put("blob", "AAAA");
    ObjectNode declared = Fixtures.manifest("configmap.json");
    ((ObjectNode) declared.get("data")).put("greeting", "bonjour");
    ObjectNode declaredMeta = (ObjectNode) declared.get("metadata");
    declaredMeta.putObject("annotations").put("ours", "1");
    declaredMeta.putArray("finalizers").add("orkestra.orkspace.io/cleanup");
    declared.putObject("status").put("ignored", true);

    ObjectNode merged = Manifests.mergeForUpdate(current, declared);

    assertThat(merged.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
    assertThat(merged.path("metadata").path("uid").asText()).isEqualTo("cm-uid");
    assertThat(merged.path("data").path("greeting").asText()).isEqualTo("bonjour");
    assertThat(merged.path("data").has("stale")).isFalse();
    assertThat(merged.path("binaryData").path("blob").asText()).isEqualTo("AAAA");
    assertThat(merged.path("metadata").path("annotations").path("kept").asText()).isEqualTo("yes");
    assertThat(merged.path("metadata").path("annotations").path("ours").asText()).isEqualTo("1");
    assertThat(merged.path("metadata").path("finalizers"))
        .extracting(JsonNode::asText)
        .containsExactly("other/finalizer", "orkestra.orkspace.io/cleanup");
    assertThat(merged.has("status")).isFalse();
  }

  @Test
  void updateOfAnUnchangedObjectIsTheSameObject() {
    ObjectNode current =
        Manifests.child(
            Owner.of(owner()),
            new ChildResource(CONFIG_MAP, Fixtures.manifest("configmap.json"), true));
    ((ObjectNode) current.get("metadata")).put("resourceVersion", "7");
    ObjectNode declared =
        Manifests.child(
            Owner.of(owner()),
            new ChildResource(CONFIG_MAP, Fixtures.manifest("configmap.json"), true));

    assertThat(Json.same(current, Manifests.mergeForUpdate(current, declared))).isTrue();
  }
}

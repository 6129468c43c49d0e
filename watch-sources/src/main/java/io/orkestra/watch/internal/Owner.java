package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;

/**
 * The custom resource that owns children: what an owner reference and the owner label need.
 *
 * @param key the owner's identity
 * @param uid the owner's {@code metadata.uid} ({@code ""} when unknown)
 */
public record Owner(ResourceKey key, String uid) {

  /**
   * Reads the owner from its object tree.
   *
   * @param cr the custom resource (not changed)
   * @return the owner
   */
  public static Owner of(ObjectNode cr) {
    String apiVersion = Json.text(cr, "apiVersion");
    String kind = Json.text(cr, "kind");
    String name = Json.text(cr, "metadata", "name");
    if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
      throw new OrkestraException(
          "owner must have apiVersion, kind and metadata.name, got apiVersion='"
              + apiVersion
              + "' kind='"
              + kind
              + "' name='"
              + name
              + "'");
    }
    return new Owner(
        ResourceKey.of(apiVersion, kind, Json.text(cr, "metadata", "namespace"), name),
        Json.text(cr, "metadata", "uid"));
  }

  /**
   * Whether a child may carry an owner reference to this owner: Kubernetes allows namespaced owners
   * only for children in the same namespace, and cluster-scoped owners for any child.
   *
   * @param child the child
   * @return {@code true} when an owner reference is allowed
   */
  public boolean mayOwn(ResourceKey child) {
    return key.namespace().isEmpty() || key.namespace().equals(child.namespace());
  }

  /**
   * The owner reference: controller and blocking owner deletion.
   *
   * @return a new tree
   */
  public ObjectNode reference() {
    if (uid.isEmpty()) {
      throw new OrkestraException(
          "owner " + key + " has no metadata.uid: cannot set owner references");
    }
    ObjectNode ref = JsonNodeFactory.instance.objectNode();
    ref.put("apiVersion", key.apiVersion());
    ref.put("kind", key.kind());
    ref.put("name", key.name());
    ref.put("uid", uid);
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }
}

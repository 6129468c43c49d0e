package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.ResourceKey;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Pure transformations of manifests before they are written. Inputs are never changed. */
public final class Manifests {

  /** Label naming the manager of every child (Orkestra: {@code managed-by=orkestra}). */
  public static final String MANAGED_BY = "managed-by";

  /** Value of {@link #MANAGED_BY}. */
  public static final String ORKESTRA = "orkestra";

  /** Label naming the owning custom resource (Orkestra: {@code orkestra-owner=<cr>}). */
  public static final String OWNER_LABEL = "orkestra-owner";

  private Manifests() {}

  /**
   * The manifest of a child as it will be written: a copy with identity filled in from the key
   * where the manifest leaves it out, the labels {@code managed-by: orkestra} and {@code
   * orkestra-owner: <owner name>}, and (when Kubernetes allows it, see {@link Owner#mayOwn}) a
   * controller owner reference to the owner replacing any reference with the same uid.
   *
   * @param owner the owning custom resource
   * @param child the desired child
   * @return a new manifest
   */
  public static ObjectNode child(Owner owner, ChildResource child) {
    ResourceKey key = child.key();
    ObjectNode m = child.manifest().deepCopy();
    if (!m.hasNonNull("apiVersion")) {
      m.put("apiVersion", key.apiVersion());
    }
    if (!m.hasNonNull("kind")) {
      m.put("kind", key.kind());
    }
    ObjectNode meta = Json.object(m, "metadata");
    if (!meta.hasNonNull("name")) {
      meta.put("name", key.name());
    }
    if (!key.namespace().isEmpty() && !meta.hasNonNull("namespace")) {
      meta.put("namespace", key.namespace());
    }
    ObjectNode labels = Json.object(meta, "labels");
    labels.put(MANAGED_BY, ORKESTRA);
    labels.put(OWNER_LABEL, owner.key().name());
    if (owner.mayOwn(key)) {
      ObjectNode ref = owner.reference();
      ArrayNode refs =
          meta.get("ownerReferences") instanceof ArrayNode a ? a : meta.putArray("ownerReferences");
      removeByUid(refs, owner.uid());
      refs.add(ref);
    }
    return m;
  }

  /**
   * What an {@code UPDATE} writes: the object as read, with every top-level section the manifest
   * declares (anything but {@code apiVersion}, {@code kind}, {@code metadata}, {@code status})
   * replaced, declared labels and annotations merged over the existing ones, declared owner
   * references replacing those with the same uid, declared finalizers added. The current {@code
   * resourceVersion} is kept, so the write is rejected (409) if the object changed since it was
   * read.
   *
   * @param current the object as read (not changed)
   * @param declared the manifest (not changed)
   * @return a new object to update with
   */
  public static ObjectNode mergeForUpdate(ObjectNode current, ObjectNode declared) {
    ObjectNode merged = current.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = declared.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      switch (f.getKey()) {
        case "apiVersion", "kind", "metadata", "status" -> {}
        default -> merged.set(f.getKey(), f.getValue().deepCopy());
      }
    }
    JsonNode declaredMeta = declared.path("metadata");
    ObjectNode meta = Json.object(merged, "metadata");
    for (String map : new String[] {"labels", "annotations"}) {
      if (declaredMeta.get(map) instanceof ObjectNode d) {
        ObjectNode target = Json.object(meta, map);
        d.properties().forEach(e -> target.set(e.getKey(), e.getValue().deepCopy()));
      }
    }
    if (declaredMeta.get("ownerReferences") instanceof ArrayNode d) {
      ArrayNode refs =
          meta.get("ownerReferences") instanceof ArrayNode a ? a : meta.putArray("ownerReferences");
      for (JsonNode ref : d) {
        removeByUid(refs, ref.path("uid").asText());
        refs.add(ref.deepCopy());
      }
    }
    if (declaredMeta.get("finalizers") instanceof ArrayNode d) {
      Set<String> all = new LinkedHashSet<>();
      meta.path("finalizers").forEach(n -> all.add(n.asText()));
      d.forEach(n -> all.add(n.asText()));
      ArrayNode out = meta.putArray("finalizers");
      all.forEach(out::add);
    }
    return merged;
  }

  private static void removeByUid(ArrayNode refs, String uid) {
    for (int i = refs.size() - 1; i >= 0; i--) {
      if (uid.equals(refs.get(i).path("uid").asText())) {
        refs.remove(i);
      }
    }
  }
}

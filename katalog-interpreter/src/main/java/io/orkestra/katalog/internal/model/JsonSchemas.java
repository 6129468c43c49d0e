package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.Shape.ListOf;
import io.orkestra.katalog.internal.model.Shape.MapOf;
import io.orkestra.katalog.internal.model.Shape.Obj;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON Schemas (draft 2020-12) of the Katalog, Komposer and Motif documents, generated from the
 * key tree the loader checks ({@link KatalogSchema}): every mapping whose keys the loader checks
 * becomes an object with {@code additionalProperties: false}; blocks the loader does not check yet
 * stay open ({@code true}). Value types, enums, ranges and required keys come from a small table
 * here that mirrors what {@link ModelBinder} reads. Shapes shared by several blocks (conditions,
 * hook templates, status, ...) are emitted once under {@code $defs}.
 *
 * <p>The Komposer and Motif key trees are declared here (spec §2.15 and §2.14) because the loader
 * checks their top-level keys in code rather than with a {@link Shape}.
 */
public final class JsonSchemas {

  /** The JSON Schema dialect of every generated schema. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** Document kinds with a schema, in file order. */
  public static final List<String> KINDS = List.of("Katalog", "Komposer", "Motif");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String RFC1123 = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  // ------------------------------------------------------------ Komposer and Motif key trees

  private static final Obj AUTH =
      Shape.obj().any("type", "fromEnv", "usernameFromEnv", "passwordFromEnv").build();

  private static final Obj REGISTRY_IMPORT =
      Shape.obj()
          .any("url", "oci", "useKomposer", "version", "katalog")
          .field("auth", AUTH)
          .build();

  private static final Obj FILE_IMPORT = Shape.obj().any("url").field("auth", AUTH).build();

  private static final Obj HELM_IMPORT =
      Shape.obj().any("repo", "chart", "version", "path", "valueFiles", "values").build();

  private static final Obj KOMPOSER_IMPORTS =
      Shape.obj()
          .field("registry", new ListOf(REGISTRY_IMPORT))
          .field("files", new ListOf(FILE_IMPORT))
          .field("helm", new ListOf(HELM_IMPORT))
          .build();

  private static final Obj KOMPOSER =
      Shape.obj().include(KatalogSchema.KATALOG).field("imports", KOMPOSER_IMPORTS).build();

  private static final Obj MOTIF_INPUT =
      Shape.obj().any("name", "description", "required", "default", "type").build();

  private static final Obj MOTIF_RESOURCES =
      Shape.obj()
          .include(KatalogSchema.HOOK_TEMPLATES)
          .field("onCreate", KatalogSchema.HOOK_TEMPLATES)
          .field("onReconcile", KatalogSchema.HOOK_TEMPLATES)
          .field("onDelete", KatalogSchema.ON_DELETE)
          .build();

  private static final Obj ADMISSION =
      Shape.obj().any("validation", "mutation", "conversion", "webhooks").build();

  private static final Obj MOTIF_METADATA =
      Shape.obj().any("name", "version", "description", "author", "license", "tags").build();

  private static final Obj MOTIF =
      Shape.obj()
          .any("apiVersion", "kind")
          .field("metadata", MOTIF_METADATA)
          .field("inputs", new ListOf(MOTIF_INPUT))
          .field("resources", MOTIF_RESOURCES)
          .field("status", KatalogSchema.STATUS)
          .field("admission", ADMISSION)
          .any("notes", "profiles")
          .build();

  // ------------------------------------------------------------ names of shared shapes

  private static final Map<Shape, String> DEFS = new IdentityHashMap<>();

  static {
    DEFS.put(KatalogSchema.CONDITION, "condition");
    DEFS.put(KatalogSchema.EXTERNAL_CALL, "externalCall");
    DEFS.put(KatalogSchema.DEPLOYMENT, "deployment");
    DEFS.put(KatalogSchema.SERVICE, "service");
    DEFS.put(KatalogSchema.SECRET, "secret");
    DEFS.put(KatalogSchema.CONFIG_MAP, "configMap");
    DEFS.put(KatalogSchema.POD_SHORTHAND, "pod");
    DEFS.put(KatalogSchema.STATEFUL_SET, "statefulSet");
    DEFS.put(KatalogSchema.REPLICA_SET, "replicaSet");
    DEFS.put(KatalogSchema.JOB, "job");
    DEFS.put(KatalogSchema.CRON_JOB, "cronJob");
    DEFS.put(KatalogSchema.INGRESS, "ingress");
    DEFS.put(KatalogSchema.PVC, "persistentVolumeClaim");
    DEFS.put(KatalogSchema.PV, "persistentVolume");
    DEFS.put(KatalogSchema.NAMESPACE, "namespace");
    DEFS.put(KatalogSchema.SERVICE_ACCOUNT, "serviceAccount");
    DEFS.put(KatalogSchema.ROLE, "role");
    DEFS.put(KatalogSchema.ROLE_BINDING, "roleBinding");
    DEFS.put(KatalogSchema.NETWORK_POLICY, "networkPolicy");
    DEFS.put(KatalogSchema.RESOURCE_QUOTA, "resourceQuota");
    DEFS.put(KatalogSchema.LIMIT_RANGE, "limitRange");
    DEFS.put(KatalogSchema.HPA, "hpa");
    DEFS.put(KatalogSchema.PDB, "pdb");
    DEFS.put(KatalogSchema.CUSTOM, "custom");
    DEFS.put(KatalogSchema.HOOK_TEMPLATES, "hookTemplates");
    DEFS.put(KatalogSchema.ON_DELETE, "onDelete");
    DEFS.put(KatalogSchema.RECONCILE, "reconcile");
    DEFS.put(KatalogSchema.STATUS, "status");
    DEFS.put(KatalogSchema.GATE, "gate");
    DEFS.put(KatalogSchema.CRD_ENTRY, "crdEntry");
    DEFS.put(KatalogSchema.METADATA, "metadata");
    DEFS.put(AUTH, "auth");
  }

  // ------------------------------------------------------------ value types and required keys

  /** Per mapping shape: the schema of some of its keys' values (types, enums, ranges). */
  private static final Map<Obj, Map<String, ObjectNode>> TYPES = new IdentityHashMap<>();

  /** Per mapping shape: its required keys. */
  private static final Map<Obj, List<String>> REQUIRED = new IdentityHashMap<>();

  static {
    type(KatalogSchema.METADATA, "name", str().put("minLength", 1));
    for (String k :
        List.of("namespace", "clusterName", "description", "version", "author", "license")) {
      type(KatalogSchema.METADATA, k, str());
    }
    type(KatalogSchema.METADATA, "tags", strings());
    type(KatalogSchema.METADATA, "createdBy", enumOf("operator", "orkdoctor"));
    required(KatalogSchema.METADATA, "name");
    type(MOTIF_METADATA, "name", str().put("minLength", 1));
    for (String k : List.of("version", "description", "author", "license")) {
      type(MOTIF_METADATA, k, str());
    }
    type(MOTIF_METADATA, "tags", strings());
    required(MOTIF_METADATA, "name");

    Obj crd = KatalogSchema.CRD_ENTRY;
    for (String k :
        List.of(
            "enabled",
            "namespaced",
            "enrichAll",
            "crossAccess",
            "ignoreStatusPatch",
            "ignoreObservedGeneration",
            "removeFinalizers",
            "forceConflict")) {
      type(crd, k, type("boolean"));
    }
    for (String k : List.of("description", "crdFile", "namespace")) {
      type(crd, k, str());
    }
    type(crd, "mode", enumOf("typed", "dynamic"));
    type(crd, "crFiles", strings());
    for (String k : List.of("labels", "labelSelector", "fieldSelector")) {
      type(crd, k, type("object"));
    }
    type(crd, "restrictedNamespaces", strings());
    type(crd, "allowedNamespaces", strings());
    type(crd, "dependsOn", type("array", "object"));
    type(KatalogSchema.API_TYPES, "group", type("string", "null"));
    for (String k :
        List.of("version", "kind", "plural", "location", "object", "objectList", "alias")) {
      type(KatalogSchema.API_TYPES, k, str());
    }
    type(KatalogSchema.API_TYPES, "apiPath", enumOf("/apis", "/api"));

    Obj reconcile = KatalogSchema.RECONCILE;
    type(reconcile, "default", type("boolean"));
    type(reconcile, "forceConflict", type("boolean"));
    type(
        reconcile,
        "workers",
        type("integer").put("minimum", 0).put("maximum", 50).put("description", "0 = default 3"));
    type(reconcile, "resync", str().put("description", "a Go duration such as 30s or 5m"));
    type(reconcile, "profile", str());

    Obj field = KatalogSchema.STATUS_FIELD;
    type(field, "path", str().put("pattern", "^[^.{}]+(\\.[^.{}]+)*$"));
    type(field, "type", enumOf(new TreeSet<>(StatusType.spellings()).toArray(String[]::new)));
    type(field, "clearOnFalse", type("boolean"));
    required(field, "path", "value");

    for (Obj resource :
        List.of(
            KatalogSchema.DEPLOYMENT,
            KatalogSchema.SERVICE,
            KatalogSchema.SECRET,
            KatalogSchema.CONFIG_MAP,
            KatalogSchema.POD_SHORTHAND,
            KatalogSchema.STATEFUL_SET,
            KatalogSchema.REPLICA_SET,
            KatalogSchema.JOB,
            KatalogSchema.CRON_JOB,
            KatalogSchema.INGRESS,
            KatalogSchema.PVC,
            KatalogSchema.PV,
            KatalogSchema.NAMESPACE,
            KatalogSchema.SERVICE_ACCOUNT,
            KatalogSchema.ROLE,
            KatalogSchema.ROLE_BINDING,
            KatalogSchema.NETWORK_POLICY,
            KatalogSchema.RESOURCE_QUOTA,
            KatalogSchema.LIMIT_RANGE,
            KatalogSchema.HPA,
            KatalogSchema.PDB)) {
      type(resource, "name", str());
      type(resource, "namespace", str());
      type(resource, "labels", type("object"));
      type(resource, "annotations", type("object"));
    }
    type(KatalogSchema.CONFIG_MAP, "data", type("object"));
    for (Obj workload :
        List.of(
            KatalogSchema.POD_SHORTHAND,
            KatalogSchema.STATEFUL_SET,
            KatalogSchema.REPLICA_SET,
            KatalogSchema.JOB,
            KatalogSchema.CRON_JOB)) {
      required(workload, "image");
    }
    required(KatalogSchema.CRON_JOB, "schedule");
    required(KatalogSchema.CUSTOM, "apiVersion", "kind", "metadata");
    type(KatalogSchema.SECRET, "data", type("object"));
    type(KatalogSchema.SECRET, "stringData", type("object"));
    type(KatalogSchema.SECRET, "once", type("boolean"));
    type(KatalogSchema.ENV_VAR, "name", str());
    required(KatalogSchema.ENV_VAR, "name");
    type(KatalogSchema.EXTERNAL_CALL, "url", str());
    type(KatalogSchema.EXTERNAL_CALL, "name", str());

    type(REGISTRY_IMPORT, "url", str().put("minLength", 1));
    type(REGISTRY_IMPORT, "oci", type("boolean"));
    type(REGISTRY_IMPORT, "useKomposer", type("boolean"));
    type(REGISTRY_IMPORT, "version", str());
    required(REGISTRY_IMPORT, "url");
    type(FILE_IMPORT, "url", str().put("minLength", 1));
    required(FILE_IMPORT, "url");
    type(AUTH, "type", enumOf("basic", "bearer", "github"));
    for (String k : List.of("fromEnv", "usernameFromEnv", "passwordFromEnv")) {
      type(AUTH, k, str());
    }
    type(HELM_IMPORT, "valueFiles", strings());
    type(HELM_IMPORT, "values", type("object"));

    // notification (§7) and condition notify: blocks (NotificationBinder, ConditionBinder)
    ObjectNode duration = str().put("description", "a Go duration such as 15m");
    ObjectNode url =
        str().put("description", "an http(s) URL, or an environment reference such as $SLACK_URL");
    type(KatalogSchema.NOTIFICATION, "enabled", type("boolean"));
    type(KatalogSchema.NOTIFICATION, "standalone", type("boolean"));
    type(KatalogSchema.NOTIFICATION_DEFAULTS, "interval", duration.deepCopy());
    type(KatalogSchema.NOTIFICATION_DEFAULTS, "slackWebhookUrl", url.deepCopy());
    type(KatalogSchema.NOTIFICATION_TEAM, "email", strings());
    type(KatalogSchema.NOTIFICATION_TEAM, "slack", strings());
    type(KatalogSchema.NOTIFICATION_TEAM, "slackWebhookUrl", url.deepCopy());
    type(KatalogSchema.NOTIFICATION_TEAM, "interval", duration.deepCopy());
    type(KatalogSchema.NOTIFICATION_TEAM, "message", str());
    type(KatalogSchema.NOTIFICATION_SINK, "name", str().put("minLength", 1));
    type(KatalogSchema.NOTIFICATION_SINK, "crds", strings());
    type(KatalogSchema.NOTIFICATION_SINK, "namespaces", strings());
    ObjectNode outcomes = type("array");
    outcomes.set("items", enumOf("succeeded", "failed", "deleted"));
    type(KatalogSchema.NOTIFICATION_SINK, "outcomes", outcomes);
    type(KatalogSchema.SINK_KAFKA, "topic", str().put("pattern", "^[a-zA-Z0-9._-]{1,249}$"));
    required(KatalogSchema.SINK_KAFKA, "topic");
    type(KatalogSchema.SINK_WEBHOOK, "url", url.deepCopy());
    required(KatalogSchema.SINK_WEBHOOK, "url");
    type(KatalogSchema.NOTIFY, "teams", strings().put("minItems", 1));
    type(KatalogSchema.NOTIFY, "message", str());
    required(KatalogSchema.NOTIFY, "teams");

    // notes: a list of {name, expression, description} (ModelBinder#notes checks the keys)
    ObjectNode note = type("object");
    note.putObject("properties")
        .<ObjectNode>set("name", str().put("pattern", "^[A-Za-z_][A-Za-z0-9_]*$"))
        .<ObjectNode>set("expression", str())
        .set("description", str());
    note.put("additionalProperties", false);
    note.putArray("required").add("name").add("expression");
    ObjectNode notes = type("array");
    notes.set("items", note);
    for (Obj top : List.of(KatalogSchema.KATALOG, KOMPOSER)) {
      type(top, "notes", notes);
      type(top, "crossAccess", type("boolean"));
    }

    type(MOTIF_INPUT, "name", str().put("minLength", 1));
    type(MOTIF_INPUT, "description", str());
    type(MOTIF_INPUT, "required", type("boolean"));
    type(
        MOTIF_INPUT,
        "type",
        enumOf("string", "int", "integer", "number", "bool", "boolean"));
    required(MOTIF_INPUT, "name");
  }

  private JsonSchemas() {}

  /**
   * The JSON Schema of one document kind.
   *
   * @param kind {@code Katalog}, {@code Komposer} or {@code Motif}
   * @return a new schema tree
   * @throws IllegalArgumentException for other kinds
   */
  public static ObjectNode of(String kind) {
    Obj root;
    switch (kind) {
      case "Katalog":
        root = KatalogSchema.KATALOG;
        break;
      case "Komposer":
        root = KOMPOSER;
        break;
      case "Motif":
        root = MOTIF;
        break;
      default:
        throw new IllegalArgumentException(
            "no JSON Schema for kind '" + kind + "' (expected one of " + KINDS + ")");
    }
    Map<String, ObjectNode> defs = new LinkedHashMap<>();
    ObjectNode body = new Writer(defs).object(root);
    ObjectNode schema = JSON.objectNode();
    schema.put("$schema", DIALECT);
    schema.put("title", "Orkestra " + kind);
    schema.put(
        "description",
        "orkestra.orkspace.io/v1 "
            + kind
            + " document, generated from the Orkestra-J loader's key tree (ork generate schema).");
    schema.setAll(body);
    ObjectNode props = (ObjectNode) schema.get("properties");
    props.set("apiVersion", str().put("const", ModelBinder.API_VERSION));
    props.set("kind", str().put("const", kind));
    ArrayNode required = schema.putArray("required");
    required.add("apiVersion").add("kind").add("metadata");
    if (kind.equals("Katalog")) {
      props.remove("imports"); // known to the key tree only so that the binder can reject it
      required.add("spec");
      ObjectNode spec = (ObjectNode) props.get("spec");
      spec.putArray("required").add("crds");
      ObjectNode crds = (ObjectNode) spec.get("properties").get("crds");
      crds.set("propertyNames", JSON.objectNode().put("pattern", RFC1123).put("maxLength", 253));
      ObjectNode entry = (ObjectNode) crds.get("additionalProperties");
      ArrayNode anyOf = entry.putArray("anyOf");
      anyOf.addObject().putArray("required").add("crdFile");
      ObjectNode withApiTypes = anyOf.addObject();
      withApiTypes.putArray("required").add("apiTypes");
      withApiTypes
          .putObject("properties")
          .putObject("apiTypes")
          .putArray("required")
          .add("group")
          .add("version")
          .add("kind")
          .add("plural");
    }
    if (kind.equals("Komposer")) {
      // a registry or file import is a reference string or a mapping with url
      ObjectNode imports = (ObjectNode) props.get("imports").get("properties");
      for (String list : List.of("registry", "files")) {
        ObjectNode array = (ObjectNode) imports.get(list);
        ObjectNode item = (ObjectNode) array.get("items");
        ObjectNode either = JSON.objectNode();
        either.putArray("anyOf").add(str().put("minLength", 1)).add(item);
        array.set("items", either);
      }
    }
    if (!defs.isEmpty()) {
      ObjectNode d = schema.putObject("$defs");
      defs.keySet().stream().sorted().forEach(name -> d.set(name, defs.get(name)));
    }
    return schema;
  }

  /** Walks shapes, collecting shared ones under {@code $defs}. */
  private static final class Writer {
    private final Map<String, ObjectNode> defs;

    Writer(Map<String, ObjectNode> defs) {
      this.defs = defs;
    }

    ObjectNode value(Shape shape) {
      String name = DEFS.get(shape);
      if (name != null) {
        if (!defs.containsKey(name)) {
          defs.put(name, JSON.objectNode()); // placeholder first: shapes may nest
          defs.put(name, object((Obj) shape));
        }
        return JSON.objectNode().put("$ref", "#/$defs/" + name);
      }
      return inline(shape);
    }

    private ObjectNode inline(Shape shape) {
      if (shape instanceof Obj) {
        return object((Obj) shape);
      } else if (shape instanceof MapOf) {
        ObjectNode n = type("object");
        n.set("additionalProperties", value(((MapOf) shape).value()));
        return n;
      } else if (shape instanceof ListOf) {
        ObjectNode n = type("array");
        n.set("items", value(((ListOf) shape).item()));
        return n;
      }
      return JSON.objectNode(); // Shape.ANY: not checked by the loader
    }

    ObjectNode object(Obj shape) {
      ObjectNode n = type("object");
      ObjectNode props = n.putObject("properties");
      Map<String, ObjectNode> types = TYPES.getOrDefault(shape, Map.of());
      for (Map.Entry<String, Shape> f : shape.fields().entrySet()) {
        ObjectNode typed = types.get(f.getKey());
        props.set(f.getKey(), typed != null ? typed.deepCopy() : value(f.getValue()));
      }
      n.put("additionalProperties", false);
      List<String> required = REQUIRED.get(shape);
      if (required != null) {
        ArrayNode r = n.putArray("required");
        required.forEach(r::add);
      }
      return n;
    }
  }

  private static void type(Obj owner, String key, ObjectNode schema) {
    Shape shape = owner.fields().get(key);
    if (shape == null) {
      throw new IllegalStateException("no key '" + key + "' in " + owner.fields().keySet());
    }
    if (!(shape instanceof Shape.Any)) {
      return; // the key tree checks this key now: its own shape describes it
    }
    TYPES.computeIfAbsent(owner, o -> new LinkedHashMap<>()).put(key, schema);
  }

  private static void required(Obj owner, String... keys) {
    REQUIRED.put(owner, List.of(keys));
  }

  private static ObjectNode str() {
    return type("string");
  }

  private static ObjectNode strings() {
    ObjectNode n = type("array");
    n.set("items", str());
    return n;
  }

  private static ObjectNode type(String... types) {
    ObjectNode n = JSON.objectNode();
    if (types.length == 1) {
      n.put("type", types[0]);
    } else {
      ArrayNode a = n.putArray("type");
      for (String t : types) {
        a.add(t);
      }
    }
    return n;
  }

  private static ObjectNode enumOf(String... values) {
    ObjectNode n = JSON.objectNode();
    ArrayNode a = n.putArray("enum");
    for (String v : values) {
      a.add(v);
    }
    return n;
  }
}

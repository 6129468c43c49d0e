package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.model.Shape.ListOf;
import io.orkestra.katalog.internal.model.Shape.MapOf;
import io.orkestra.katalog.internal.model.Shape.Obj;

/**
 * Every key of the Katalog schema this runtime knows, per block, from spec §2.1–2.13 (both the
 * grouped {@code operatorBox} shape and the legacy 0.7.17 keys). A key listed here is accepted and
 * kept even when the runtime does not act on it yet; a key not listed is reported as unknown with
 * the closest known key, and a key removed by a hard rename (spec §0.1: {@code anyOf}, {@code
 * resources}, {@code cross.labels}, {@code cross.source.type}) is reported with its new name.
 * Scalars the binder does not read are typed here (booleans, durations, enumerations). Free-form
 * maps (labels, args, spec templates) and blocks whose schema the spec does not give ({@code
 * emit.events}, {@code rollback}, provider blocks, motif {@code imports}) are {@link Shape#ANY}.
 */
final class KatalogSchema {

  private KatalogSchema() {}

  /** {@code notify:} of a condition (§2.6, §7). */
  static final Obj NOTIFY =
      Shape.obj().field("teams", new ListOf(Shape.TEXT)).field("message", Shape.TEXT).build();

  /** {@code when:}/{@code or:} condition entries (§2.6). */
  static final Obj CONDITION =
      Shape.obj()
          .any(
              "field",
              "operator",
              "value",
              "valueType",
              "equals",
              "notEquals",
              "contains",
              "notContains",
              "prefix",
              "notPrefix",
              "suffix",
              "notSuffix",
              "regex",
              "exists",
              "notExists",
              "greaterThan",
              "gt",
              "lessThan",
              "lt",
              "greaterThanOrEqual",
              "gte",
              "min",
              "lessThanOrEqual",
              "lte",
              "max",
              "between",
              "notBetween",
              "in",
              "notIn",
              "time",
              "dayOfWeek",
              "cron",
              "duration",
              "negate")
          .field("time", Shape.obj().fields(Shape.TEXT, "after", "before").build())
          .field(
              "dayOfWeek",
              Shape.obj()
                  .fields(Shape.BOOL, "weekday", "weekend")
                  .any("in", "notIn")
                  .build())
          .field("notify", NOTIFY)
          .field("source", Shape.obj().fields(Shape.TEXT, "host", "crd", "endpoint").build())
          .build();

  static final ListOf CONDITIONS = new ListOf(CONDITION);

  /** {@code fires: {reconcile}} of admission rules and external calls. */
  static final Obj FIRES = Shape.obj().field("reconcile", Shape.BOOL).build();

  /** {@code external:} calls (§2.9). */
  static final Obj EXTERNAL_CALL =
      Shape.obj()
          .fields(Shape.TEXT, "name", "url", "method", "body", "token", "sleep", "protocol")
          .any("headers")
          .field("timeout", Shape.DURATION)
          .field("expectedStatus", Shape.INT)
          .field("continueOnError", Shape.BOOL)
          .field("fires", FIRES)
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  static final ListOf EXTERNAL_CALLS = new ListOf(EXTERNAL_CALL);

  /** Fields of every resource template (§2.5). */
  static final Obj RESOURCE_COMMON =
      Shape.obj()
          .any(
              "name",
              "namespace",
              "labels",
              "annotations",
              "reconcile",
              "sleep",
              "forceConflict")
          .field("forEach", Shape.obj().fields(Shape.TEXT, "field", "as").build())
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  static final Obj ENV_VAR = Shape.obj().any("name", "value", "valueFrom").build();

  static final Obj DEPLOYMENT =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any(
              "image",
              "imagePullSecrets",
              "replicas",
              "port",
              "protocol",
              "resources",
              "envFrom",
              "nodeSelector",
              "serviceAccountName",
              "workingDirectory",
              "probes",
              "securityContext",
              "podSecurity",
              "rollingUpdate",
              "volumes",
              "volumeMounts",
              "autoscale",
              "command",
              "args")
          .field("env", new ListOf(ENV_VAR))
          .build();

  static final Obj SERVICE =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("port", "targetPort", "type", "protocol", "selector", "nodePort")
          .build();

  static final Obj SECRET =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("data", "stringData", "type", "once", "rotateAfter", "tls", "toNamespaces")
          .build();

  static final Obj CONFIG_MAP =
      Shape.obj().include(RESOURCE_COMMON).any("data", "toNamespaces", "fromConfigMap").build();

  /** Container and pod shorthand shared by statefulSets, replicaSets, pods, jobs and cronJobs. */
  static final Obj POD_SHORTHAND =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any(
              "image",
              "tag",
              "imagePullSecrets",
              "port",
              "protocol",
              "resources",
              "envFrom",
              "nodeSelector",
              "serviceAccountName",
              "workingDirectory",
              "securityContext",
              "podSecurity",
              "volumes",
              "volumeMounts",
              "command",
              "args")
          .field("env", new ListOf(ENV_VAR))
          .field(
              "probes",
              Shape.obj()
                  .fields(
                      Shape.obj().any("type", "path", "port", "profile").build(),
                      "startup",
                      "liveness",
                      "readiness")
                  .build())
          .build();

  static final Obj STATEFUL_SET =
      Shape.obj()
          .include(POD_SHORTHAND)
          .any("replicas", "serviceName", "rollingUpdate", "autoscale")
          .field(
              "volumeClaimTemplates",
              new ListOf(
                  Shape.obj()
                      .any("name", "storageClass", "storageSize", "mountPath", "accessModes")
                      .build()))
          .build();

  static final Obj REPLICA_SET = Shape.obj().include(POD_SHORTHAND).any("replicas").build();

  static final Obj JOB = Shape.obj().include(POD_SHORTHAND).any("backoffLimit").build();

  static final Obj CRON_JOB =
      Shape.obj()
          .include(POD_SHORTHAND)
          .any(
              "schedule",
              "suspend",
              "successfulJobsHistoryLimit",
              "failedJobsHistoryLimit",
              "concurrencyPolicy",
              "startingDeadlineSeconds",
              "backoffLimit")
          .build();

  static final Obj INGRESS =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("host", "serviceName", "servicePort", "path", "pathType", "className")
          .field(
              "tls",
              Shape.obj()
                  .field("create", Shape.BOOL)
                  .any("secretName", "hosts", "validFor")
                  .build())
          .build();

  static final Obj PVC =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("storageClassName", "accessModes", "storage", "volumeMode", "volumeName")
          .build();

  static final Obj PV =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any(
              "storageClassName",
              "capacity",
              "accessModes",
              "reclaimPolicy",
              "hostPath",
              "csiDriver",
              "csiVolumeHandle")
          .build();

  static final Obj NAMESPACE = Shape.obj().include(RESOURCE_COMMON).build();

  static final Obj SERVICE_ACCOUNT =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("automountServiceAccountToken", "imagePullSecrets")
          .build();

  static final Obj POLICY_RULE =
      Shape.obj().any("apiGroups", "resources", "verbs", "resourceNames").build();

  static final Obj ROLE =
      Shape.obj().include(RESOURCE_COMMON).field("rules", new ListOf(POLICY_RULE)).build();

  static final Obj ROLE_BINDING =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .field("roleRef", Shape.obj().any("name", "kind").build())
          .field("subjects", new ListOf(Shape.obj().any("kind", "name", "namespace").build()))
          .build();

  static final Obj NETWORK_POLICY =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any(
              "podSelector",
              "ingress",
              "egress",
              "policyTypes",
              "profile",
              "toNamespaces",
              "fromNetworkPolicy",
              "fromNamespace")
          .build();

  static final Obj RESOURCE_QUOTA =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("hard", "profile", "toNamespaces", "fromResourceQuota", "fromNamespace")
          .build();

  static final Obj LIMIT_RANGE =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("profile", "toNamespaces", "fromLimitRange", "fromNamespace")
          .field(
              "limits",
              new ListOf(
                  Shape.obj()
                      .any(
                          "type",
                          "max",
                          "min",
                          "default",
                          "defaultRequest",
                          "maxLimitRequestRatio")
                      .build()))
          .build();

  static final Obj HPA =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("minReplicas", "maxReplicas", "targetCPUUtilizationPercentage", "behavior")
          .field("scaleTargetRef", Shape.obj().any("apiVersion", "kind", "name").build())
          .build();

  static final Obj PDB =
      Shape.obj()
          .include(RESOURCE_COMMON)
          .any("selector", "minAvailable", "maxUnavailable", "behavior")
          .build();

  /** {@code custom}: any GVK; name, namespace, labels and annotations sit in {@code metadata}. */
  static final Obj CUSTOM =
      Shape.obj()
          .any("reconcile", "sleep", "forceConflict")
          .any("apiVersion", "kind", "spec", "status", "data")
          .field("hasStatus", Shape.BOOL)
          .field(
              "metadata",
              Shape.obj()
                  .any("name", "namespace", "labels", "annotations")
                  .field("namespaced", Shape.BOOL)
                  .build())
          .field("forEach", Shape.obj().fields(Shape.TEXT, "field", "as").build())
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  /** {@code onCreate}/{@code onReconcile} ({@code HookTemplates}, §2.5). */
  static final Obj HOOK_TEMPLATES = hookTemplates();

  /** {@code onDelete}: hook templates plus ordered deletion in named groups. */
  static final Obj ON_DELETE =
      Shape.obj()
          .include(HOOK_TEMPLATES)
          .field("ordered", Shape.BOOL)
          .field("timeout", Shape.DURATION)
          .field("name", Shape.TEXT)
          .field(
              "groups",
              new ListOf(
                  Shape.obj()
                      .include(HOOK_TEMPLATES)
                      .field("name", Shape.TEXT)
                      .field("timeout", Shape.DURATION)
                      .build()))
          .build();

  /** {@code when}/{@code or} plus {@code drop} of the queue behaviours (§2.12). */
  static final Obj QUEUE_LIMIT =
      Shape.obj()
          .field("drop", Shape.BOOL)
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  static final Obj QUEUE =
      Shape.obj()
          .fields(Shape.INT, "maxDepth", "failureThreshold")
          .field("shared", Shape.BOOL)
          .field(
              "retryBackoff",
              new Shape.Forms(
                  Shape.DURATION,
                  Shape.obj()
                      .fields(Shape.DURATION, "initial", "max")
                      .field("multiplier", Shape.TEXT)
                      .field("maxAttempts", Shape.INT)
                      .build(),
                  null))
          .field(
              "behaviour",
              Shape.obj()
                  .field("onLimit", QUEUE_LIMIT)
                  .field(
                      "onThreshold",
                      Shape.obj().include(QUEUE_LIMIT).field("value", Shape.INT).build())
                  .build())
          .build();

  /** {@code requeue: {after, when, or}}, also written as a list of such entries (§2.12). */
  static final Obj REQUEUE =
      Shape.obj()
          .field("after", Shape.DURATION)
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  /** {@code managedResources} entries: {@code {kind}} or {@code {group, plural}} (§2.4). */
  static final ListOf MANAGED_RESOURCES =
      new ListOf(Shape.obj().fields(Shape.TEXT, "kind", "group", "version", "plural").build());

  /** {@code hooks} and {@code constructor}: a Go implementation from a registry (§2.4). */
  static final Obj IMPLEMENTATION =
      Shape.obj()
          .fields(Shape.TEXT, "location", "version", "fetch", "function", "alias")
          .any("args")
          .field("managedResources", MANAGED_RESOURCES)
          .renamed("resources", "managedResources")
          .build();

  static final Obj HOOKS =
      Shape.obj()
          .include(IMPLEMENTATION)
          .field("runHooksFirst", Shape.BOOL)
          .field("external", EXTERNAL_CALLS)
          .build();

  static final Obj REMOTE =
      Shape.obj()
          .field("endpoint", Shape.TEXT)
          .field("timeout", Shape.DURATION)
          .field("type", Shape.oneOf("http"))
          .any("auth")
          .field("managedResources", MANAGED_RESOURCES)
          .renamed("resources", "managedResources")
          .build();

  /** {@code normalize: {spec: {<field>: <template>}}}. */
  static final Obj NORMALIZE = Shape.obj().any("spec").build();

  /** {@code operatorBox.reconcile} (legacy {@code operatorBox.reconciler}), §2.4. */
  static final Obj RECONCILE =
      Shape.obj()
          // workers and resync are read and typed by the binder; imports belong to motifs
          .any("workers", "resync", "imports", "providers")
          .field("default", Shape.BOOL)
          .field("include", Shape.TEXT)
          .field("hooks", HOOKS)
          .field("constructor", IMPLEMENTATION)
          .field("remote", REMOTE)
          .field("profile", Shape.TEXT)
          .field("queue", QUEUE)
          .field("requeue", new Shape.Forms(null, REQUEUE, new ListOf(REQUEUE)))
          .field("normalize", NORMALIZE)
          .field("forceConflict", Shape.BOOL)
          .field("onCreate", HOOK_TEMPLATES)
          .field("onReconcile", HOOK_TEMPLATES)
          .field("onDelete", ON_DELETE)
          .build();

  static final Obj STATUS_FIELD =
      Shape.obj()
          .any("path", "value", "type", "clearOnFalse")
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  /** {@code emit.status} (legacy {@code operatorBox.status}), §2.7. */
  static final Obj STATUS =
      Shape.obj()
          .field("conditions", Shape.BOOL)
          .field("include", Shape.TEXT)
          .field("fields", new ListOf(STATUS_FIELD))
          .build();

  /** The sentinels of {@code preReconcile} (§2.11). */
  static final ListOf SENTINELS =
      new ListOf(
          Shape.oneOf(
              "generationChanged",
              "labelsChanged",
              "annotationsChanged",
              "deletionStarted",
              "finalizersChanged",
              "nameChanged",
              "namespaceChanged",
              "generateNameChanged",
              "uidChanged",
              "resourceVersionChanged",
              "creationTimestampChanged",
              "deletionGracePeriodSecondsChanged",
              "ownerReferenceChanged",
              "managedFieldsChanged"));

  static final Shape.Scalar FAIL_POLICY = Shape.oneOf("open", "closed");

  static final Obj GATE =
      Shape.obj()
          .field("external", EXTERNAL_CALLS)
          .field("sentinels", SENTINELS)
          .field("failPolicy", FAIL_POLICY)
          .field("eventAware", Shape.BOOL)
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .renamed("anyOf", "or")
          .build();

  static final Obj PRE_RECONCILE =
      Shape.obj()
          .field("external", EXTERNAL_CALLS)
          .field("sentinels", SENTINELS)
          .field("failPolicy", FAIL_POLICY)
          .field("enqueueGate", GATE)
          .field("reconcileGate", GATE)
          .build();

  /** {@code observe.cross} entries (§2.10.3). */
  static final Obj CROSS =
      Shape.obj()
          .field("crd", Shape.TEXT)
          .any("labelSelector")
          .field(
              "selector",
              Shape.obj().fields(Shape.TEXT, "name", "namespace").any("matchLabels").build())
          .field("as", Shape.TEXT)
          .field(
              "source",
              Shape.obj()
                  .fields(Shape.TEXT, "host", "endpoint", "namespace")
                  .field("protocol", Shape.oneOf("cr", "health", "metrics", "info", "events"))
                  .field("cacheFor", Shape.DURATION)
                  .field("auth", Shape.obj().field("token", Shape.TEXT).any("secretRef").build())
                  .renamed("type", "protocol")
                  .build())
          .renamed("labels", "labelSelector")
          .build();

  static final Obj KEY_FROM = Shape.obj().fields(Shape.TEXT, "label", "name", "namespace").build();

  static final ListOf WATCH_EVENTS = new ListOf(Shape.oneOf("create", "update", "delete"));

  /** {@code observe.watch} entries (§2.10.1). */
  static final Obj WATCH =
      Shape.obj()
          .fields(Shape.TEXT, "apiVersion", "kind", "namespace", "name")
          .field("on", WATCH_EVENTS)
          .field("keyFrom", KEY_FROM)
          .field("index", new ListOf(Shape.obj().fields(Shape.TEXT, "name", "field").build()))
          .field("enqueueGate", GATE)
          .build();

  static final Obj OBJECT_REF =
      Shape.obj().fields(Shape.TEXT, "apiVersion", "kind", "name", "namespace").build();

  /** {@code observe.events.<name>} (§2.10.2, experimental). */
  static final Obj EVENT =
      Shape.obj()
          .fields(
              Shape.TEXT,
              "reason",
              "action",
              "type",
              "reportingController",
              "reportingInstance",
              "namespace")
          .any("on")
          .field("regarding", OBJECT_REF)
          .field("related", OBJECT_REF)
          .field("keyFrom", KEY_FROM)
          .field("enqueueGate", GATE)
          .build();

  static final Obj OBSERVE =
      Shape.obj()
          .field("include", Shape.TEXT)
          .field("cross", new ListOf(CROSS))
          .field("watch", new ListOf(WATCH))
          .field("events", new MapOf(EVENT))
          .build();

  /** Operator autoscaler (§2.12). */
  static final Obj AUTOSCALE =
      Shape.obj()
          .fields(Shape.DURATION, "interval", "cooldown")
          .field(
              "conditions",
              Shape.obj()
                  .field("when", CONDITIONS)
                  .field("or", CONDITIONS)
                  .renamed("anyOf", "or")
                  .build())
          .field(
              "do",
              Shape.obj()
                  .fields(Shape.INT, "workers", "queueDepth")
                  .field("resync", Shape.DURATION)
                  .build())
          .build();

  static final Obj DELETION_PROTECTION =
      Shape.obj().fields(Shape.BOOL, "protectCRD", "protectCRs", "strictMode").build();

  static final ListOf NAMES = new ListOf(Shape.TEXT);

  static final Obj RUNTIME =
      Shape.obj()
          .field("autoscale", AUTOSCALE)
          .fields(NAMES, "finalizers", "restrictedNamespaces", "allowedNamespaces")
          .field("deletionProtection", DELETION_PROTECTION)
          .build();

  static final Obj OPERATOR_BOX =
      Shape.obj()
          .field("observe", OBSERVE)
          .field("preReconcile", PRE_RECONCILE)
          .field("runtime", RUNTIME)
          .field("reconcile", RECONCILE)
          .field("emit", Shape.obj().any("events").field("status", STATUS).build())
          .field("rollBackOnError", Shape.BOOL)
          .any("rollback")
          // legacy 0.7.17 keys, normalised by the binder
          .field("reconciler", RECONCILE)
          .field("onCreate", HOOK_TEMPLATES)
          .field("onReconcile", HOOK_TEMPLATES)
          .field("onDelete", ON_DELETE)
          .field("status", STATUS)
          .field("cross", new ListOf(CROSS))
          .field("autoscale", AUTOSCALE)
          .field("finalizers", NAMES)
          .any("providers")
          .build();

  static final Obj API_TYPES =
      Shape.obj()
          .any(
              "group",
              "version",
              "kind",
              "plural",
              "location",
              "object",
              "objectList",
              "alias",
              "apiPath")
          .build();

  /** Admission validation rules (§2.8): a condition plus message, action and link. */
  static final Obj VALIDATION_RULE =
      Shape.obj()
          .include(CONDITION)
          .field("message", Shape.TEXT)
          .field("action", Shape.oneOf("deny", "warn"))
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .field("fires", FIRES)
          .field("link", Shape.TEXT)
          .renamed("anyOf", "or")
          .build();

  static final Obj VALIDATION =
      Shape.obj()
          .field("include", Shape.TEXT)
          .field("external", EXTERNAL_CALLS)
          .field("rules", new ListOf(VALIDATION_RULE))
          .build();

  static final Obj MUTATION_RULE =
      Shape.obj()
          .field("field", Shape.TEXT)
          .any("default", "override")
          .field("valueType", Shape.oneOf("string", "int", "float", "bool"))
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .field("fires", FIRES)
          .renamed("anyOf", "or")
          .build();

  static final Obj MUTATION =
      Shape.obj()
          .field("mutateFirst", Shape.BOOL)
          .field("include", Shape.TEXT)
          .field("external", EXTERNAL_CALLS)
          .field("rules", new ListOf(MUTATION_RULE))
          .build();

  static final Obj CONVERSION =
      Shape.obj()
          .field("storageVersion", Shape.TEXT)
          .fields(Shape.BOOL, "updateCRD", "participant")
          .field(
              "paths",
              new ListOf(Shape.obj().fields(Shape.TEXT, "from", "to").any("spec").build()))
          .build();

  static final Obj WEBHOOKS =
      Shape.obj()
          .fields(Shape.BOOL, "validation", "mutation")
          .field("operations", new ListOf(Shape.oneOf("CREATE", "UPDATE", "DELETE", "CONNECT")))
          .build();

  static final Obj ADMISSION =
      Shape.obj()
          .field("validation", VALIDATION)
          .field("mutation", MUTATION)
          .field("conversion", CONVERSION)
          .field("webhooks", WEBHOOKS)
          .build();

  /** {@code serve} (§2.13.4): the top-level keys; free-form maps below them stay unchecked. */
  static final Obj SERVE =
      Shape.obj()
          .field("enabled", Shape.BOOL)
          .fields(Shape.TEXT, "category", "description", "include", "name", "namespace", "cluster")
          .any("ignore", "labels", "annotations", "tokens", "target", "modes", "config")
          .any("health", "metrics")
          .field(
              "fields",
              new MapOf(
                  Shape.obj()
                      .any(
                          "path",
                          "values",
                          "value",
                          "label",
                          "placeholder",
                          "hint",
                          "category",
                          "order",
                          "enum",
                          "default",
                          "override")
                      .fields(Shape.BOOL, "required", "disabled")
                      .field("when", CONDITIONS)
                      .field("or", CONDITIONS)
                      .renamed("anyOf", "or")
                      .build()))
          .build();

  /** {@code spec.crds.<name>} (§2.3). */
  static final Obj CRD_ENTRY =
      Shape.obj()
          // read and typed by the binder
          .any("enabled", "description", "crdFile", "crFiles", "namespaced")
          // free-form or several forms (list, map of conditions), kept as written
          .any("setup", "dependsOn", "enrich", "labels", "labelSelector", "fieldSelector")
          // motif imports
          .any("imports")
          .field("mode", Shape.oneOf("typed", "dynamic"))
          .field("namespace", Shape.TEXT)
          .field("enrichAll", Shape.BOOL)
          .field("endpoints", Shape.obj().fields(Shape.BOOL, "enabled", "health", "info").build())
          .fields(
              Shape.BOOL,
              "crossAccess",
              "ignoreStatusPatch",
              "ignoreObservedGeneration",
              "removeFinalizers",
              "forceConflict")
          .field("deletionProtection", DELETION_PROTECTION)
          .fields(NAMES, "restrictedNamespaces", "allowedNamespaces")
          .field("webhooks", WEBHOOKS)
          .field("validation", VALIDATION)
          .field("mutation", MUTATION)
          .field("conversion", CONVERSION)
          .field("normalize", NORMALIZE)
          .field("serve", SERVE)
          // stamped by the Go loader; accepted so dumped Katalogs load again
          .any(
              "katalogName",
              "katalogNamespace",
              "katalogDescription",
              "katalogVersion",
              "workersActive")
          .field("apiTypes", API_TYPES)
          .field("admission", ADMISSION)
          .field("operatorBox", OPERATOR_BOX)
          .build();

  static final Obj METADATA =
      Shape.obj()
          .any(
              "name",
              "namespace",
              "clusterName",
              "description",
              "version",
              "author",
              "license",
              "tags",
              "createdBy",
              "projects")
          .build();

  /** One team of {@code notification.teams} (§7). */
  static final Obj NOTIFICATION_TEAM =
      Shape.obj()
          .field("email", new ListOf(Shape.TEXT))
          .field("slack", new ListOf(Shape.TEXT))
          .field("slackWebhookUrl", Shape.TEXT)
          .field("interval", Shape.DURATION)
          .field("message", Shape.TEXT)
          .build();

  static final Obj SINK_KAFKA = Shape.obj().field("topic", Shape.TEXT).build();

  static final Obj SINK_WEBHOOK = Shape.obj().field("url", Shape.TEXT).build();

  static final Obj NOTIFICATION_DEFAULTS =
      Shape.obj().field("interval", Shape.DURATION).field("slackWebhookUrl", Shape.TEXT).build();

  /** One entry of {@code notification.sinks} (this runtime's event routing). */
  static final Obj NOTIFICATION_SINK =
      Shape.obj()
          .field("name", Shape.TEXT)
          .field("kafka", SINK_KAFKA)
          .field("webhook", SINK_WEBHOOK)
          .field("crds", new ListOf(Shape.TEXT))
          .field("namespaces", new ListOf(Shape.TEXT))
          .field("outcomes", new ListOf(Shape.oneOf("succeeded", "failed", "deleted")))
          .build();

  /** The {@code notification:} block (§7). */
  static final Obj NOTIFICATION =
      Shape.obj()
          .fields(Shape.BOOL, "enabled", "standalone")
          .field("defaults", NOTIFICATION_DEFAULTS)
          .field("teams", new MapOf(NOTIFICATION_TEAM))
          .field("sinks", new ListOf(NOTIFICATION_SINK))
          .build();

  /** A Katalog document (§2.1, §2.2). {@code imports} is listed so the binder can reject it. */
  static final Obj KATALOG =
      Shape.obj()
          .any("apiVersion", "kind")
          .field("metadata", METADATA)
          .field(
              "spec",
              Shape.obj().field("crds", new MapOf(CRD_ENTRY)).any("imports", "finalizers").build())
          .field("notification", NOTIFICATION)
          .any(
              "security",
              "notes",
              "profiles",
              "gateway",
              "publish",
              "lifecycle",
              "policy",
              "providers",
              "crossAccess",
              "imports")
          .build();

  /** One declared input of a Motif (§2.14). */
  static final Obj MOTIF_INPUT =
      Shape.obj().any("name", "description", "required", "default", "type").build();

  /** A Motif document (§2.14): resources as hook templates plus a nested {@code onCreate}. */
  static final Obj MOTIF =
      Shape.obj()
          .any("apiVersion", "kind")
          .field("metadata", METADATA)
          .field("inputs", new ListOf(MOTIF_INPUT))
          .field(
              "resources",
              Shape.obj().include(HOOK_TEMPLATES).field("onCreate", HOOK_TEMPLATES).build())
          .field("status", STATUS)
          .field(
              "admission",
              Shape.obj().any("validation", "mutation", "conversion", "webhooks").build())
          .any("notes", "profiles")
          .build();

  private static Obj hookTemplates() {
    Shape.Builder b = Shape.obj();
    for (ResourceKind kind : ResourceKind.values()) {
      b.field(kind.key(), new ListOf(itemShape(kind)));
    }
    // placeholders the Go types parse without implementing them (§2.5)
    b.any(
        "volumes",
        "volumeMounts",
        "serviceMonitors",
        "podSecurityPolicies",
        "priorityClasses",
        "runtimeClasses",
        "priorityLevelConfigurations",
        "podTemplates",
        "daemonSets",
        "storageClasses");
    b.field("external", EXTERNAL_CALLS);
    b.field("when", CONDITIONS);
    b.field("or", CONDITIONS);
    b.renamed("anyOf", "or");
    return b.build();
  }

  private static Shape itemShape(ResourceKind kind) {
    switch (kind) {
      case DEPLOYMENTS:
        return DEPLOYMENT;
      case SERVICES:
        return SERVICE;
      case SECRETS:
        return SECRET;
      case CONFIG_MAPS:
        return CONFIG_MAP;
      case STATEFUL_SETS:
        return STATEFUL_SET;
      case REPLICA_SETS:
        return REPLICA_SET;
      case PODS:
        return POD_SHORTHAND;
      case JOBS:
        return JOB;
      case CRON_JOBS:
        return CRON_JOB;
      case INGRESSES:
        return INGRESS;
      case PERSISTENT_VOLUME_CLAIMS:
        return PVC;
      case PERSISTENT_VOLUMES:
        return PV;
      case NAMESPACES:
        return NAMESPACE;
      case SERVICE_ACCOUNTS:
        return SERVICE_ACCOUNT;
      case ROLES:
      case CLUSTER_ROLES:
        return ROLE;
      case ROLE_BINDINGS:
      case CLUSTER_ROLE_BINDINGS:
        return ROLE_BINDING;
      case NETWORK_POLICIES:
        return NETWORK_POLICY;
      case RESOURCE_QUOTAS:
        return RESOURCE_QUOTA;
      case LIMIT_RANGES:
        return LIMIT_RANGE;
      case HPA:
        return HPA;
      case PDB:
        return PDB;
      default:
        return CUSTOM;
    }
  }
}

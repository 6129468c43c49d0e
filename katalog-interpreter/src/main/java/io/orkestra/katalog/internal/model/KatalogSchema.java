package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.model.Shape.ListOf;
import io.orkestra.katalog.internal.model.Shape.MapOf;
import io.orkestra.katalog.internal.model.Shape.Obj;

/**
 * Every key of the Katalog schema this runtime knows, per block, from spec §2.1–2.13 (both the
 * grouped {@code operatorBox} shape and the legacy 0.7.17 keys). A key listed here is accepted even
 * when this slice does not implement it yet; a key not listed is reported as unknown with the
 * closest known key. Blocks whose inner schema is not catalogued yet are {@link Shape#ANY}: their
 * keys are not checked, which avoids false alarms until the full schema lands.
 */
final class KatalogSchema {

  private KatalogSchema() {}

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
              "negate",
              "notify",
              "source")
          .build();

  static final ListOf CONDITIONS = new ListOf(CONDITION);

  /** {@code external:} calls (§2.9). */
  static final Obj EXTERNAL_CALL =
      Shape.obj()
          .any(
              "name",
              "url",
              "method",
              "body",
              "token",
              "headers",
              "timeout",
              "expectedStatus",
              "continueOnError",
              "sleep",
              "fires",
              "protocol")
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .build();

  /** Fields of every resource template (§2.5). */
  static final Obj RESOURCE_COMMON =
      Shape.obj()
          .any(
              "name",
              "namespace",
              "labels",
              "annotations",
              "reconcile",
              "forEach",
              "sleep",
              "forceConflict")
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
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

  /** {@code onCreate}/{@code onReconcile} ({@code HookTemplates}, §2.5). */
  static final Obj HOOK_TEMPLATES = hookTemplates();

  /** {@code onDelete}: hook templates plus ordered deletion. */
  static final Obj ON_DELETE =
      Shape.obj().include(HOOK_TEMPLATES).any("ordered", "groups", "timeout", "name").build();

  static final Obj QUEUE =
      Shape.obj()
          .any("maxDepth", "failureThreshold", "shared", "retryBackoff", "behaviour")
          .build();

  /** {@code operatorBox.reconcile} (legacy {@code operatorBox.reconciler}), §2.4. */
  static final Obj RECONCILE =
      Shape.obj()
          .any(
              "default",
              "include",
              "hooks",
              "constructor",
              "remote",
              "profile",
              "workers",
              "resync",
              "requeue",
              "imports",
              "normalize",
              "forceConflict",
              "providers")
          .field("queue", QUEUE)
          .field("onCreate", HOOK_TEMPLATES)
          .field("onReconcile", HOOK_TEMPLATES)
          .field("onDelete", ON_DELETE)
          .build();

  static final Obj STATUS_FIELD =
      Shape.obj()
          .any("path", "value", "type", "clearOnFalse")
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .build();

  /** {@code emit.status} (legacy {@code operatorBox.status}), §2.7. */
  static final Obj STATUS =
      Shape.obj().any("conditions", "include").field("fields", new ListOf(STATUS_FIELD)).build();

  static final Obj GATE =
      Shape.obj()
          .any("external", "sentinels", "failPolicy", "eventAware")
          .field("when", CONDITIONS)
          .field("or", CONDITIONS)
          .build();

  static final Obj OPERATOR_BOX =
      Shape.obj()
          .field("observe", Shape.obj().any("include", "cross", "watch", "events").build())
          .field(
              "preReconcile",
              Shape.obj()
                  .any("external", "sentinels", "failPolicy")
                  .field("enqueueGate", GATE)
                  .field("reconcileGate", GATE)
                  .build())
          .field(
              "runtime",
              Shape.obj()
                  .any("autoscale", "finalizers", "restrictedNamespaces", "allowedNamespaces")
                  .field(
                      "deletionProtection",
                      Shape.obj().any("protectCRD", "protectCRs", "strictMode").build())
                  .build())
          .field("reconcile", RECONCILE)
          .field("emit", Shape.obj().any("events").field("status", STATUS).build())
          .any("rollBackOnError", "rollback")
          // legacy 0.7.17 keys, normalised by the binder
          .field("reconciler", RECONCILE)
          .field("onCreate", HOOK_TEMPLATES)
          .field("onReconcile", HOOK_TEMPLATES)
          .field("onDelete", ON_DELETE)
          .field("status", STATUS)
          .any("cross", "autoscale", "finalizers", "providers")
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

  /** {@code spec.crds.<name>} (§2.3). */
  static final Obj CRD_ENTRY =
      Shape.obj()
          .any(
              "enabled",
              "description",
              "mode",
              "crdFile",
              "crFiles",
              "setup",
              "namespaced",
              "namespace",
              "dependsOn",
              "enrich",
              "enrichAll",
              "labels",
              "labelSelector",
              "fieldSelector",
              "endpoints",
              "crossAccess",
              "ignoreStatusPatch",
              "ignoreObservedGeneration",
              "removeFinalizers",
              "deletionProtection",
              "restrictedNamespaces",
              "allowedNamespaces",
              "webhooks",
              "validation",
              "mutation",
              "conversion",
              "normalize",
              "imports",
              "forceConflict",
              "serve",
              // stamped by the Go loader; accepted so dumped Katalogs load again
              "katalogName",
              "katalogNamespace",
              "katalogDescription",
              "katalogVersion",
              "workersActive")
          .field("apiTypes", API_TYPES)
          .field(
              "admission",
              Shape.obj().any("validation", "mutation", "conversion", "webhooks").build())
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

  /** A Katalog document (§2.1, §2.2). {@code imports} is listed so the binder can reject it. */
  static final Obj KATALOG =
      Shape.obj()
          .any("apiVersion", "kind")
          .field("metadata", METADATA)
          .field(
              "spec",
              Shape.obj().field("crds", new MapOf(CRD_ENTRY)).any("imports", "finalizers").build())
          .any(
              "security",
              "notification",
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
    b.field("external", new ListOf(EXTERNAL_CALL));
    b.field("when", CONDITIONS);
    b.field("or", CONDITIONS);
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
      default:
        return Shape.ANY; // kind-specific keys are catalogued when the kind is implemented
    }
  }
}

package io.orkestra.katalog.internal.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where every built-in template function ({@link Builtins}, {@link Notes}, {@link
 * MoreNotes}) is described for people: category, call signature, one-line description and an
 * example, as {@code ork notes} lists them. A test checks that every function of {@link
 * FunctionTable#builtins()} has an entry here and that every example compiles.
 */
public final class NoteCatalog {

  /**
   * One described function.
   *
   * @param name the name templates use
   * @param category the catalogue section, such as {@code String}
   * @param signature the call, such as {@code trimPrefix PREFIX S}
   * @param description one line
   * @param example a template using it
   */
  public record Entry(
      String name, String category, String signature, String description, String example) {}

  private static final Map<String, Entry> ENTRIES = build();

  private NoteCatalog() {}

  /**
   * Every entry, in catalogue order.
   *
   * @return the entries
   */
  public static List<Entry> all() {
    return List.copyOf(ENTRIES.values());
  }

  private static void d(
      Map<String, Entry> m, String cat, String name, String sig, String desc, String example) {
    if (m.put(name, new Entry(name, cat, sig, desc, example)) != null) {
      throw new IllegalStateException("note " + name + " described twice");
    }
  }

  private static Map<String, Entry> build() {
    Map<String, Entry> m = new LinkedHashMap<>();
    String go = "Go";
    d(m, go, "and", "and X Y...", "The first empty argument, or the last one (short-circuits).",
        "{{ if and .spec.enabled .spec.image }}on{{ end }}");
    d(m, go, "or", "or X Y...", "The first non-empty argument, or the last one (short-circuits).",
        "{{ or .spec.title .metadata.name }}");
    d(m, go, "call", "call FN ARGS...",
        "Calls a function value; the data holds none, so it fails naming the operand.",
        "{{ call .spec.handler \"x\" }}");
    d(m, go, "not", "not X", "The boolean negation of X's truth.",
        "{{ if not .spec.paused }}running{{ end }}");
    d(m, go, "len", "len X", "The length of a string, list or map.", "{{ len .spec.items }}");
    d(m, go, "index", "index X KEY...", "The element of a list or map at each key in turn.",
        "{{ index .metadata.labels \"app\" }}");
    d(m, go, "slice", "slice X [I [J]]", "A substring or sub-list from I to J.",
        "{{ slice .spec.name 0 3 }}");
    d(m, go, "eq", "eq A B...", "Whether A equals any of the following arguments.",
        "{{ if eq .spec.env \"prod\" \"staging\" }}real{{ end }}");
    d(m, go, "ne", "ne A B", "Whether A and B differ.", "{{ if ne .spec.env \"dev\" }}x{{ end }}");
    d(m, go, "lt", "lt A B", "Whether A < B (numbers or strings).",
        "{{ if lt .spec.replicas 3 }}small{{ end }}");
    d(m, go, "le", "le A B", "Whether A <= B.", "{{ if le .spec.replicas 3 }}small{{ end }}");
    d(m, go, "gt", "gt A B", "Whether A > B.", "{{ if gt .spec.replicas 3 }}big{{ end }}");
    d(m, go, "ge", "ge A B", "Whether A >= B.", "{{ if ge .spec.replicas 3 }}big{{ end }}");
    d(m, go, "print", "print X...", "The arguments printed as Go's fmt.Sprint does.",
        "{{ print .metadata.name \"-\" .spec.version }}");
    d(m, go, "println", "println X...", "Like print, with spaces between and a newline after.",
        "{{ println .metadata.name }}");
    d(m, go, "printf", "printf FORMAT X...", "Go's fmt.Sprintf formatting (%s %d %v %q ...).",
        "{{ printf \"%s-%03d\" .metadata.name 7 }}");
    d(m, go, "html", "html X...", "The text escaped for HTML.", "{{ html .spec.title }}");
    d(m, go, "js", "js X...", "The text escaped for JavaScript.", "{{ js .spec.title }}");
    d(m, go, "urlquery", "urlquery X...", "The text escaped for a URL query.",
        "{{ urlquery .spec.search }}");
    d(m, go, "default", "default DEFAULT [VALUE]",
        "VALUE, or DEFAULT when VALUE is empty or missing.", "{{ .spec.port | default 8080 }}");
    d(m, go, "quote", "quote X...", "Each argument as a double-quoted string.",
        "{{ quote .spec.image }}");
    d(m, go, "upper", "upper S", "S in upper case.", "{{ upper .spec.env }}");
    d(m, go, "toUpper", "toUpper S", "S in upper case (same as upper).", "{{ toUpper .spec.env }}");
    d(m, go, "lower", "lower S", "S in lower case.", "{{ lower .spec.env }}");
    d(m, go, "toLower", "toLower S", "S in lower case (same as lower).", "{{ toLower .spec.env }}");
    String str = "String";
    d(m, str, "trim", "trim S", "S without leading and trailing white space.",
        "{{ trim .spec.name }}");
    d(m, str, "trimPrefix", "trimPrefix PREFIX S", "S without PREFIX at its start.",
        "{{ .spec.name | trimPrefix \"app-\" }}");
    d(m, str, "trimSuffix", "trimSuffix SUFFIX S", "S without SUFFIX at its end.",
        "{{ .spec.name | trimSuffix \"-dev\" }}");
    d(m, str, "hasPrefix", "hasPrefix PREFIX S", "Whether S starts with PREFIX.",
        "{{ if hasPrefix \"myorg/\" .spec.image }}ok{{ end }}");
    d(m, str, "hasSuffix", "hasSuffix SUFFIX S", "Whether S ends with SUFFIX.",
        "{{ if hasSuffix \":latest\" .spec.image }}floating{{ end }}");
    d(m, str, "contains", "contains SUB S", "Whether S contains SUB.",
        "{{ if contains \"test\" .metadata.name }}test{{ end }}");
    d(m, str, "replace", "replace OLD NEW S", "S with every OLD replaced by NEW.",
        "{{ .spec.name | replace \"_\" \"-\" }}");
    d(m, str, "split", "split SEP S", "The list of the parts of S between SEP.",
        "{{ index (split \",\" .spec.hosts) 0 }}");
    d(m, str, "join", "join SEP LIST", "The items of LIST joined with SEP.",
        "{{ join \",\" .spec.hosts }}");
    d(m, str, "repeat", "repeat N S", "S repeated N times.", "{{ repeat 3 \"ab\" }}");
    d(m, str, "camelToKebab", "camelToKebab S", "camelCase turned into kebab-case.",
        "{{ camelToKebab \"myWebApp\" }}");
    d(m, str, "truncate", "truncate N S", "The first N characters of S.",
        "{{ .metadata.name | truncate 20 }}");
    String math = "Math";
    d(m, math, "add", "add A B...", "The sum (integer, or float when any argument is a float).",
        "{{ add .spec.replicas 1 }}");
    d(m, math, "sub", "sub A B", "A minus B.", "{{ sub .spec.replicas 1 }}");
    d(m, math, "mul", "mul A B...", "The product.", "{{ mul .spec.replicas 2 }}");
    d(m, math, "div", "div A B", "A divided by B (integers truncate; by zero is an error).",
        "{{ div .spec.memoryMi 2 }}");
    d(m, math, "mod", "mod A B", "The remainder of A divided by B.", "{{ mod .spec.index 3 }}");
    d(m, math, "min", "min A B...", "The smallest argument.", "{{ min .spec.replicas 10 }}");
    d(m, math, "max", "max A B...", "The largest argument.", "{{ max .spec.replicas 1 }}");
    d(m, math, "clamp", "clamp LO HI X", "X limited to LO..HI.",
        "{{ clamp 1 10 .spec.replicas }}");
    d(m, math, "abs", "abs X", "The absolute value.", "{{ abs .spec.offset }}");
    String cond = "Conditional";
    d(m, cond, "ternary", "ternary A B COND", "A when COND is true, else B.",
        "{{ ternary \"prod\" \"dev\" .spec.production }}");
    d(m, cond, "coalesce", "coalesce X...", "The first non-empty argument (missing allowed).",
        "{{ coalesce .spec.alias .metadata.name }}");
    d(m, cond, "empty", "empty X", "Whether X is missing, nil, zero, \"\" or an empty list/map.",
        "{{ if empty .spec.hosts }}none{{ end }}");
    d(m, cond, "notEmpty", "notEmpty X", "The negation of empty.",
        "{{ if notEmpty .spec.hosts }}some{{ end }}");
    String type = "Type";
    d(m, type, "toInt", "toInt X", "X as an integer (numeric strings accepted).",
        "{{ toInt \"42\" }}");
    d(m, type, "toFloat", "toFloat X", "X as a float.", "{{ toFloat \"1.5\" }}");
    d(m, type, "toBool", "toBool X", "X as a boolean (true, 1, t, yes, y are true; false, 0, f, no, n false).",
        "{{ toBool \"true\" }}");
    d(m, type, "toString", "toString X", "X printed as text (nil is \"\").",
        "{{ toString .spec.replicas }}");
    d(m, type, "toJson", "toJson X", "X as JSON (sorted keys, as Go's encoding/json).",
        "{{ toJson .spec }}");
    d(m, type, "toJSON", "toJSON X", "X as JSON (same as toJson).", "{{ toJSON .spec }}");
    d(m, type, "typeOf", "typeOf X", "X's type: string int float bool map list nil.",
        "{{ typeOf .spec.replicas }}");
    d(m, type, "typeMap", "typeMap X", "Whether X is a map.", "{{ typeMap .spec }}");
    d(m, type, "typeList", "typeList X", "Whether X is a list.", "{{ typeList .spec.hosts }}");
    d(m, type, "typeString", "typeString X", "Whether X is a string.",
        "{{ typeString .spec.image }}");
    d(m, type, "typeNumber", "typeNumber X", "Whether X is a number.",
        "{{ typeNumber .spec.replicas }}");
    d(m, type, "typeBool", "typeBool X", "Whether X is a boolean.", "{{ typeBool .spec.paused }}");
    d(m, type, "typeNull", "typeNull X", "Whether X is missing or nil.",
        "{{ typeNull .spec.extra }}");
    d(m, type, "isScalar", "isScalar X", "Whether X is a string, number or boolean.",
        "{{ isScalar .spec.image }}");
    d(m, type, "isComposite", "isComposite X", "Whether X is a map or a list.",
        "{{ isComposite .spec }}");
    String data = "Data";
    d(m, data, "toBase64", "toBase64 S", "S encoded as base64.", "{{ toBase64 .spec.password }}");
    d(m, data, "fromBase64", "fromBase64 S", "base64 S decoded.",
        "{{ fromBase64 \"aGVsbG8=\" }}");
    d(m, data, "sha256sum", "sha256sum S", "The SHA-256 of S, in hex.",
        "{{ sha256sum .spec.config }}");
    d(m, data, "slugify", "slugify S", "S in lower case with runs of other characters as one -.",
        "{{ slugify .spec.title }}");
    d(m, data, "truncateName", "truncateName S",
        "S cut to a valid Kubernetes name (63 characters, no trailing - or .).",
        "{{ truncateName (printf \"%s-backup\" .metadata.name) }}");
    String random = "Random";
    d(m, random, "randomAlphanumeric", "randomAlphanumeric N", "N random letters and digits.",
        "{{ randomAlphanumeric 16 }}");
    d(m, random, "randomHex", "randomHex N", "N random hex digits.", "{{ randomHex 8 }}");
    d(m, random, "randomBase64", "randomBase64 N", "N random bytes, base64-encoded.",
        "{{ randomBase64 24 }}");
    String time = "Time";
    d(m, time, "now", "now", "The current time, RFC 3339 in UTC (from the injected clock).",
        "{{ now }}");
    d(m, time, "timeFormat", "timeFormat LAYOUT [TIME]",
        "TIME (RFC 3339, default now) in a Go layout.", "{{ timeFormat \"2006-01-02\" }}");
    d(m, time, "durationSeconds", "durationSeconds D", "A Go duration in whole seconds.",
        "{{ durationSeconds \"1h30m\" }}");
    d(m, time, "durationValid", "durationValid D", "Whether D is a valid Go duration.",
        "{{ durationValid .spec.timeout }}");
    d(m, time, "isExpired", "isExpired TIME", "Whether the RFC 3339 TIME is in the past.",
        "{{ isExpired .spec.expiresAt }}");
    d(m, time, "timeSince", "timeSince TIME", "Whole seconds since the RFC 3339 TIME.",
        "{{ timeSince .metadata.creationTimestamp }}");
    d(m, time, "timeUntil", "timeUntil TIME", "Whole seconds until the RFC 3339 TIME.",
        "{{ timeUntil .spec.expiresAt }}");
    String list = "List/Map";
    d(m, list, "listHas", "listHas LIST V", "Whether LIST contains V.",
        "{{ if listHas .spec.features \"tls\" }}tls{{ end }}");
    d(m, list, "listGet", "listGet LIST I", "The item at index I, nil when out of range.",
        "{{ listGet .spec.hosts 0 }}");
    d(m, list, "listLen", "listLen LIST", "The length of LIST (0 when missing).",
        "{{ listLen .spec.hosts }}");
    d(m, list, "mapGet", "mapGet MAP KEY", "The value at KEY, nil when absent.",
        "{{ mapGet .metadata.labels \"app\" }}");
    d(m, list, "mapKeys", "mapKeys MAP", "The keys, sorted.", "{{ mapKeys .metadata.labels }}");
    d(m, list, "mapValues", "mapValues MAP", "The values, by sorted key.",
        "{{ mapValues .metadata.labels }}");
    d(m, list, "mapPick", "mapPick MAP KEY...", "MAP with only the given keys.",
        "{{ toJson (mapPick .spec \"image\" \"replicas\") }}");
    d(m, list, "mapOmit", "mapOmit MAP KEY...", "MAP without the given keys.",
        "{{ toJson (mapOmit .spec \"password\") }}");
    String safe = "Safe access";
    d(m, safe, "getOr", "getOr OBJ PATH DEFAULT", "The value at the dotted PATH, or DEFAULT.",
        "{{ getOr . \"spec.tls.issuer\" \"letsencrypt\" }}");
    d(m, safe, "getStringOr", "getStringOr OBJ PATH DEFAULT",
        "The string at PATH, or DEFAULT when absent or not a string.",
        "{{ getStringOr . \"spec.env\" \"dev\" }}");
    d(m, safe, "getIntOr", "getIntOr OBJ PATH DEFAULT",
        "The integer at PATH, or DEFAULT when absent or not an integer.",
        "{{ getIntOr . \"spec.replicas\" 1 }}");
    d(m, safe, "getBoolOr", "getBoolOr OBJ PATH DEFAULT",
        "The boolean at PATH, or DEFAULT when absent or not a boolean.",
        "{{ getBoolOr . \"spec.paused\" false }}");
    String k8s = "Kubernetes";
    String wl = "Workloads";
    d(m, wl, "desiredReplicas", "desiredReplicas OBJ",
        "spec.replicas of a workload such as .children.deployment (1 when unset).",
        "{{ desiredReplicas .children.deployment }}");
    d(m, wl, "readyReplicas", "readyReplicas OBJ", "status.readyReplicas (0 when absent).",
        "{{ readyReplicas .children.statefulset }}");
    d(m, wl, "availableReplicas", "availableReplicas OBJ",
        "status.availableReplicas (0 when absent).", "{{ availableReplicas .children.deployment }}");
    d(m, wl, "updatedReplicas", "updatedReplicas OBJ", "status.updatedReplicas (0 when absent).",
        "{{ updatedReplicas .children.deployment }}");
    d(m, wl, "allReplicasReady", "allReplicasReady OBJ",
        "Whether ready replicas reach the desired count (false for an absent object).",
        "{{ allReplicasReady .children.deployment }}");
    d(m, wl, "rolloutComplete", "rolloutComplete OBJ",
        "Whether updated and available replicas reach the desired count for the current generation.",
        "{{ rolloutComplete .children.deployment }}");
    d(m, wl, "jobSucceeded", "jobSucceeded OBJ", "Whether a Job has succeeded pods.",
        "{{ jobSucceeded .children.job }}");
    d(m, wl, "jobFailed", "jobFailed OBJ", "Whether a Job has failed pods.",
        "{{ jobFailed .children.job }}");
    d(m, wl, "jobActive", "jobActive OBJ", "Whether a Job has active pods.",
        "{{ jobActive .children.job }}");
    d(m, k8s, "name", "name OBJ", "metadata.name of an object.", "{{ name . }}");
    d(m, k8s, "namespace", "namespace OBJ", "metadata.namespace of an object.",
        "{{ namespace . }}");
    d(m, k8s, "labels", "labels OBJ", "metadata.labels (an empty map when none).",
        "{{ toJson (labels .) }}");
    d(m, k8s, "annotations", "annotations OBJ", "metadata.annotations (an empty map when none).",
        "{{ toJson (annotations .) }}");
    d(m, k8s, "getLabel", "getLabel OBJ KEY", "The label KEY, \"\" when absent.",
        "{{ getLabel . \"team\" }}");
    d(m, k8s, "getAnnotation", "getAnnotation OBJ KEY", "The annotation KEY, \"\" when absent.",
        "{{ getAnnotation . \"owner\" }}");
    d(m, k8s, "generation", "generation OBJ", "metadata.generation (0 when absent).",
        "{{ generation . }}");
    d(m, k8s, "observedGeneration", "observedGeneration OBJ",
        "status.observedGeneration (0 when absent).", "{{ observedGeneration . }}");
    d(m, k8s, "phase", "phase OBJ", "status.phase (\"\" when absent).", "{{ phase . }}");
    d(m, k8s, "hasCondition", "hasCondition OBJ TYPE [STATUS]",
        "Whether status.conditions has TYPE with STATUS (default True).",
        "{{ hasCondition . \"Ready\" }}");
    d(m, k8s, "conditionReason", "conditionReason OBJ TYPE", "The reason of condition TYPE.",
        "{{ conditionReason . \"Ready\" }}");
    d(m, k8s, "conditionMessage", "conditionMessage OBJ TYPE", "The message of condition TYPE.",
        "{{ conditionMessage . \"Ready\" }}");
    d(m, k8s, "meta", "meta OBJ", "metadata (an empty map when absent).",
        "{{ toJson (meta .) }}");
    d(m, k8s, "spec", "spec OBJ", "spec (an empty map when absent).", "{{ toJson (spec .) }}");
    d(m, k8s, "status", "status OBJ", "status (an empty map when absent).",
        "{{ toJson (status .) }}");
    d(m, k8s, "get", "get OBJ PATH", "The value at the dotted PATH, nil when absent.",
        "{{ get . \"spec.image\" }}");
    d(m, k8s, "isTerminating", "isTerminating OBJ", "Whether metadata.deletionTimestamp is set.",
        "{{ if isTerminating . }}bye{{ end }}");
    d(m, k8s, "isSynced", "isSynced OBJ",
        "Whether metadata.generation equals status.observedGeneration.",
        "{{ if isSynced . }}synced{{ end }}");
    String coerce = "Coercion";
    d(m, coerce, "toList", "toList X", "X as a list: a list stays, nil is [], a scalar is [X].",
        "{{ range toList .spec.hosts }}{{ . }} {{ end }}");
    d(m, coerce, "asList", "asList X", "Same as toList.", "{{ len (asList .spec.hosts) }}");
    d(m, coerce, "asMap", "asMap X", "X when it is a map, else an empty map.",
        "{{ toJson (asMap .spec.extra) }}");
    d(m, coerce, "asString", "asString X", "X printed as text.", "{{ asString .spec.port }}");
    String net = "Network";
    d(m, net, "ipValid", "ipValid S", "Whether S is an IPv4 or IPv6 address.",
        "{{ ipValid .spec.address }}");
    d(m, net, "ipIsPrivate", "ipIsPrivate S",
        "Whether S is a private address (RFC 1918, fc00::/7).", "{{ ipIsPrivate .spec.address }}");
    d(m, net, "cidrContains", "cidrContains CIDR IP", "Whether the IPv4 IP is in the CIDR block.",
        "{{ cidrContains \"10.0.0.0/8\" .spec.address }}");
    String semver = "Semver";
    d(m, semver, "semverValid", "semverValid V", "Whether V is a SemVer 2.0.0 version (v allowed).",
        "{{ semverValid .spec.version }}");
    d(m, semver, "semverMajor", "semverMajor V", "The major number of V.",
        "{{ semverMajor .spec.version }}");
    d(m, semver, "semverMinor", "semverMinor V", "The minor number of V.",
        "{{ semverMinor .spec.version }}");
    d(m, semver, "semverPatch", "semverPatch V", "The patch number of V.",
        "{{ semverPatch .spec.version }}");
    d(m, semver, "semverCompare", "semverCompare A B", "-1, 0 or 1 as A is below, equal or above B.",
        "{{ if eq (semverCompare .spec.version \"2.0.0\") -1 }}old{{ end }}");
    String image = "Image";
    d(m, image, "imageRegistry", "imageRegistry REF", "The registry of an image (docker.io default).",
        "{{ imageRegistry .spec.image }}");
    d(m, image, "imageRepository", "imageRepository REF",
        "The repository path of an image, without registry, tag and digest.",
        "{{ imageRepository .spec.image }}");
    d(m, image, "imageTag", "imageTag REF", "The tag of an image (latest when none).",
        "{{ imageTag .spec.image }}");
    return Collections.unmodifiableMap(m);
  }
}

package io.orkestra.katalog.internal.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Network, version and image notes (spec section 6). Pure string computations: no name
 * resolution, no I/O.
 *
 * <ul>
 *   <li>{@code ipValid s}: an IPv4 dotted quad (no leading zeros, as Go's {@code net.ParseIP}) or
 *       an IPv6 address (with {@code ::} and an optional trailing IPv4 part).
 *   <li>{@code ipIsPrivate s}: RFC 1918 IPv4 ({@code 10/8 172.16/12 192.168/16}) or IPv6 {@code
 *       fc00::/7}, as Go's {@code IP.IsPrivate}.
 *   <li>{@code cidrContains CIDR IP}: whether the IPv4 address is in the IPv4 block.
 *   <li>{@code semverValid v}, {@code semverMajor v}, {@code semverMinor v}, {@code semverPatch
 *       v}, {@code semverCompare a b} ({@code -1 0 1}, SemVer 2.0.0 precedence, build metadata
 *       ignored); a leading {@code v} is allowed.
 *   <li>{@code imageRegistry ref} (the first path part when it has a {@code .} or {@code :} or is
 *       {@code localhost}, else {@code docker.io}), {@code imageRepository ref} (the path without
 *       registry, tag and digest), {@code imageTag ref} ({@code latest} when none).
 *   <li>Workload notes over an object such as {@code .children.statefulset}: {@code
 *       desiredReplicas o} ({@code spec.replicas}, 1 when unset), {@code readyReplicas o}, {@code
 *       availableReplicas o}, {@code updatedReplicas o} (from {@code status}, 0 when unset), {@code
 *       allReplicasReady o} (ready at least desired), {@code rolloutComplete o} (updated and
 *       available at least desired, latest generation observed), {@code jobSucceeded o}, {@code
 *       jobFailed o}, {@code jobActive o} ({@code status.succeeded/failed/active} above 0). A
 *       missing object or the placeholder of a child not created yet counts as nothing (0 desired,
 *       not ready).
 * </ul>
 */
final class MoreNotes {

  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  private MoreNotes() {}

  static List<TemplateFunction> all() {
    List<TemplateFunction> f = new ArrayList<>();
    f.add(fn("ipValid", 1, (a, s) -> ipv4(text(a, 0)) != null || ipv6(text(a, 0)) != null));
    f.add(fn("ipIsPrivate", 1, (a, s) -> isPrivate(text(a, 0))));
    f.add(new TemplateFunction("cidrContains", 2, 2, false, (a, s) -> cidrContains(a)));
    f.add(fn("semverValid", 1, (a, s) -> SEMVER.matcher(text(a, 0)).matches()));
    f.add(fn("semverMajor", 1, (a, s) -> semverPart(text(a, 0), 1)));
    f.add(fn("semverMinor", 1, (a, s) -> semverPart(text(a, 0), 2)));
    f.add(fn("semverPatch", 1, (a, s) -> semverPart(text(a, 0), 3)));
    f.add(
        new TemplateFunction(
            "semverCompare", 2, 2, false, (a, s) -> (long) semverCompare(text(a, 0), text(a, 1))));
    f.add(fn("imageRegistry", 1, (a, s) -> image(text(a, 0))[0]));
    f.add(fn("imageRepository", 1, (a, s) -> image(text(a, 0))[1]));
    f.add(fn("imageTag", 1, (a, s) -> image(text(a, 0))[2]));
    // workload notes over an object such as .children.statefulset (absent object = nothing ready)
    f.add(workload("desiredReplicas", o -> desired(o)));
    f.add(workload("readyReplicas", o -> count(o, "readyReplicas")));
    f.add(workload("availableReplicas", o -> count(o, "availableReplicas")));
    f.add(workload("updatedReplicas", o -> count(o, "updatedReplicas")));
    f.add(workload("allReplicasReady", o -> o != null && count(o, "readyReplicas") >= desired(o)));
    f.add(
        workload(
            "rolloutComplete",
            o ->
                o != null
                    && count(o, "updatedReplicas") >= desired(o)
                    && count(o, "availableReplicas") >= desired(o)
                    && observedCurrent(o)));
    f.add(workload("jobSucceeded", o -> count(o, "succeeded") > 0));
    f.add(workload("jobFailed", o -> count(o, "failed") > 0));
    f.add(workload("jobActive", o -> count(o, "active") > 0));
    return f;
  }

  // ---- workloads (.children objects)

  private static TemplateFunction workload(
      String name,
      java.util.function.Function<com.fasterxml.jackson.databind.@Nullable JsonNode, Object>
          impl) {
    return new TemplateFunction(
        name,
        1,
        1,
        true,
        (a, s) -> {
          Object o = a.get(0);
          com.fasterxml.jackson.databind.JsonNode n =
              o instanceof com.fasterxml.jackson.databind.JsonNode j
                      && j.isObject()
                      && !j.path("_placeholder").asBoolean(false)
                  ? j
                  : null;
          return impl.apply(n);
        });
  }

  /** The controller saw the latest spec (true when either generation is not reported). */
  private static boolean observedCurrent(com.fasterxml.jackson.databind.JsonNode o) {
    com.fasterxml.jackson.databind.JsonNode seen = o.path("status").path("observedGeneration");
    com.fasterxml.jackson.databind.JsonNode gen = o.path("metadata").path("generation");
    return !seen.canConvertToLong() || !gen.canConvertToLong() || seen.asLong() >= gen.asLong();
  }

  /** {@code spec.replicas}, 1 when unset (the Kubernetes default); 0 without an object. */
  private static long desired(com.fasterxml.jackson.databind.@Nullable JsonNode o) {
    if (o == null) {
      return 0L;
    }
    com.fasterxml.jackson.databind.JsonNode r = o.path("spec").path("replicas");
    return r.canConvertToLong() ? r.asLong() : 1L;
  }

  private static long count(com.fasterxml.jackson.databind.@Nullable JsonNode o, String field) {
    return o == null ? 0L : o.path("status").path(field).asLong(0);
  }

  private static TemplateFunction fn(String name, int args, TemplateFunction.Impl impl) {
    return new TemplateFunction(name, args, args, false, impl);
  }

  private static String text(List<@Nullable Object> a, int i) {
    Object v = a.get(i);
    return v == null ? "" : Values.print(v);
  }

  // ---- IP addresses

  static int @Nullable [] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      out[i] = Integer.parseInt(p);
      if (out[i] > 255) {
        return null;
      }
    }
    return out;
  }

  /** The eight 16-bit groups of an IPv6 address, or null. */
  static int @Nullable [] ipv6(String s) {
    if (!s.contains(":")) {
      return null;
    }
    List<Integer> groups = new ArrayList<>();
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    List<Integer> h = groups(head, doubleColon < 0);
    List<Integer> t = doubleColon >= 0 ? groups(tail, true) : new ArrayList<>();
    if (h == null || t == null) {
      return null;
    }
    int total = h.size() + t.size();
    if (doubleColon < 0 ? total != 8 : total > 7) {
      return null;
    }
    groups.addAll(h);
    for (int i = total; i < 8; i++) {
      groups.add(0);
    }
    groups.addAll(t);
    int[] out = new int[8];
    for (int i = 0; i < 8; i++) {
      out[i] = groups.get(i);
    }
    return out;
  }

  private static @Nullable List<Integer> groups(String s, boolean mayEndWithIpv4) {
    List<Integer> out = new ArrayList<>();
    if (s.isEmpty()) {
      return out;
    }
    String[] parts = s.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i == parts.length - 1 && mayEndWithIpv4 && p.contains(".")) {
        int[] v4 = ipv4(p);
        if (v4 == null) {
          return null;
        }
        out.add(v4[0] << 8 | v4[1]);
        out.add(v4[2] << 8 | v4[3]);
        continue;
      }
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      out.add(Integer.parseInt(p, 16));
    }
    return out;
  }

  private static boolean isPrivate(String s) {
    int[] v4 = ipv4(s);
    if (v4 != null) {
      return v4[0] == 10
          || (v4[0] == 172 && (v4[1] & 0xf0) == 16)
          || (v4[0] == 192 && v4[1] == 168);
    }
    int[] v6 = ipv6(s);
    return v6 != null && (v6[0] & 0xfe00) == 0xfc00;
  }

  private static boolean cidrContains(List<@Nullable Object> a) {
    String cidr = text(a, 0);
    int slash = cidr.indexOf('/');
    int[] net = slash < 0 ? null : ipv4(cidr.substring(0, slash));
    int bits;
    try {
      bits = slash < 0 ? -1 : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      bits = -1;
    }
    if (net == null || bits < 0 || bits > 32) {
      throw new FunctionError("invalid IPv4 CIDR " + GoFormat.quote(cidr));
    }
    int[] ip = ipv4(text(a, 1));
    if (ip == null) {
      return false;
    }
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (toLong(net) & mask) == (toLong(ip) & mask);
  }

  private static long toLong(int[] q) {
    return ((long) q[0] << 24) | (q[1] << 16) | (q[2] << 8) | q[3];
  }

  // ---- semantic versions

  private static Matcher semver(String v) {
    Matcher m = SEMVER.matcher(v.trim());
    if (!m.matches()) {
      throw new FunctionError("invalid semantic version " + GoFormat.quote(v));
    }
    return m;
  }

  private static long semverPart(String v, int group) {
    return new BigInteger(semver(v).group(group)).longValueExact();
  }

  static int semverCompare(String a, String b) {
    Matcher x = semver(a);
    Matcher y = semver(b);
    for (int g = 1; g <= 3; g++) {
      int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    String px = x.group(4);
    String py = y.group(4);
    if (px == null || py == null) {
      return px == null ? (py == null ? 0 : 1) : -1; // a pre-release is lower than the release
    }
    String[] ix = px.split("\\.");
    String[] iy = py.split("\\.");
    for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
      boolean nx = ix[i].chars().allMatch(Character::isDigit);
      boolean ny = iy[i].chars().allMatch(Character::isDigit);
      int c;
      if (nx && ny) {
        c = new BigInteger(ix[i]).compareTo(new BigInteger(iy[i]));
      } else if (nx || ny) {
        c = nx ? -1 : 1; // numeric identifiers are lower than alphanumeric ones
      } else {
        c = ix[i].compareTo(iy[i]);
      }
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.signum(Integer.compare(ix.length, iy.length));
  }

  // ---- container images

  /** registry, repository, tag. */
  private static String[] image(String ref) {
    String rest = ref;
    int at = rest.indexOf('@');
    if (at >= 0) {
      rest = rest.substring(0, at);
    }
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = "latest";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new String[] {registry, rest, tag};
  }
}

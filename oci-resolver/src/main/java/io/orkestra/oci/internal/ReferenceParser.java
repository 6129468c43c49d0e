package io.orkestra.oci.internal;

import io.orkestra.oci.ArtifactKind;
import io.orkestra.oci.OciReference;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Orkestra's reference rules (spec §3.5, §4). */
public final class ReferenceParser {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private ReferenceParser() {}

  /**
   * Parses a reference; see {@code OciResolver.parseReference}.
   *
   * @param text the reference
   * @param kind artifact kind
   * @param env environment
   * @return the reference
   */
  public static OciReference parse(String text, ArtifactKind kind, Map<String, String> env) {
    String ref = text.strip();
    if (ref.startsWith("oci://")) {
      ref = ref.substring("oci://".length());
    }
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("empty OCI reference");
    }
    String digest = null;
    String tag = null;
    int at = ref.lastIndexOf('@');
    if (at >= 0) {
      String after = ref.substring(at + 1);
      ref = ref.substring(0, at);
      if (after.startsWith("sha256:")) {
        if (!DIGEST.matcher(after).matches()) {
          throw new IllegalArgumentException(
              "invalid digest '" + after + "' in reference '" + text + "' (want sha256:<64 lowercase hex>)");
        }
        digest = after;
      } else {
        tag = after;
      }
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      String t = ref.substring(colon + 1);
      ref = ref.substring(0, colon);
      if (tag != null) {
        throw new IllegalArgumentException("reference '" + text + "' has two tags ('" + t + "' and '" + tag + "')");
      }
      tag = t;
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("invalid tag '" + tag + "' in reference '" + text + "'");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    String first = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : "";
    boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    String qualified = hasHost ? ref : defaultRegistry(kind, env) + "/" + ref;
    int hostEnd = qualified.indexOf('/');
    String registry = qualified.substring(0, hostEnd);
    String repository = qualified.substring(hostEnd + 1);
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "invalid repository '" + repository + "' in reference '" + text + "' (lowercase letters, digits, . _ - and /)");
    }
    return new OciReference(registry.toLowerCase(Locale.ROOT), repository, tag, digest);
  }

  private static String defaultRegistry(ArtifactKind kind, Map<String, String> env) {
    String configured = env.get(kind.environmentVariable());
    String base = configured == null || configured.isBlank() ? kind.defaultRegistry() : configured.strip();
    if (base.startsWith("oci://")) {
      base = base.substring("oci://".length());
    }
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}

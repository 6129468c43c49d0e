package io.orkestra.oci;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One mirror of an upstream registry host: where to pull from instead, in the style of
 * containerd's {@code hosts.toml} {@code [host."…"]} entries and Docker's {@code registry-mirrors}.
 *
 * <p>A reference {@code ghcr.io/org/repo:tag} mirrored by {@code http://10.0.0.5:5000/cache} is
 * pulled from {@code 10.0.0.5:5000/cache/org/repo:tag}: the mirror's path is a repository prefix,
 * the upstream host is dropped. This is the layout {@code ork registry mirror SRC HOST/PREFIX}
 * writes.
 *
 * @param url the endpoint as configured, normalised ({@code scheme://host[:port][/prefix]})
 * @param host the mirror's host and optional port, as used in references
 * @param prefix repository prefix without slashes at either end (empty for none)
 * @param plainHttp whether the endpoint is {@code http://} (loopback hosts use plain HTTP anyway)
 */
public record MirrorEndpoint(String url, String host, String prefix, boolean plainHttp) {

  /** Checks components. */
  public MirrorEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(prefix, "prefix");
    if (host.isBlank()) {
      throw new IllegalArgumentException("mirror endpoint without host: '" + url + "'");
    }
  }

  /**
   * Parses an endpoint: {@code http://host[:port][/prefix]}, {@code https://…} or a bare {@code
   * host[:port][/prefix]} (HTTPS, except loopback hosts, which always use plain HTTP and are
   * normalised to {@code http://}).
   *
   * @param text the endpoint text
   * @return the endpoint
   * @throws IllegalArgumentException naming the text when it is not a valid endpoint
   */
  public static MirrorEndpoint parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    boolean plain = false;
    String rest = t;
    int scheme = t.indexOf("://");
    if (scheme >= 0) {
      String s = t.substring(0, scheme).toLowerCase(Locale.ROOT);
      if (!s.equals("http") && !s.equals("https")) {
        throw new IllegalArgumentException("mirror endpoint '" + text + "' must use http:// or https://");
      }
      plain = s.equals("http");
      rest = t.substring(scheme + 3);
    }
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (host.isEmpty() || host.contains("@") || host.contains("?") || host.contains("#")) {
      throw new IllegalArgumentException("mirror endpoint '" + text + "' has no valid host (want http://host[:port][/prefix])");
    }
    try {
      URI.create("http://" + host + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mirror endpoint '" + text + "' has no valid host (want http://host[:port][/prefix])");
    }
    if (prefix.contains("//") || prefix.contains("?") || prefix.contains("#") || !prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("mirror endpoint '" + text + "' has an invalid repository prefix '" + prefix
          + "' (lowercase path segments)");
    }
    if (scheme < 0) {
      String bare = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
          : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
      plain = bare.equals("localhost") || bare.equals("127.0.0.1") || bare.equals("[::1]");
    }
    String normalized = (plain ? "http://" : "https://") + host + (prefix.isEmpty() ? "" : "/" + prefix);
    return new MirrorEndpoint(normalized, host, prefix, plain);
  }

  /**
   * Where this mirror keeps an upstream reference: same tag and digest, the mirror's host, the
   * prefix prepended to the repository.
   *
   * @param upstream the reference as written (its host is the mirrored one)
   * @return the reference on the mirror
   */
  public OciReference locate(OciReference upstream) {
    Objects.requireNonNull(upstream, "upstream");
    String repo = prefix.isEmpty() ? upstream.repository() : prefix + "/" + upstream.repository();
    return new OciReference(host, repo, upstream.tag(), upstream.digest());
  }

  @Override
  public String toString() {
    return url;
  }
}

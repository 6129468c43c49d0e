package io.orkestra.oci.internal;

import io.orkestra.oci.ArtifactVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Version tags: which tags are versions ({@code v1}, {@code 1.2.0}, {@code v2.0.0-rc.1}) rather
 * than floating names ({@code latest}, {@code main}), their order, and the deduplication of a
 * repository's tags into versions (spec §4, {@code ListVersions}).
 */
public final class Versions {

  private static final Pattern VERSION =
      Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

  /** A tag with the manifest it points at. */
  public record Tagged(String tag, String digest, @Nullable Instant created) {}

  private Versions() {}

  /**
   * Whether a tag is a version (optionally {@code v}-prefixed dotted numbers with an optional
   * pre-release and build suffix).
   *
   * @param tag the tag
   * @return true for versions, false for floating tags
   */
  public static boolean isVersion(String tag) {
    return VERSION.matcher(tag).matches();
  }

  /**
   * Compares two version tags: numeric segments, then a release above its pre-releases, then
   * pre-releases by text. Callers check {@link #isVersion} first.
   *
   * @param a a version tag
   * @param b a version tag
   * @return negative, zero or positive
   */
  public static int compare(String a, String b) {
    Matcher ma = VERSION.matcher(a);
    Matcher mb = VERSION.matcher(b);
    if (!ma.matches() || !mb.matches()) {
      return a.compareTo(b);
    }
    String[] sa = ma.group(1).split("\\.");
    String[] sb = mb.group(1).split("\\.");
    for (int i = 0; i < Math.max(sa.length, sb.length); i++) {
      long x = i < sa.length ? Long.parseLong(sa[i]) : 0;
      long y = i < sb.length ? Long.parseLong(sb[i]) : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    String pa = ma.group(2);
    String pb = mb.group(2);
    if (pa == null || pb == null) {
      return pa == null ? (pb == null ? Integer.compare(sa.length, sb.length) : 1) : -1;
    }
    return pa.compareTo(pb);
  }

  /**
   * Whether {@code candidate} should replace {@code current} as a pattern's latest version: a
   * version wins over a floating tag, a higher or equal version over a lower one, and between
   * floating tags the newer push.
   *
   * @param current the recorded latest version
   * @param candidate the pushed tag
   * @return true when the candidate becomes the latest version
   */
  public static boolean supersedes(String current, String candidate) {
    boolean cv = isVersion(current);
    boolean nv = isVersion(candidate);
    if (cv && nv) {
      return compare(candidate, current) >= 0;
    }
    return nv || !cv;
  }

  /**
   * Deduplicates tags by digest: one version per digest, named by its best tag (a version over a
   * floating tag; among versions the most specific, then the highest; among floating tags the
   * first by name), ordered newest push first (by {@code created}; unknown times last, then by
   * name, highest version first).
   *
   * @param tags tags with their digests
   * @return the versions
   */
  public static List<ArtifactVersion> dedupe(List<Tagged> tags) {
    Map<String, List<Tagged>> byDigest = new LinkedHashMap<>();
    for (Tagged t : tags) {
      byDigest.computeIfAbsent(t.digest(), d -> new ArrayList<>()).add(t);
    }
    List<ArtifactVersion> out = new ArrayList<>();
    for (Map.Entry<String, List<Tagged>> e : byDigest.entrySet()) {
      List<Tagged> group = new ArrayList<>(e.getValue());
      group.sort(Comparator.comparing(Tagged::tag, Versions::better));
      Tagged best = group.get(0);
      List<String> aliases = group.stream().skip(1).map(Tagged::tag).sorted().toList();
      Instant created = group.stream().map(Tagged::created).filter(c -> c != null).findFirst().orElse(null);
      out.add(new ArtifactVersion(best.tag(), aliases, e.getKey(), created));
    }
    out.sort(Comparator.comparing(ArtifactVersion::created, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(ArtifactVersion::tag, Versions::better));
    return out;
  }

  /** Orders tags best first: versions before floating tags, specific and high versions first. */
  private static int better(String a, String b) {
    boolean va = isVersion(a);
    boolean vb = isVersion(b);
    if (va != vb) {
      return va ? -1 : 1;
    }
    if (!va) {
      return a.compareTo(b);
    }
    int bySegments = Integer.compare(segments(b), segments(a));
    return bySegments != 0 ? bySegments : compare(b, a);
  }

  private static int segments(String version) {
    Matcher m = VERSION.matcher(version);
    return m.matches() ? m.group(1).split("\\.").length : 0;
  }

  /**
   * Parses an {@code org.opencontainers.image.created} value.
   *
   * @param text RFC 3339 text, or null
   * @return the instant, or null when absent or unparsable
   */
  public static @Nullable Instant parseCreated(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}

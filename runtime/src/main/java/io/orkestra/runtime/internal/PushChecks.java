package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.KatalogResolver;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Diagnostic;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.LoadOptions;
import io.orkestra.oci.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ork registry push} checks and reads before publishing a directory: its kind, the
 * validation of its content, its {@code metadata} (turned into manifest annotations, which the
 * namespace index is built from) and the {@code metadata.version} / tag agreement.
 */
final class PushChecks {

  /**
   * The {@code metadata} block of the primary file plus the lifecycle flag the index shows.
   *
   * @param version {@code metadata.version}, or null
   * @param description {@code metadata.description}, or empty
   * @param author {@code metadata.author}, or empty
   * @param license {@code metadata.license}, or empty
   * @param tags {@code metadata.tags}
   * @param deprecated {@code lifecycle.maturity: deprecated} or a {@code lifecycle.deprecation} block
   */
  record Metadata(
      @Nullable String version, String description, String author, String license, List<String> tags,
      boolean deprecated) {

    static final Metadata NONE = new Metadata(null, "", "", "", List.of(), false);
  }

  private PushChecks() {}

  /**
   * The kind of a directory: motif with {@code --motif}; else pattern when it has {@code
   * katalog.yaml}, motif when it has only {@code motif.yaml}, pattern otherwise (the push then
   * says {@code katalog.yaml} is missing).
   */
  static ArtifactKind kindOf(Path dir, boolean motifFlag) {
    if (motifFlag) {
      return ArtifactKind.MOTIF;
    }
    if (!Files.isRegularFile(dir.resolve("katalog.yaml")) && Files.isRegularFile(dir.resolve("motif.yaml"))) {
      return ArtifactKind.MOTIF;
    }
    return ArtifactKind.PATTERN;
  }

  /** The file a kind requires. */
  static Path primaryFile(Path dir, ArtifactKind kind) {
    return dir.resolve(kind == ArtifactKind.MOTIF ? "motif.yaml" : "katalog.yaml");
  }

  /** Fails with Orkestra's message when the directory lacks the file its kind requires. */
  static void requirePrimaryFile(Path dir, ArtifactKind kind) {
    if (!Files.isDirectory(dir)) {
      throw new OrkestraException("not a directory: " + dir);
    }
    Path file = primaryFile(dir, kind);
    if (!Files.isRegularFile(file)) {
      throw new OrkestraException(dir + " has no " + file.getFileName() + " (required for a "
          + kind.name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  /**
   * Validates a directory before it is pushed.
   *
   * <p>Pattern: {@code katalog.yaml} loads with full validation ({@link KatalogInterpreter#load})
   * and agrees with the {@code crd.yaml} next to it ({@link PatternChecks#crdAgreement});
   * a {@code komposer.yaml} next to it loads too, resolving its registry imports with {@code
   * resolver} (no lock file is written). Motif: {@link #validateMotif}.
   *
   * @return the diagnostics, one line each; empty when valid
   */
  static List<String> validate(Path dir, ArtifactKind kind, KatalogResolver resolver) {
    if (kind == ArtifactKind.MOTIF) {
      return validateMotif(primaryFile(dir, kind));
    }
    List<String> out = new ArrayList<>();
    // a pattern imports its motifs by registry reference (local motif files cannot be published)
    Path katalog = dir.resolve("katalog.yaml");
    try {
      out.addAll(PatternChecks.crdAgreement(katalog,
          KatalogInterpreter.load(katalog, LoadOptions.defaults().withResolver(resolver))));
    } catch (KatalogException e) {
      e.diagnostics().stream().map(Diagnostic::toString).forEach(out::add);
    }
    Path komposer = dir.resolve("komposer.yaml");
    if (Files.isRegularFile(komposer)) {
      out.addAll(load(komposer, LoadOptions.defaults().withResolver(resolver)));
    }
    return out;
  }

  private static List<String> load(Path file, LoadOptions options) {
    try {
      KatalogInterpreter.load(file, options);
      return List.of();
    } catch (KatalogException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
  }

  /**
   * Motif validation: the full Motif check of the Katalog interpreter (header, inputs with types
   * and defaults, resources, and every {@code {{ .inputs.X }}} naming a declared input).
   *
   * @return the diagnostics, one line each; empty when valid
   */
  static List<String> validateMotif(Path motif) {
    try {
      KatalogInterpreter.loadMotif(motif);
      return List.of();
    } catch (KatalogException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
  }

  /**
   * Reads {@code metadata} (and {@code lifecycle}) of the primary file.
   *
   * @throws KatalogException when the file is not YAML
   */
  static Metadata metadata(Path primary) {
    List<ObjectNode> docs = KatalogInterpreter.readManifests(primary);
    if (docs.isEmpty()) {
      return Metadata.NONE;
    }
    JsonNode meta = docs.get(0).path("metadata");
    JsonNode lifecycle = docs.get(0).path("lifecycle");
    List<String> tags = new ArrayList<>();
    meta.path("tags").forEach(t -> tags.add(t.asText()));
    boolean deprecated = lifecycle.path("maturity").asText("").equalsIgnoreCase("deprecated")
        || lifecycle.has("deprecation");
    String version = meta.hasNonNull("version") ? meta.get("version").asText() : null;
    return new Metadata(version, meta.path("description").asText(""), meta.path("author").asText(""),
        meta.path("license").asText(""), tags, deprecated);
  }

  /**
   * Manifest annotations of the metadata (those the index reads): description, authors, license,
   * tags and the deprecation flag; empty values are left out.
   */
  static Map<String, String> annotations(Metadata m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!m.description().isBlank()) {
      out.put("org.opencontainers.image.description", m.description().strip());
    }
    if (!m.author().isBlank()) {
      out.put("org.opencontainers.image.authors", m.author().strip());
      out.put("io.orkestra.pattern.author", m.author().strip());
    }
    if (!m.license().isBlank()) {
      out.put("org.opencontainers.image.licenses", m.license().strip());
      out.put("io.orkestra.pattern.license", m.license().strip());
    }
    if (!m.tags().isEmpty()) {
      out.put("io.orkestra.pattern.tags", String.join(",", m.tags()));
    }
    if (m.deprecated()) {
      out.put("io.orkestra.pattern.deprecated", "true");
    }
    return out;
  }

  /**
   * Orkestra refuses to push {@code metadata.version} under another tag (a leading {@code v} on
   * either side is ignored).
   *
   * @return the error message, or null when they agree or the file has no version
   */
  static @Nullable String versionMismatch(Metadata m, String tag, Path primary) {
    String v = m.version();
    if (v == null || v.isBlank() || strip(v).equals(strip(tag))) {
      return null;
    }
    return primary + ": metadata.version is " + v + " but the tag is " + tag
        + " (push it as :" + v + ", change metadata.version, or use --force)";
  }

  private static String strip(String version) {
    String s = version.strip();
    return s.startsWith("v") || s.startsWith("V") ? s.substring(1) : s;
  }
}

package io.orkestra.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OperatorSpec;
import io.orkestra.katalog.KatalogException;
import io.orkestra.katalog.KatalogInterpreter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks of a pattern directory beyond the Katalog itself: the {@code crd.yaml} published next to
 * {@code katalog.yaml} must describe the custom resources the Katalog manages. A CRD entry that
 * declares {@code apiTypes} by hand can drift from the CRD file shipped with it; the Katalog then
 * watches a kind that the published CRD does not install. Every {@code CustomResourceDefinition} of
 * {@code crd.yaml} that states a group or a kind must be the group and kind of one CRD entry, and a
 * CRD entry that shares its group or its kind with a CRD of the file must match that CRD in both.
 */
final class PatternChecks {

  private static final Pattern GROUP_LINE = Pattern.compile("^(\\s*)group:\\s*\\S");

  private PatternChecks() {}

  /**
   * The group/kind disagreements between {@code katalog} and the {@code crd.yaml} next to it.
   *
   * @param katalog a Katalog file
   * @param operators what it loaded to
   * @return one {@code file:line:col: message} per disagreement; empty when there is no {@code
   *     crd.yaml} or it agrees
   */
  static List<String> crdAgreement(Path katalog, List<CompiledOperator> operators) {
    Path crdFile = katalog.resolveSibling("crd.yaml");
    if (!Files.isRegularFile(crdFile) || operators.isEmpty()) {
      return List.of();
    }
    List<ObjectNode> docs;
    List<String> lines;
    try {
      docs = KatalogInterpreter.readManifests(crdFile);
      lines = Files.readAllLines(crdFile);
    } catch (KatalogException e) {
      return List.of(); // not YAML: the loader reports it where the Katalog uses the file
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<int[]> groupPositions = groupLines(lines);
    List<String> out = new ArrayList<>();
    String entries = operators.stream()
        .map(o -> o.spec().name() + ": " + o.spec().group() + "/" + o.spec().kind())
        .collect(Collectors.joining(", "));
    int crdIndex = 0;
    List<String[]> crds = new ArrayList<>();
    for (ObjectNode doc : docs) {
      if (!"CustomResourceDefinition".equals(doc.path("kind").asText())) {
        continue;
      }
      JsonNode spec = doc.path("spec");
      String group = spec.path("group").asText("");
      String kind = spec.path("names").path("kind").asText("");
      if (group.isEmpty() && kind.isEmpty()) {
        continue; // a placeholder that states neither cannot disagree (and has no group line)
      }
      crds.add(new String[] {group, kind});
      boolean used = operators.stream()
          .anyMatch(o -> o.spec().group().equals(group) && o.spec().kind().equals(kind));
      if (!used) {
        int[] pos = crdIndex < groupPositions.size() ? groupPositions.get(crdIndex) : new int[] {1, 1};
        out.add(crdFile + ":" + pos[0] + ":" + pos[1] + ": CustomResourceDefinition "
            + doc.path("metadata").path("name").asText("?") + " (group " + group + ", kind " + kind
            + ") is no CRD of " + katalog.getFileName() + " (" + entries
            + "); crd.yaml and the Katalog must agree on group and kind");
      }
      crdIndex++;
    }
    for (CompiledOperator o : operators) {
      OperatorSpec s = o.spec();
      boolean exact = crds.stream().anyMatch(c -> c[0].equals(s.group()) && c[1].equals(s.kind()));
      boolean related = crds.stream().anyMatch(c -> c[0].equals(s.group()) || c[1].equals(s.kind()));
      if (!exact && related) {
        int[] pos = entryLine(katalog, s.name());
        out.add(katalog + ":" + pos[0] + ":" + pos[1] + ": crd " + s.name() + " is " + s.group() + "/"
            + s.kind() + " but " + crdFile.getFileName() + " defines " + crds.stream()
                .map(c -> c[0] + "/" + c[1]).collect(Collectors.joining(", "))
            + "; crd.yaml and the Katalog must agree on group and kind");
      }
    }
    return out;
  }

  /** Line and column of each {@code spec.group} key, in document order (one per CRD). */
  private static List<int[]> groupLines(List<String> lines) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = GROUP_LINE.matcher(lines.get(i));
      if (m.find() && m.group(1).length() == 2) { // spec.group sits two spaces in
        out.add(new int[] {i + 1, m.group(1).length() + 1});
      }
    }
    return out;
  }

  /** Line and column of the CRD entry's key in the Katalog (its first occurrence), else 1:1. */
  private static int[] entryLine(Path katalog, String name) {
    try {
      List<String> lines = Files.readAllLines(katalog);
      Pattern key = Pattern.compile("^(\\s+)" + Pattern.quote(name) + ":\\s*(#.*)?$");
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = key.matcher(lines.get(i));
        if (m.find()) {
          return new int[] {i + 1, m.group(1).length() + 1};
        }
      }
    } catch (IOException e) {
      // fall through: the file was readable a moment ago when it loaded
    }
    return new int[] {1, 1};
  }
}

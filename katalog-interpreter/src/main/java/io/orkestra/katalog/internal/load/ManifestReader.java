package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads files of Kubernetes manifests (one or more YAML documents, each a mapping). Empty documents
 * are skipped; a document that is not a mapping is an error at its position.
 */
public final class ManifestReader {
  private ManifestReader() {}

  /**
   * Reads all manifests of a file.
   *
   * @param file the YAML file
   * @return the manifests in file order
   * @throws io.orkestra.katalog.KatalogException with every problem found
   */
  public static List<ObjectNode> read(Path file) {
    Problems problems = new Problems();
    List<ObjectNode> out = new ArrayList<>();
    for (YMap doc : documents(file, "manifest file", problems)) {
      out.add(doc.toJson());
    }
    problems.throwIfAny();
    return out;
  }

  /** The mapping documents of a file, positions kept; problems recorded. */
  static List<YMap> documents(Path file, String what, Problems problems) {
    String text = SourceFiles.read(file, what, problems);
    if (text == null) {
      return List.of();
    }
    List<YMap> out = new ArrayList<>();
    for (YNode doc : YamlReader.readAll(SourceFiles.display(file), text, problems)) {
      if (doc instanceof YMap) {
        out.add((YMap) doc);
      } else if (!(doc instanceof YScalar && ((YScalar) doc).isNull())) {
        problems.error(doc.pos(), "a manifest must be a YAML mapping, got " + doc.describe());
      }
    }
    return out;
  }
}

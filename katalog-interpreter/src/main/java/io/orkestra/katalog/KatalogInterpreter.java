package io.orkestra.katalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.katalog.internal.load.KatalogLoader;
import io.orkestra.katalog.internal.load.ManifestReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Entry point of the Katalog interpreter: loads Katalog files into {@link CompiledOperator}s and
 * reads Kubernetes manifest files. This module owns all YAML parsing of the runtime.
 *
 * <p>Loading does the expensive and fallible work once: YAML parsing with positions, schema checks
 * (unknown keys with "did you mean", types, ranges), normalisation of the legacy 0.7.17 {@code
 * operatorBox} keys, and parsing of every template. The returned operators then only evaluate:
 * {@link CompiledOperator#interpret} is pure CPU work, thread-safe, with no I/O.
 *
 * <p>Threading: both methods read files and block; call them from {@code main}, a test, or {@code
 * Schedulers.boundedElastic()}, never from an event loop or a {@code parallel()} worker.
 *
 * <p>Errors: everything wrong with the input is collected and thrown as one {@link
 * KatalogException} whose message lists each problem as {@code file:line:column: message}, for
 * example:
 *
 * <pre>
 * examples/quickstart/katalog.yaml:14:9: unknown key 'imgae' in spec.crds.webapp.operatorBox.reconcile.onCreate.deployments[0] (did you mean 'image'?)
 * </pre>
 *
 * <p>Missing fields at interpretation time (this slice's rule, to be revisited for Orkestra
 * compatibility): a template that refers to a field the custom resource lacks fails that resource's
 * interpretation with {@code file:line:column: template refers to missing field .spec.replicas
 * (namespace/name)}; {@code default} makes such a reference safe ({@code {{ .spec.replicas |
 * default 1 }}}).
 */
public final class KatalogInterpreter {

  private KatalogInterpreter() {}

  /**
   * Loads a Katalog.
   *
   * <p>{@code path} is a Katalog YAML file, or a directory: then its {@code katalog.yaml}, else its
   * {@code komposer.yaml}, else every {@code *.yaml}/{@code *.yml} file whose {@code kind} is
   * {@code Katalog}. Supported in each CRD entry: {@code enabled}, {@code description}, {@code
   * apiTypes}, {@code namespaced}, {@code crdFile}, {@code crFiles} (both relative to the Katalog
   * file), {@code operatorBox.reconcile.{workers, resync, onCreate, onReconcile}} with {@code
   * configMaps}, {@code deployments}, {@code services}, {@code secrets}, and {@code
   * operatorBox.emit.status.fields}. Other keys of the Katalog schema are accepted and kept for
   * later work; unknown keys are errors.
   *
   * @param path a Katalog file or a pattern directory
   * @return one operator per enabled CRD entry, in declaration order
   * @throws KatalogException listing every problem found ({@code katalog file not found: <path>}
   *     when {@code path} does not exist)
   */
  public static List<CompiledOperator> load(Path path) {
    return KatalogLoader.load(Objects.requireNonNull(path, "path"));
  }

  /**
   * Reads a file of Kubernetes manifests, such as the CRs of {@code crFiles} or a CRD file. The
   * file may hold several YAML documents separated by {@code ---}; empty documents are skipped.
   *
   * @param yamlFile the file
   * @return one object per document, in file order
   * @throws KatalogException when the file is missing, is not valid YAML, or holds a document that
   *     is not a mapping (each problem with {@code file:line:column})
   */
  public static List<ObjectNode> readManifests(Path yamlFile) {
    return ManifestReader.read(Objects.requireNonNull(yamlFile, "yamlFile"));
  }
}

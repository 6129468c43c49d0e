package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.yaml.YNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code spec.crds.<name>} entry, legacy keys already normalised.
 *
 * @param name the entry key (the CRD name)
 * @param pos where the key is written
 * @param enabled {@code enabled} (default true)
 * @param description {@code description}
 * @param apiTypes {@code apiTypes}, if written
 * @param namespaced {@code namespaced}, if written (default: the CRD file's scope, else true)
 * @param crdFile {@code crdFile} as written (relative to the Katalog file)
 * @param crFiles {@code crFiles} as written (relative to the Katalog file)
 * @param reconcile {@code operatorBox.reconcile} (legacy: {@code operatorBox.reconciler} and {@code
 *     operatorBox.onCreate/onReconcile})
 * @param statusFields {@code operatorBox.emit.status.fields} (legacy: {@code
 *     operatorBox.status.fields})
 * @param engine the queue, requeue and namespace settings
 * @param pending known keys this slice does not implement yet, by YAML path, kept for later work
 * @param admission {@code admission.*} (legacy: the CRD-level {@code validation}, {@code
 *     mutation}, {@code conversion} and {@code webhooks})
 */
public record CrdEntry(
    String name,
    SourcePos pos,
    boolean enabled,
    @Nullable String description,
    @Nullable ApiTypes apiTypes,
    @Nullable Located<Boolean> namespaced,
    @Nullable Located<String> crdFile,
    List<Located<String>> crFiles,
    Reconcile reconcile,
    List<StatusField> statusFields,
    EngineBlocks engine,
    Map<String, YNode> pending,
    AdmissionSpec admission) {

  /** Null checks and immutable copies. */
  public CrdEntry {
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(engine, "engine");
    crFiles = List.copyOf(crFiles);
    statusFields = List.copyOf(statusFields);
    pending = Ordered.copy(pending);
  }

  /**
   * An entry without admission blocks and with default engine settings.
   *
   * @param name the entry key
   * @param pos where the key is written
   * @param enabled {@code enabled}
   * @param description {@code description}
   * @param apiTypes {@code apiTypes}
   * @param namespaced {@code namespaced}
   * @param crdFile {@code crdFile}
   * @param crFiles {@code crFiles}
   * @param reconcile {@code operatorBox.reconcile}
   * @param statusFields {@code operatorBox.emit.status.fields}
   * @param pending keys kept for later work
   */
  public CrdEntry(
      String name,
      SourcePos pos,
      boolean enabled,
      @Nullable String description,
      @Nullable ApiTypes apiTypes,
      @Nullable Located<Boolean> namespaced,
      @Nullable Located<String> crdFile,
      List<Located<String>> crFiles,
      Reconcile reconcile,
      List<StatusField> statusFields,
      Map<String, YNode> pending) {
    this(
        name,
        pos,
        enabled,
        description,
        apiTypes,
        namespaced,
        crdFile,
        crFiles,
        reconcile,
        statusFields,
        EngineBlocks.DEFAULTS,
        pending,
        AdmissionSpec.NONE);
  }
}

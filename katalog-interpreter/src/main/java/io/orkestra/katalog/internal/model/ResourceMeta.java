package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import io.orkestra.katalog.internal.template.Template;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fields every resource template has.
 *
 * @param path YAML path of the resource, such as {@code ...onCreate.deployments[0]}
 * @param pos where the resource is declared
 * @param name {@code name} (or the kind's default name template)
 * @param namespace {@code namespace}; {@code null} = the custom resource's namespace
 * @param labels declared labels (values are templates)
 * @param annotations declared annotations (values are templates)
 * @param reconcile {@code reconcile: true} also drift-corrects an {@code onCreate} resource
 * @param conditions {@code when}/{@code or}: when they fail the resource is not desired
 * @param forEach {@code forEach}: render once per element of a list or map, or {@code null}
 */
public record ResourceMeta(
    String path,
    SourcePos pos,
    Template name,
    @Nullable Template namespace,
    Map<String, Template> labels,
    Map<String, Template> annotations,
    boolean reconcile,
    Conditions conditions,
    @Nullable ForEach forEach) {

  /** Null checks and ordered immutable copies. */
  public ResourceMeta {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(name, "name");
    labels = Ordered.copy(labels);
    annotations = Ordered.copy(annotations);
    Objects.requireNonNull(conditions, "conditions");
  }

  /**
   * Common fields without {@code forEach}.
   *
   * @param path YAML path of the resource
   * @param pos where the resource is declared
   * @param name the name template
   * @param namespace the namespace template, or {@code null}
   * @param labels declared labels
   * @param annotations declared annotations
   * @param reconcile {@code reconcile: true}
   * @param conditions {@code when}/{@code or}
   */
  public ResourceMeta(
      String path,
      SourcePos pos,
      Template name,
      @Nullable Template namespace,
      Map<String, Template> labels,
      Map<String, Template> annotations,
      boolean reconcile,
      Conditions conditions) {
    this(path, pos, name, namespace, labels, annotations, reconcile, conditions, null);
  }
}

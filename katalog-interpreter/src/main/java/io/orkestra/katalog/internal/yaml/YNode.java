package io.orkestra.katalog.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.orkestra.katalog.internal.support.SourcePos;

/**
 * A YAML value with its source position and its path from the document root as written (for example
 * {@code spec.crds.webapp.operatorBox.reconcile.onCreate.deployments[0]}).
 */
public sealed interface YNode permits YMap, YSeq, YScalar {

  /**
   * Where the value starts.
   *
   * @return the position of the value's first character
   */
  SourcePos pos();

  /**
   * The dotted path from the document root, {@code ""} for the root.
   *
   * @return the path as the user wrote it
   */
  String path();

  /**
   * A short description for error messages, such as {@code a mapping} or {@code a string 'abc'}.
   *
   * @return the description
   */
  String describe();

  /**
   * The value as a Jackson tree (positions dropped).
   *
   * @return a new tree
   */
  JsonNode toJson();
}

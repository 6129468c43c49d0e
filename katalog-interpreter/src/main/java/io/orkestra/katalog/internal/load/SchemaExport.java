package io.orkestra.katalog.internal.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.katalog.internal.model.JsonSchemas;
import java.util.List;

/** The loader's view of the JSON Schemas: the API layer reaches the model only through here. */
public final class SchemaExport {

  private SchemaExport() {}

  /**
   * The JSON Schema of a document kind.
   *
   * @param kind {@code Katalog}, {@code Komposer} or {@code Motif}
   * @return a new schema tree
   * @throws IllegalArgumentException for other kinds
   */
  public static ObjectNode jsonSchema(String kind) {
    return JsonSchemas.of(kind);
  }

  /**
   * The kinds with a schema.
   *
   * @return {@code Katalog}, {@code Komposer}, {@code Motif}
   */
  public static List<String> kinds() {
    return JsonSchemas.KINDS;
  }
}

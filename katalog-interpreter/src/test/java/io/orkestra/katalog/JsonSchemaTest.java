package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link KatalogInterpreter#jsonSchema}: the committed {@code schemas/} files are in sync, and real
 * documents pass a structural check against them (no JSON Schema validator is on the offline
 * classpath, so {@link #violations} checks the keywords the generator emits).
 */
class JsonSchemaTest {

  private static final Path SCHEMAS = Path.of("../schemas");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void committedSchemasMatchTheGeneratedOnes() throws IOException {
    for (String kind : KatalogInterpreter.schemaKinds()) {
      Path file = SCHEMAS.resolve(kind.toLowerCase(Locale.ROOT) + ".schema.json");
      assertThat(file).as("%s is missing; generate it with: bin/ork generate schema -o schemas/", file)
          .isRegularFile();
      JsonNode committed = JSON.readTree(file.toFile());
      assertThat(committed)
          .as("%s is out of sync with the loader's key tree; regenerate it from the repository root"
              + " with: bin/ork generate schema -o schemas/", file)
          .isEqualTo(KatalogInterpreter.jsonSchema(kind));
    }
  }

  @Test
  void katalogSchemaDescribesTheLoaderKeyTree() {
    ObjectNode schema = KatalogInterpreter.jsonSchema("Katalog");

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("properties").path("kind").path("const").asText()).isEqualTo("Katalog");
    assertThat(schema.path("properties").has("imports")).isFalse();
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    JsonNode reconcile = schema.path("$defs").path("reconcile");
    assertThat(reconcile.path("properties").path("workers").path("maximum").asInt()).isEqualTo(50);
    assertThat(reconcile.path("properties").path("onCreate").path("$ref").asText())
        .isEqualTo("#/$defs/hookTemplates");
    assertThat(schema.path("$defs").path("status").path("properties").path("fields").path("items")
        .path("properties").path("type").path("enum")).isNotEmpty();
  }

  @Test
  void quickstartExampleValidatesAgainstTheKatalogSchema() throws IOException {
    JsonNode quickstart = YAML.readTree(Path.of("../examples/quickstart/katalog.yaml").toFile());

    assertThat(violations(KatalogInterpreter.jsonSchema("Katalog"), quickstart)).isEmpty();
  }

  @Test
  void everyKatalogFixtureThatLoadsAlsoPassesTheSchema() throws IOException {
    List<Path> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.walk(Fixtures.path("."))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
        JsonNode doc;
        try {
          doc = YAML.readTree(f.toFile());
        } catch (IOException e) {
          continue; // not YAML on purpose (diagnostics fixtures)
        }
        if (doc == null || !"Katalog".equals(doc.path("kind").asText())) {
          continue;
        }
        try {
          KatalogInterpreter.load(f);
        } catch (KatalogException e) {
          continue; // an invalid fixture on purpose
        }
        checked.add(f);
        violations(KatalogInterpreter.jsonSchema("Katalog"), doc)
            .forEach(v -> problems.add(f + v));
      }
    }

    assertThat(checked).hasSizeGreaterThan(5);
    assertThat(problems).isEmpty();
  }

  @Test
  void komposerAndMotifFixturesValidateAgainstTheirSchemas() throws IOException {
    JsonNode komposer =
        YAML.readTree(Fixtures.path("komposer/imports-komposer.yaml").toFile());
    JsonNode motif = YAML.readTree(Fixtures.path("schema/motif.yaml").toFile());

    assertThat(violations(KatalogInterpreter.jsonSchema("Komposer"), komposer)).isEmpty();
    assertThat(violations(KatalogInterpreter.jsonSchema("Motif"), motif)).isEmpty();
  }

  @Test
  void misspelledKeyWrongTypeAndMissingApiTypesAreViolations() throws IOException {
    JsonNode broken =
        YAML.readTree(
            String.join(
                "\n",
                "apiVersion: orkestra.orkspace.io/v1",
                "kind: Katalog",
                "metadata: {name: x}",
                "spec:",
                "  crds:",
                "    web:",
                "      enabled: maybe",
                "      operatorBox:",
                "        reconcile:",
                "          workers: 51",
                "          onCreate:",
                "            configMaps:",
                "              - name: a",
                "                dta: {}",
                ""));

    assertThat(violations(KatalogInterpreter.jsonSchema("Katalog"), broken))
        .containsExactlyInAnyOrder(
            "/spec/crds/web: matches none of anyOf",
            "/spec/crds/web/enabled: expected boolean",
            "/spec/crds/web/operatorBox/reconcile/workers: above maximum 50",
            "/spec/crds/web/operatorBox/reconcile/onCreate/configMaps/0: unknown key 'dta'");
  }

  @Test
  void katalogWithImportsIsRejectedLikeTheLoaderDoes() throws IOException {
    JsonNode doc = YAML.readTree(
        "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: x}\n"
            + "spec: {crds: {}}\nimports: {files: [a.yaml]}\n");

    assertThat(violations(KatalogInterpreter.jsonSchema("Katalog"), doc))
        .containsExactly(": unknown key 'imports'");
    assertThat(violations(KatalogInterpreter.jsonSchema("Komposer"), doc))
        .containsExactly("/kind: expected const Komposer");
  }

  @Test
  void unknownKindIsRejected() {
    assertThatThrownBy(() -> KatalogInterpreter.jsonSchema("E2E"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no JSON Schema for kind 'E2E' (expected one of [Katalog, Komposer, Motif])");
  }

  // ------------------------------------------------------------ minimal structural validator

  /** Checks the keywords the generator emits; returns one line per violation. */
  static List<String> violations(JsonNode schema, JsonNode doc) {
    List<String> out = new ArrayList<>();
    check(schema, schema, doc, "", out);
    return out;
  }

  private static void check(JsonNode root, JsonNode s, JsonNode v, String at, List<String> out) {
    if (s.has("$ref")) {
      String ref = s.get("$ref").asText();
      check(root, root.at(ref.substring(1)), v, at, out);
    }
    if (s.has("type") && !typeMatches(s.get("type"), v)) {
      out.add(at + ": expected " + (s.get("type").isArray() ? s.get("type").toString()
          : s.get("type").asText()));
      return;
    }
    if (s.has("const") && !s.get("const").equals(v)) {
      out.add(at + ": expected const " + s.get("const").asText());
    }
    if (s.has("enum") && !contains(s.get("enum"), v)) {
      out.add(at + ": not one of " + s.get("enum"));
    }
    if (s.has("minimum") && v.isNumber() && v.asDouble() < s.get("minimum").asDouble()) {
      out.add(at + ": below minimum " + s.get("minimum"));
    }
    if (s.has("maximum") && v.isNumber() && v.asDouble() > s.get("maximum").asDouble()) {
      out.add(at + ": above maximum " + s.get("maximum"));
    }
    if (s.has("minLength") && v.isTextual() && v.asText().length() < s.get("minLength").asInt()) {
      out.add(at + ": shorter than " + s.get("minLength"));
    }
    if (s.has("pattern") && v.isTextual()
        && !java.util.regex.Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
      out.add(at + ": does not match " + s.get("pattern").asText());
    }
    if (s.has("anyOf")) {
      boolean any = false;
      for (JsonNode alt : s.get("anyOf")) {
        any |= violationsAt(root, alt, v, at).isEmpty();
      }
      if (!any) {
        out.add(at + ": matches none of anyOf");
      }
    }
    if (v.isObject()) {
      for (JsonNode r : s.path("required")) {
        if (!v.has(r.asText())) {
          out.add(at + ": missing required key '" + r.asText() + "'");
        }
      }
      for (Map.Entry<String, JsonNode> f : v.properties()) {
        String child = at + "/" + f.getKey();
        if (s.has("propertyNames")) {
          check(root, s.get("propertyNames"), JSON.getNodeFactory().textNode(f.getKey()),
              child + " (name)", out);
        }
        JsonNode p = s.path("properties").get(f.getKey());
        if (p != null) {
          check(root, p, f.getValue(), child, out);
        } else if (s.has("additionalProperties")) {
          JsonNode ap = s.get("additionalProperties");
          if (ap.isBoolean() && !ap.asBoolean()) {
            out.add(at + ": unknown key '" + f.getKey() + "'");
          } else if (ap.isObject()) {
            check(root, ap, f.getValue(), child, out);
          }
        }
      }
    }
    if (v.isArray() && s.has("items")) {
      for (int i = 0; i < v.size(); i++) {
        check(root, s.get("items"), v.get(i), at + "/" + i, out);
      }
    }
  }

  private static List<String> violationsAt(JsonNode root, JsonNode s, JsonNode v, String at) {
    List<String> out = new ArrayList<>();
    check(root, s, v, at, out);
    return out;
  }

  private static boolean typeMatches(JsonNode type, JsonNode v) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, v)) {
          return true;
        }
      }
      return false;
    }
    switch (type.asText()) {
      case "object":
        return v.isObject();
      case "array":
        return v.isArray();
      case "string":
        return v.isTextual();
      case "boolean":
        return v.isBoolean();
      case "integer":
        return v.isIntegralNumber();
      case "number":
        return v.isNumber();
      case "null":
        return v.isNull();
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
  }

  private static boolean contains(JsonNode values, JsonNode v) {
    for (JsonNode e : values) {
      if (e.equals(v)) {
        return true;
      }
    }
    return false;
  }
}

package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Test fixtures under {@code src/test/resources/fixtures/<area>/}: Katalogs, custom resources and
 * golden files of rendered desired state.
 *
 * <p>Golden files: {@link #assertGolden} compares a rendered state, canonicalised (sorted keys,
 * pretty-printed), with the file; run with {@code -Dorkestra.golden.update=true} to rewrite the
 * golden files in {@code src/test/resources} instead (then review the diff).
 */
public final class Fixtures {

  /** A fixed clock: templates must not depend on wall time. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Fixtures() {}

  /**
   * The path of a fixture on the test classpath.
   *
   * @param relative path under {@code fixtures/}, such as {@code render/all-kinds/katalog.yaml}
   * @return the file or directory
   */
  public static Path path(String relative) {
    URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no fixture fixtures/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The display name the loader uses for a fixture file (its path as passed in).
   *
   * @param relative path under {@code fixtures/}
   * @return the display name
   */
  public static String display(String relative) {
    return path(relative).toString().replace('\\', '/');
  }

  /**
   * Loads the only operator of a fixture Katalog.
   *
   * @param relative path under {@code fixtures/}
   * @return the operator
   */
  public static CompiledOperator operator(String relative) {
    List<CompiledOperator> ops = KatalogInterpreter.load(path(relative));
    assertThat(ops).hasSize(1);
    return ops.get(0);
  }

  /**
   * One custom resource of a fixture manifest file.
   *
   * @param relative path under {@code fixtures/}
   * @param index document index
   * @return the resource
   */
  public static ObjectNode cr(String relative, int index) {
    return KatalogInterpreter.readManifests(path(relative)).get(index);
  }

  /**
   * Interprets with nothing observed and the fixed clock.
   *
   * @param op the operator
   * @param cr the resource
   * @return the desired state
   */
  public static DesiredState interpret(CompiledOperator op, ObjectNode cr) {
    return op.interpret(cr, ObservedState.empty(), CLOCK);
  }

  /**
   * A desired state as one JSON tree: owner, children (key, drift, manifest) and status.
   *
   * @param state the state
   * @return the tree
   */
  public static ObjectNode toJson(DesiredState state) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("owner", state.owner().apiVersion() + " " + state.owner());
    ArrayNode children = root.putArray("children");
    for (ChildResource c : state.children()) {
      ObjectNode child = children.addObject();
      child.put("key", c.key().apiVersion() + " " + c.key());
      child.put("drift", c.drift());
      child.set("manifest", c.manifest());
    }
    root.set("status", state.status());
    return root;
  }

  /**
   * Asserts that a tree equals a golden file (or rewrites the file in update mode).
   *
   * @param relative golden file under {@code fixtures/}
   * @param actual the tree
   */
  public static void assertGolden(String relative, JsonNode actual) {
    String rendered = canonical(actual);
    if (Boolean.getBoolean("orkestra.golden.update")) {
      Path source = Path.of("src", "test", "resources", "fixtures", relative);
      try {
        Files.createDirectories(source.getParent());
        Files.writeString(source, rendered, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    String golden;
    try {
      golden = canonical(JSON.readTree(Files.readString(path(relative), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(rendered).as("golden file fixtures/%s", relative).isEqualTo(golden);
  }

  private static String canonical(JsonNode node) {
    try {
      return JSON.writeValueAsString(sorted(node)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(sorted(it.next()));
      }
      return out;
    }
    return node;
  }
}

package io.orkestra.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OperatorSpec;
import io.orkestra.watch.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Loads test fixtures from {@code src/test/resources/fixtures/watch/}. */
public final class Fixtures {

  private Fixtures() {}

  /**
   * A JSON manifest fixture.
   *
   * @param name file name under {@code fixtures/watch/}
   * @return a fresh tree
   */
  public static ObjectNode manifest(String name) {
    String path = "/fixtures/watch/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code WebApp} operator spec used by the tests ({@code demo.orkestra.io/v1}, plural {@code
   * webapps}, namespaced).
   *
   * @param crd a {@code crdFile} manifest, or {@code null} to let the runtime generate one
   * @return the spec
   */
  public static OperatorSpec webAppSpec(@Nullable ObjectNode crd) {
    return new OperatorSpec(
        "webapps",
        "demo-katalog",
        "demo.orkestra.io",
        "v1",
        "WebApp",
        "webapps",
        true,
        2,
        crd,
        List.of());
  }
}

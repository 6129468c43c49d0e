package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.orkestra.core.CompiledOperator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Komposer {@code imports.helm}: local charts rendered with values, valueFiles and inline values;
 * charts from a Helm repository served on 127.0.0.1 (index.yaml + a .tgz packed here); every kind
 * of failure as a positioned diagnostic.
 */
class KomposerHelmImportTest {

  private static final String CHART_YAML = "apiVersion: v2\nname: remote-katalog\nversion: 1.2.0\n";
  private static final String KATALOG_TEMPLATE =
      """
      apiVersion: orkestra.orkspace.io/v1
      kind: Katalog
      metadata: {name: remote}
      spec:
        crds:
          {{ .Values.name }}:
            apiTypes: {group: example.com, version: v1, kind: Remote, plural: remotes}
            operatorBox:
              reconcile:
                onReconcile:
                  configMaps:
                    - name: {{ "{{ .metadata.name }}" | quote }}
                      data: {version: {{ .Chart.Version | quote }}}
      """;

  @TempDir Path temp;
  private HttpServer server;
  private String base;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    byte[] tgz =
        tgz(
            Map.of(
                "remote-katalog/Chart.yaml", CHART_YAML,
                "remote-katalog/values.yaml", "name: remote\n",
                "remote-katalog/templates/katalog.yaml", KATALOG_TEMPLATE));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(path);
          byte[] body =
              switch (path) {
                case "/charts/index.yaml" ->
                    ("apiVersion: v1\nentries:\n  remote-katalog:\n"
                            + "    - {name: remote-katalog, version: 1.2.0, urls: [remote-katalog-1.2.0.tgz]}\n"
                            + "    - {name: remote-katalog, version: 1.1.0, urls: [remote-katalog-1.1.0.tgz]}\n")
                        .getBytes(StandardCharsets.UTF_8);
                case "/charts/remote-katalog-1.2.0.tgz" -> tgz;
                default -> null;
              };
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private LoadOptions cacheInTemp() {
    return LoadOptions.defaults().withEnvironment(Map.of("ORK_CACHE", temp.resolve("cache").toString()));
  }

  private Path komposer(String helmItems) throws IOException {
    Path file = temp.resolve("komposer.yaml");
    Files.writeString(
        file,
        "apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: p}\n"
            + "imports:\n  helm:\n"
            + helmItems);
    return file;
  }

  private static List<String> messages(Path file, LoadOptions options) {
    try {
      KatalogInterpreter.load(file, options);
    } catch (KatalogException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected a failure");
  }

  // ---------------------------------------------------------------- local charts

  @Test
  void rendersALocalChartWithValuesFilesAndInlineValuesDeepMerged() {
    ObjectNode expanded = KatalogInterpreter.expand(Fixtures.path("komposer/helm/komposer.yaml"));

    JsonNode cm =
        expanded.at("/spec/crds/greeter/operatorBox/reconcile/onReconcile/configMaps/0");
    assertThat(cm.path("data").path("greeting").asText()).isEqualTo("hello from the Komposer");
    assertThat(cm.path("data").path("tier").asText()).isEqualTo("prod"); // valueFiles
    assertThat(cm.path("data").path("region").asText()).isEqualTo("eu-west-1"); // deep merge kept
    assertThat(cm.path("data").path("appVersion").asText()).isEqualTo("1.4.2");
    assertThat(cm.path("data").path("release").asText()).isEqualTo("orkestra-render");
    // include + nindent from _helpers.tpl
    assertThat(cm.path("data").path("managedBy").asText()).isEqualTo("Helm");
    assertThat(cm.path("data").path("chart").asText()).isEqualTo("greeter-katalog-0.3.0");
  }

  @Test
  void escapedKatalogTemplatesSurviveHelmRenderingAndRunPerCustomResource() {
    List<CompiledOperator> ops = KatalogInterpreter.load(Fixtures.path("komposer/helm/komposer.yaml"));

    assertThat(ops).extracting(op -> op.spec().name()).containsExactly("greeter");
    assertThat(ops.get(0).spec().group()).isEqualTo("demo.orkestra.io");
    ObjectNode expanded = KatalogInterpreter.expand(Fixtures.path("komposer/helm/komposer.yaml"));
    assertThat(
            expanded.at("/spec/crds/greeter/operatorBox/reconcile/onReconcile/configMaps/0/name").asText())
        .isEqualTo("{{ .metadata.name }}-config");
  }

  @Test
  void aMissingChartDirectoryIsAPositionedError() throws Exception {
    Path file = komposer("    - path: ./nowhere\n");

    assertThat(messages(file, LoadOptions.defaults()))
        .containsExactly(
            file + ":6:13: helm chart directory not found: " + temp.resolve("nowhere"));
  }

  @Test
  void anUnknownKeyInAHelmItemSuggestsTheRightOne() throws Exception {
    Path file = komposer("    - path: ./chart\n      valuesFiles: [a.yaml]\n");

    assertThat(messages(file, LoadOptions.defaults()))
        .containsExactly(
            file + ":7:7: unknown key 'valuesFiles' in imports.helm[0] (did you mean 'valueFiles'?)");
  }

  @Test
  void aChartRenderingNoKatalogIsAnError() throws Exception {
    Path chart = temp.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: plain\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}}\n");
    Path file = komposer("    - {path: ./chart}\n");

    assertThat(messages(file, LoadOptions.defaults()))
        .containsExactly(
            file + ":6:7: helm chart plain (" + chart + ") rendered no kind: Katalog document (1 template)");
  }

  @Test
  void aTemplateErrorPointsIntoTheChartFile() throws Exception {
    Path chart = temp.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/katalog.yaml"),
        "kind: Katalog\nmetadata:\n  name: {{ .Values.name | upperr }}\n");
    Path file = komposer("    - {path: ./chart}\n");

    assertThat(messages(file, LoadOptions.defaults()))
        .singleElement()
        .asString()
        .startsWith(chart.resolve("templates/katalog.yaml") + ":3:")
        .contains("helm chart broken: ")
        .contains("upperr");
  }

  @Test
  void requiredFailsWithItsMessageAtTheChartPosition() throws Exception {
    Path chart = temp.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: strict\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/katalog.yaml"),
        "kind: Katalog\nmetadata:\n  name: {{ required \"set values.name\" .Values.name }}\n");
    Path file = komposer("    - {path: ./chart}\n");

    assertThat(messages(file, LoadOptions.defaults()))
        .singleElement()
        .asString()
        .startsWith(chart.resolve("templates/katalog.yaml") + ":3:")
        .contains("set values.name");
  }

  @Test
  void aProblemInARenderedKatalogNamesTheRenderedChartFile() throws Exception {
    Path chart = temp.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: typo\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("templates/katalog.yaml"),
        KATALOG_TEMPLATE.replace("operatorBox:", "operatorBx:"));
    Files.writeString(chart.resolve("values.yaml"), "name: typo\n");
    Path file = komposer("    - {path: ./chart}\n");

    assertThat(messages(file, LoadOptions.defaults()))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(chart.resolve("templates/katalog.yaml") + " (rendered):8:")
                    .contains("operatorBx"));
  }

  // ---------------------------------------------------------------- Helm repositories

  @Test
  void downloadsAChartFromAHelmRepositoryAndCachesIt() throws Exception {
    Path file =
        komposer("    - {repo: " + base + "/charts, chart: remote-katalog, version: 1.2.0}\n");

    List<CompiledOperator> ops = KatalogInterpreter.load(file, cacheInTemp());
    assertThat(ops).extracting(op -> op.spec().kind()).containsExactly("Remote");
    assertThat(requests).containsExactly("/charts/index.yaml", "/charts/remote-katalog-1.2.0.tgz");

    ObjectNode again = KatalogInterpreter.expand(file, cacheInTemp());
    assertThat(requests).hasSize(2); // served from $ORK_CACHE/helm
    assertThat(
            again.at("/spec/crds/remote/operatorBox/reconcile/onReconcile/configMaps/0/data/version").asText())
        .isEqualTo("1.2.0");
    assertThat(temp.resolve("cache/helm/repo")).isDirectoryContaining(p -> Files.isDirectory(p));
  }

  @Test
  void withoutAVersionTheHighestOneIsPicked() throws Exception {
    Path file = komposer("    - {repo: " + base + "/charts, chart: remote-katalog}\n");

    assertThat(KatalogInterpreter.load(file, cacheInTemp())).hasSize(1);
    assertThat(requests).contains("/charts/remote-katalog-1.2.0.tgz");
  }

  @Test
  void anUnknownVersionListsTheAvailableOnes() throws Exception {
    String item = "    - {repo: " + base + "/charts, chart: remote-katalog, version: 9.9.9}\n";
    Path file = komposer(item);
    int column = item.indexOf("9.9.9") + 1;

    assertThat(messages(file, cacheInTemp()))
        .containsExactly(
            file + ":6:" + column + ": version 9.9.9 of chart 'remote-katalog' is not in " + base
                + "/charts/index.yaml (available: 1.2.0, 1.1.0)");
  }

  @Test
  void aDownloadFailureIsAPositionedError() throws Exception {
    Path file = komposer("    - repo: " + base + "/missing\n      chart: remote-katalog\n");

    assertThat(messages(file, cacheInTemp()))
        .containsExactly(
            file + ":6:13: cannot download helm repository index " + base
                + "/missing/index.yaml: HTTP 404");
  }

  @Test
  void aChartMissingFromTheIndexSuggestsTheNearestName() throws Exception {
    Path file = komposer("    - repo: " + base + "/charts\n      chart: remote-katalgo\n");

    assertThat(messages(file, cacheInTemp()))
        .containsExactly(
            file + ":7:14: chart 'remote-katalgo' is not in " + base
                + "/charts/index.yaml (did you mean 'remote-katalog'?)");
  }

  @Test
  void plainHttpIsRefusedForNonLoopbackRepositories() throws Exception {
    Path file = komposer("    - {repo: http://charts.example.com, chart: app}\n");

    assertThat(messages(file, cacheInTemp()))
        .containsExactly(
            file + ":6:14: helm repository http://charts.example.com must use https (plain http only for localhost)");
  }

  /** A gzip'd ustar archive of the given files, written the way {@code helm package} lays it out. */
  static byte[] tgz(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, String> f : new LinkedHashMap<>(files).entrySet()) {
        byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, f.getKey());
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
          header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
          sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        gz.write(header);
        gz.write(data);
        gz.write(new byte[(512 - data.length % 512) % 512]);
      }
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
  }
}

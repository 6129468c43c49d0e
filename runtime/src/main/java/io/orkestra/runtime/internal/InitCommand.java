package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ork init NAME [--group G] [--dir DIR] [--force]}: scaffolds a simple operator into {@code
 * DIR} (default {@code ./NAME}): {@code katalog.yaml} with one CRD entry whose custom resources get
 * a ConfigMap, a Deployment, a Service and a status; {@code crd.yaml} defining the kind (from
 * {@code NAME}: {@code my-app} gives {@code MyApp}, plural {@code myapps}); and {@code cr.yaml}
 * with one sample custom resource. The result validates with {@code ork validate} and runs with
 * {@code ork run --embedded -f DIR --until-idle}.
 *
 * <p>Existing files are never overwritten without {@code --force}: the command then writes
 * nothing and exits 2 naming them. A {@code NAME} that is not a DNS label, or a group that is not a
 * DNS subdomain with a dot, exits 2 as well.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Scaffold a simple operator: katalog.yaml, crd.yaml and cr.yaml.")
public final class InitCommand implements Callable<Integer> {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+");

  /** Default API group of the scaffolded kind. */
  public static final String DEFAULT_GROUP = "example.com";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME",
      description = "Operator name, a DNS label such as my-app (the kind becomes MyApp).")
  private String name;

  @Option(names = {"-g", "--group"}, paramLabel = "GROUP", defaultValue = DEFAULT_GROUP,
      description = "API group of the custom resource (default: ${DEFAULT-VALUE}).")
  private String group;

  @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
      description = "Directory to create the files in (default: ./NAME).")
  private Path dir;

  @Option(names = "--force", description = "Overwrite existing files.")
  private boolean force;

  /** Used by picocli. */
  public InitCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
      throw new OrkestraException(
          "invalid name '" + name + "': use a DNS label (lowercase letters, digits and '-',"
              + " starting with a letter, at most 63 characters), such as my-app");
    }
    if (group.length() > 253 || !DNS_SUBDOMAIN.matcher(group).matches()) {
      throw new OrkestraException(
          "invalid group '" + group + "': use a lowercase DNS name with a dot, such as"
              + " example.com");
    }
    Path target = dir == null ? Path.of(name) : dir;
    Map<String, String> files = files(name, group);
    List<String> existing = new ArrayList<>();
    for (String file : files.keySet()) {
      if (Files.exists(target.resolve(file))) {
        existing.add(GenerateCommand.display(target.resolve(file)));
      }
    }
    if (!existing.isEmpty() && !force) {
      throw new OrkestraException(
          String.join(", ", existing)
              + (existing.size() == 1 ? " already exists" : " already exist")
              + " (use --force to overwrite)");
    }
    try {
      Files.createDirectories(target);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(target.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        out.println("created " + GenerateCommand.display(target.resolve(f.getKey())));
      }
    } catch (IOException e) {
      throw new OrkestraException("cannot write into " + GenerateCommand.display(target) + ": " + e, e);
    }
    String d = GenerateCommand.display(target);
    out.println("next: ork validate -f " + d + " && ork run --embedded -f " + d + " --until-idle");
    out.flush();
    return 0;
  }

  /**
   * The kind derived from an operator name: each {@code -}-separated part capitalised.
   *
   * @param name a DNS label, such as {@code my-app}
   * @return the kind, such as {@code MyApp}
   */
  public static String kindOf(String name) {
    StringBuilder kind = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        kind.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return kind.toString();
  }

  /**
   * The plural resource name of a kind: lower case plus {@code s} ({@code es} after s, x, z, ch
   * and sh).
   *
   * @param kind the kind
   * @return the plural, such as {@code myapps}
   */
  public static String pluralOf(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    return k.matches(".*(s|x|z|ch|sh)") ? k + "es" : k + "s";
  }

  /** The scaffolded files, by name, in write order. */
  static Map<String, String> files(String name, String group) {
    String kind = kindOf(name);
    String plural = pluralOf(kind);
    Map<String, String> vars = Map.of(
        "NAME", name, "KIND", kind, "PLURAL", plural, "SINGULAR", kind.toLowerCase(Locale.ROOT),
        "GROUP", group);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("katalog.yaml", fill(KATALOG, vars));
    files.put("crd.yaml", fill(CRD, vars));
    files.put("cr.yaml", fill(CR, vars));
    return files;
  }

  private static String fill(String template, Map<String, String> vars) {
    String s = template;
    for (String key : List.of("SINGULAR", "PLURAL", "GROUP", "KIND", "NAME")) {
      s = s.replace("@" + key + "@", vars.get(key));
    }
    return s;
  }

  private static final String KATALOG = """
      # @NAME@: one CRD (@KIND@) whose operator serves a web page per custom resource:
      # a ConfigMap with the page, a Deployment running nginx, a Service, and a status.
      # Check it: ork validate -f .    Run it: ork run --embedded -f . --until-idle
      apiVersion: orkestra.orkspace.io/v1
      kind: Katalog
      metadata:
        name: @NAME@
        description: A ConfigMap, a Deployment and a Service per @KIND@.
      spec:
        crds:
          @NAME@:
            description: A web page served by nginx.
            crdFile: crd.yaml            # group, version, kind, plural and scope come from the CRD
            crFiles: [cr.yaml]           # applied in dev/embedded mode after the CRD
            operatorBox:
              reconcile:
                workers: 2
                resync: 1m
                onCreate:                # created once
                  configMaps:
                    - name: "{{ .metadata.name }}-page"
                      data:
                        index.html: "<h1>{{ .spec.message | default \\"Hello from Orkestra\\" }}</h1>"
                onReconcile:             # applied and drift-corrected on every reconcile
                  deployments:
                    - name: "{{ .metadata.name }}"
                      image: "{{ .spec.image | default \\"nginx:1.27\\" }}"
                      replicas: "{{ .spec.replicas | default 1 }}"
                      port: "80"
                      labels:
                        app.kubernetes.io/part-of: "{{ .metadata.name }}"
                  services:
                    - name: "{{ .metadata.name }}"
                      port: "80"
                      targetPort: "80"
              emit:
                status:
                  fields:
                    - path: endpoint
                      value: "{{ .metadata.name }}.{{ .metadata.namespace }}.svc.cluster.local"
                    - path: replicas
                      type: int
                      value: "{{ .spec.replicas | default 1 }}"
      """;

  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: @PLURAL@.@GROUP@
      spec:
        group: @GROUP@
        scope: Namespaced
        names:
          kind: @KIND@
          listKind: @KIND@List
          plural: @PLURAL@
          singular: @SINGULAR@
        versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      image:
                        type: string
                        description: Container image (default nginx:1.27).
                      replicas:
                        type: integer
                        minimum: 0
                        description: Number of pods (default 1).
                      message:
                        type: string
                        description: Text of the served page.
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
      """;

  private static final String CR = """
      # A sample @KIND@, applied by `ork run --embedded` (crFiles).
      apiVersion: @GROUP@/v1
      kind: @KIND@
      metadata:
        name: @NAME@-sample
        namespace: default
      spec:
        replicas: 1
        message: Hello from @NAME@
      """;
}

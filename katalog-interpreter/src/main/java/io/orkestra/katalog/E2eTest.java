package io.orkestra.katalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A loaded {@code kind: E2E} document ({@code e2e.yaml}): a declarative end-to-end test that
 * Orkestra's {@code ork e2e} runs against a real (kind) cluster. Read and validated with {@link
 * KatalogInterpreter#loadE2e}; this build does not run it.
 *
 * <p>The schema is Orkestra's ({@code apiVersion: orkestra.orkspace.io/v1}):
 *
 * <pre>
 * kind: E2E
 * metadata: {name: webapp-e2e, description: ...}
 * imports: [./auth-e2e.yaml, {path: ./infra-e2e.yaml, freshCluster: true, wait: 10s}]
 * spec:
 *   katalog: ./katalog.yaml            # optional with custom.target or init
 *   crd: ./crd.yaml                    # and/or crdFiles: [...]
 *   cr: ./cr.yaml                      # and/or crFiles: [...]
 *   custom: {target: kubernetes}       # or container: not an Orkestra operator
 *   init: {pack: beginner, example: webapp}
 *   cluster: {provider: kind, name: ork-e2e, reuse: false}
 *   setup:                             # or a plain list of files to apply
 *     apply: [./prereqs/ns.yaml, {path: ./secret.yaml, wait: [{kind: Secret, name: s}]}]
 *     helm: [{repo: https://..., chart: cert-manager, version: v1.14.0, wait: [...]}]
 *     wait: [{kind: Deployment, name: x, namespace: y, ready: true, timeout: 120s}]
 *   valuesFiles: [./values.yaml]
 *   notes: {...}
 *   expect:                            # the steps, in order
 *     - name: deployment created
 *       after: cr-applied              # setup-complete | cr-applied | cr-deleted
 *       timeout: 60s
 *       wait: 5s
 *       resources: [{kind: Deployment, name: web, namespace: default, count: 1, ready: true}]
 *       commands: [{run: "kubectl get cm web", exitCode: 0, outputContains: web}]
 *       kubectl: {get: [...], logs: [...], ...}
 *       when: [...]; or: [...]
 *       onFailure: {kubectl: {...}, commands: [...]}
 *     - include: ./more-expectations.yaml   # a YAML list of steps, expanded in place
 *   onFailure: {kubectl: {...}, commands: [...]}
 * </pre>
 *
 * @param file the E2E file as the user named it
 * @param path the E2E file
 * @param name {@code metadata.name}
 * @param description {@code metadata.description}, or {@code null}
 * @param imports other E2E files run after this one, resolved against this file's directory
 * @param katalog {@code spec.katalog}, or {@code null} (custom target, example pack, or an
 *     imports-only file)
 * @param crdFiles {@code spec.crd} then {@code spec.crdFiles}
 * @param crFiles {@code spec.cr} then {@code spec.crFiles}
 * @param customTarget {@code spec.custom.target}, or {@code null}
 * @param cluster {@code spec.cluster} with defaults filled in
 * @param setupFiles the manifests {@code spec.setup} applies, in order
 * @param valuesFiles {@code spec.valuesFiles}
 * @param steps {@code spec.expect} with includes expanded
 */
public record E2eTest(
    String file,
    Path path,
    String name,
    @Nullable String description,
    List<Path> imports,
    @Nullable Path katalog,
    List<Path> crdFiles,
    List<Path> crFiles,
    @Nullable String customTarget,
    Cluster cluster,
    List<Path> setupFiles,
    List<Path> valuesFiles,
    List<Step> steps) {

  /** Null checks and immutable copies. */
  public E2eTest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    imports = List.copyOf(Objects.requireNonNull(imports, "imports"));
    crdFiles = List.copyOf(Objects.requireNonNull(crdFiles, "crdFiles"));
    crFiles = List.copyOf(Objects.requireNonNull(crFiles, "crFiles"));
    setupFiles = List.copyOf(Objects.requireNonNull(setupFiles, "setupFiles"));
    valuesFiles = List.copyOf(Objects.requireNonNull(valuesFiles, "valuesFiles"));
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
  }

  /**
   * {@code spec.cluster}.
   *
   * @param provider the cluster provider ({@code kind}, the only one)
   * @param name the cluster name (default {@code ork-e2e})
   * @param reuse whether an existing cluster is reused instead of recreated
   */
  public record Cluster(String provider, String name, boolean reuse) {
    /** Null checks. */
    public Cluster {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(name, "name");
    }
  }

  /** When a step runs (its {@code after} key). */
  public enum After {
    /** After every setup step, before the custom resource is applied. */
    SETUP_COMPLETE("setup-complete"),
    /** After the custom resources are applied. */
    CR_APPLIED("cr-applied"),
    /** After the custom resources are deleted. */
    CR_DELETED("cr-deleted");

    private final String yaml;

    After(String yaml) {
      this.yaml = yaml;
    }

    /**
     * The spelling in YAML.
     *
     * @return such as {@code cr-applied}
     */
    public String yaml() {
      return yaml;
    }
  }

  /**
   * One expectation ({@code spec.expect[i]}, or an entry of an included file).
   *
   * @param name what the results table prints
   * @param after the lifecycle event it follows
   * @param timeout how long it may poll, or {@code null} for the runner's default
   * @param delay {@code wait}: a pause before polling starts, or {@code null}
   * @param resources resource checks
   * @param commands shell command checks
   * @param kubectl the kubectl operations it uses ({@code get}, {@code logs}, ...), one per entry,
   *     in order
   * @param conditional whether {@code when}/{@code or} gate it
   * @param pos where the step is written
   */
  public record Step(
      String name,
      After after,
      @Nullable Duration timeout,
      @Nullable Duration delay,
      List<ResourceCheck> resources,
      List<Command> commands,
      List<String> kubectl,
      boolean conditional,
      Position pos) {
    /** Null checks and immutable copies. */
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(pos, "pos");
      resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
      commands = List.copyOf(Objects.requireNonNull(commands, "commands"));
      kubectl = List.copyOf(Objects.requireNonNull(kubectl, "kubectl"));
    }
  }

  /**
   * A resource check.
   *
   * @param kind the resource kind
   * @param name the resource name, or {@code null} for any of the kind
   * @param namespace the namespace, or {@code null} for {@code default}
   * @param count the exact number expected, or {@code null} for "at least one"
   * @param ready whether it must be ready (Deployments)
   */
  public record ResourceCheck(
      String kind, @Nullable String name, @Nullable String namespace, @Nullable Integer count,
      boolean ready) {
    /** Null check. */
    public ResourceCheck {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * A shell command check.
   *
   * @param run the command ({@code sh -c})
   * @param exitCode the expected exit code
   * @param assertions the output assertions it declares ({@code outputContains}, {@code regex},
   *     ...)
   */
  public record Command(String run, int exitCode, List<String> assertions) {
    /** Null checks and an immutable copy. */
    public Command {
      Objects.requireNonNull(run, "run");
      assertions = List.copyOf(Objects.requireNonNull(assertions, "assertions"));
    }
  }

  /**
   * Where something is written.
   *
   * @param file the file as the user named it
   * @param line 1-based line
   * @param column 1-based column
   */
  public record Position(String file, int line, int column) {
    /** Null check. */
    public Position {
      Objects.requireNonNull(file, "file");
    }

    /** {@code file:line:column}. */
    @Override
    public String toString() {
      return file + ":" + line + ":" + column;
    }
  }
}

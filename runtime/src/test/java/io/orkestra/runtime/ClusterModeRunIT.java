package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orkestra.runtime.internal.EmbeddedApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ork run} without {@code --embedded}: the cluster comes from a kubeconfig and Kafka from
 * {@code --bootstrap-server}. The "cluster" is an API server the test starts (fabric8's mock, so
 * the apply strategy is {@code update}: it has no server-side apply).
 */
class ClusterModeRunIT {

  @Test
  void runsAgainstTheKubeconfigClusterAndTheGivenBroker() throws Exception {
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start()) {
      Path kubeconfig = cluster.writeKubeconfig(Files.createTempFile("kubeconfig", ".yaml"));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = OrkCli.execute(new String[] {
            "run", "-f", "../examples/quickstart", "--kubeconfig", kubeconfig.toString(),
            "--bootstrap-server", TestKafka.bootstrapServers(), "--topic", "cluster-it-" + System.nanoTime(),
            "--apply-strategy", "update", "--until-idle", "--timeout", "120s"},
          new PrintWriter(out, true), new PrintWriter(err, true));

      assertThat(code).as("stderr: %s", err).isZero();
      assertThat(out.toString()).contains("reconciled 3/3 resources, published 3 events");
      Deployment d = cluster.client().apps().deployments().inNamespace("default").withName("webapp-1").get();
      assertThat(d).isNotNull();
      assertThat(d.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("WebApp"));
    }
  }

  @Test
  void missingKubeconfigFileExitsTwo() {
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(new String[] {
          "run", "-f", "../examples/quickstart", "--kubeconfig", "no-such-kubeconfig.yaml",
          "--bootstrap-server", "127.0.0.1:1", "--until-idle", "--timeout", "5s"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("kubeconfig not found: no-such-kubeconfig.yaml");
  }

  @Test
  void leaseOptionsWithoutLeaderElectExitTwo() {
    StringWriter err = new StringWriter();
    int code = OrkCli.execute(new String[] {
          "run", "-f", "../examples/quickstart", "--bootstrap-server", "127.0.0.1:1",
          "--lease-name", "mine", "--until-idle", "--timeout", "5s"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--lease-name and --lease-namespace need --leader-elect");
  }
}

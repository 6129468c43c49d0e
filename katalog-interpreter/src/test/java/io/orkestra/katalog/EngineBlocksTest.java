package io.orkestra.katalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.NamespaceFilter;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.QueuePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code queue}, {@code requeue} and namespace blocks as they reach the runtime. */
class EngineBlocksTest {

  static ObjectNode app(String mode, String every) {
    ObjectNode cr = JsonNodeFactory.instance.objectNode();
    cr.put("apiVersion", "demo.orkestra.io/v1").put("kind", "App");
    cr.putObject("metadata").put("name", "a").put("namespace", "team-a");
    cr.putObject("spec").put("mode", mode).put("every", every);
    return cr;
  }

  @Test
  void readsGroupedShapeIntoSpec() {
    OperatorSpec spec = Fixtures.operator("engine/grouped.yaml").spec();

    assertThat(spec.queue())
        .isEqualTo(
            new QueuePolicy(3, 100, Duration.ofSeconds(2), Duration.ofMinutes(1), 1.5, 10,
                Duration.ofMinutes(5)));
    assertThat(spec.namespaces())
        .isEqualTo(new NamespaceFilter("team-a", Set.of("team-a", "team-b"), Set.of("kube-system")));
  }

  @Test
  void readsLegacyShapeShorthandBackoffListRequeueAndKatalogProtection() {
    OperatorSpec spec = Fixtures.operator("engine/legacy.yaml").spec();

    assertThat(spec.queue().initialBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(spec.queue().maxBackoff()).isNull();
    assertThat(spec.queue().failureThreshold()).isEqualTo(QueuePolicy.DEFAULT_FAILURE_THRESHOLD);
    assertThat(spec.queue().maxDepth()).isZero();
    assertThat(spec.queue().requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.namespaces().restricted()).containsExactlyInAnyOrder("kube-system", "kube-public");
    assertThat(spec.namespaces().admits("team-a")).isTrue();
    assertThat(spec.namespaces().admits("kube-public")).isFalse();
  }

  @Test
  void defaultsWithoutEngineBlocks() {
    OperatorSpec spec = Fixtures.operator("load/grouped/katalog.yaml").spec();

    assertThat(spec.queue()).isEqualTo(QueuePolicy.defaults());
    assertThat(spec.namespaces().isAll()).isTrue();
  }

  @Test
  void evaluatesConditionalAndTemplatedRequeuePerResource() {
    CompiledOperator op = Fixtures.operator("engine/conditional.yaml");

    assertThat(op.spec().queue().requeueAfter()).as("no unconditional delay").isZero();
    assertThat(op.requeueAfter(app("poll", "45s"), Fixtures.CLOCK)).isEqualTo(Duration.ofSeconds(45));
    assertThat(op.requeueAfter(app("slow", "45s"), Fixtures.CLOCK)).isEqualTo(Duration.ofMinutes(10));
    assertThat(op.requeueAfter(app("push", "45s"), Fixtures.CLOCK)).isZero();
    assertThat(op.requeueAfter(app("poll", "whenever"), Fixtures.CLOCK))
        .as("a templated delay that is not a duration means no requeue")
        .isZero();
  }

  @Test
  void reportsInvalidQueueValuesWithPositions() {
    Path path = Fixtures.path("engine/invalid.yaml");
    List<Diagnostic> diagnostics;
    try {
      KatalogInterpreter.load(path);
      throw new AssertionError("expected engine/invalid.yaml to fail loading");
    } catch (KatalogException e) {
      diagnostics = e.diagnostics();
    }
    assertThat(diagnostics)
        .extracting(d -> d.line() + ":" + d.column() + " " + d.message())
        .containsExactlyInAnyOrder(
            "12:23 spec.crds.app.operatorBox.reconcile.queue.maxDepth must be a whole number >= 0"
                + " (0 = unlimited), got a number '-1'",
            "13:46 spec.crds.app.operatorBox.reconcile.queue.retryBackoff.max (1s) must not be"
                + " shorter than spec.crds.app.operatorBox.reconcile.queue.retryBackoff.initial (1m)",
            "13:62 spec.crds.app.operatorBox.reconcile.queue.retryBackoff.multiplier must be a"
                + " number >= 1, got '0.5'",
            "15:20 spec.crds.app.operatorBox.reconcile.requeue.after must be a duration such as"
                + " 30s or 5m: invalid duration 'soon'");
  }
}

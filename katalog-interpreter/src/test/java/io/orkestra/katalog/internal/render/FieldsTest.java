package io.orkestra.katalog.internal.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.CompiledOperator;
import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.Fixtures;
import org.junit.jupiter.api.Test;

/** Coercion of rendered shorthand fields to the types Kubernetes needs, and its errors. */
class FieldsTest {

  @Test
  void failsWithThePositionFieldAndValueWhenAReplicaCountIsNotANumber() {
    String file = Fixtures.display("render/errors/shorthand-types.yaml");
    CompiledOperator op = Fixtures.operator("render/errors/shorthand-types.yaml");

    assertThatThrownBy(() -> Fixtures.interpret(op, Fixtures.cr("render/errors/cr.yaml", 0)))
        .isExactlyInstanceOf(OrkestraException.class)
        .hasMessage(
            file
                + ":13:28:"
                + " spec.crds.webapp.operatorBox.reconcile.onReconcile.statefulSets[0].replicas"
                + " must render to an integer from 0 to 1000000, got 'large' (default/webapp-1)");
  }

  @Test
  void failsWithThePositionFieldAndValueWhenABooleanIsNeitherTrueNorFalse() {
    String file = Fixtures.display("render/errors/shorthand-bool.yaml");
    CompiledOperator op = Fixtures.operator("render/errors/shorthand-bool.yaml");

    assertThatThrownBy(() -> Fixtures.interpret(op, Fixtures.cr("render/errors/cr.yaml", 0)))
        .isExactlyInstanceOf(OrkestraException.class)
        .hasMessage(
            file
                + ":14:27:"
                + " spec.crds.webapp.operatorBox.reconcile.onReconcile.cronJobs[0].suspend must"
                + " render to true or false, got 'large' (default/webapp-1)");
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;

/**
 * One CRD entry of a Katalog after loading: templates parsed, motifs expanded. Interpreting is
 * pure: no I/O, no clock reads except through the given clock, so the same code runs in the
 * runtime and in {@code ork simulate}.
 */
public interface CompiledOperator {

  /**
   * What this operator manages.
   *
   * @return the CRD description
   */
  OperatorSpec spec();

  /**
   * Computes the desired children and status of one custom resource. CPU only; callers run it on
   * a {@code parallel()} worker, never on an event loop.
   *
   * @param cr the custom resource as last seen (read-only)
   * @param observed the children that exist now
   * @param clock the clock time functions read
   * @return the desired state
   * @throws OrkestraException when a template or rule fails for this resource (a per-item failure:
   *     the reconcile is reported as failed and retried)
   */
  DesiredState interpret(ObjectNode cr, ObservedState observed, Clock clock);

  /**
   * How long after a successful reconcile of {@code cr} it runs again ({@code requeue.after}). The
   * default is the static {@link QueuePolicy#requeueAfter()} of {@link #spec()}; interpreters
   * override it when the delay or its {@code when}/{@code or} conditions depend on the resource.
   * CPU only, like {@link #interpret}.
   *
   * @param cr the custom resource as last seen (read-only)
   * @param clock the clock time functions read
   * @return the delay, {@link Duration#ZERO} for no requeue
   */
  default Duration requeueAfter(ObjectNode cr, Clock clock) {
    return spec().queue().requeueAfter();
  }
}

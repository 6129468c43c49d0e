/**
 * The {@code ork} command line and the runtime that wires every module: Katalogs loaded by the
 * interpreter, watch sources and applier on a Kubernetes API, the reconcile loop, and the event
 * sinks. {@link io.orkestra.runtime.OrkCli} is the command line, {@link
 * io.orkestra.runtime.OrkestraRuntime} the embeddable runtime.
 */
@NullMarked
package io.orkestra.runtime;

import org.jspecify.annotations.NullMarked;

/**
 * {@code ork simulate}: runs a Katalog's operators through the runtime's own reconcile loop against
 * an in-memory fake cluster for a fixed number of cycles, records what each cycle wrote, and checks
 * the assertions of a {@code kind: Simulate} file. No network, no API server, a fixed clock.
 */
@NullMarked
package io.orkestra.runtime.internal.simulate;

import org.jspecify.annotations.NullMarked;

/**
 * The data model and the contracts between Orkestra-J modules: watch events in, desired state and
 * actions in the middle, reconciliation events out; plus the keyed work queue and reconcile loop
 * ({@link io.orkestra.core.OperatorRuntime}) that ties them together with Reactor.
 */
@NullMarked
package io.orkestra.core;

import org.jspecify.annotations.NullMarked;

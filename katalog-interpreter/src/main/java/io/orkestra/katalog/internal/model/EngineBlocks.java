package io.orkestra.katalog.internal.model;

import io.orkestra.core.NamespaceFilter;
import io.orkestra.core.QueuePolicy;
import java.util.List;
import java.util.Objects;

/**
 * The reconcile-engine settings of one CRD entry: {@code operatorBox.reconcile.queue}, {@code
 * operatorBox.reconcile.requeue} (legacy {@code operatorBox.reconciler.*}) and the namespace
 * guards ({@code namespace}, {@code allowedNamespaces}, {@code restrictedNamespaces}, also under
 * {@code operatorBox.runtime}, plus the Katalog's {@code security.namespaceProtection} lists).
 *
 * @param queue the queue policy; its {@code requeueAfter} is the unconditional static delay, if
 *     that is all {@code requeue} declares
 * @param namespaces the namespace filter
 * @param requeue the {@code requeue} entries in order (the first whose conditions pass wins)
 */
public record EngineBlocks(QueuePolicy queue, NamespaceFilter namespaces, List<RequeueRule> requeue) {

  /** Nothing declared: the defaults. */
  public static final EngineBlocks DEFAULTS =
      new EngineBlocks(QueuePolicy.defaults(), NamespaceFilter.all(), List.of());

  /** Null checks and an immutable copy. */
  public EngineBlocks {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(namespaces, "namespaces");
    requeue = List.copyOf(requeue);
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One child object the operator wants to exist, fully rendered.
 *
 * @param key identity of the child
 * @param manifest the complete manifest ({@code apiVersion}, {@code kind}, {@code metadata}, ...)
 * @param drift {@code true} when an existing child must be brought back to this manifest on every
 *     reconcile ({@code onReconcile} or {@code reconcile: true}); {@code false} for create-only
 *     ({@code onCreate}) children
 */
public record ChildResource(ResourceKey key, ObjectNode manifest, boolean drift) {
  /** Null checks. */
  public ChildResource {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(manifest, "manifest");
  }
}

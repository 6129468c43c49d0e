package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Something changed for one object. Watch handling is level-triggered: consumers use the newest
 * event per {@link #key()} and treat the {@link #object()} as the current state.
 *
 * <p>The object is a read-only snapshot; copy it ({@code deepCopy()}) before changing it.
 */
public sealed interface WatchEvent {

  /**
   * The object's identity.
   *
   * @return the key
   */
  ResourceKey key();

  /**
   * The object as last seen (for {@link Deleted}: its last known state).
   *
   * @return the object tree
   */
  ObjectNode object();

  /** The object appeared. */
  record Added(ResourceKey key, ObjectNode object) implements WatchEvent {
    /** Null checks. */
    public Added {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(object, "object");
    }
  }

  /** The object changed. */
  record Modified(ResourceKey key, ObjectNode object) implements WatchEvent {
    /** Null checks. */
    public Modified {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(object, "object");
    }
  }

  /** The object is gone. */
  record Deleted(ResourceKey key, ObjectNode object) implements WatchEvent {
    /** Null checks. */
    public Deleted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(object, "object");
    }
  }

  /** Periodic resync: nothing changed, reconcile anyway (drift correction). */
  record Resynced(ResourceKey key, ObjectNode object) implements WatchEvent {
    /** Null checks. */
    public Resynced {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(object, "object");
    }
  }
}

package io.orkestra.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One write the applier must perform on a child: create, patch or delete. */
public sealed interface Action {

  /**
   * Which child this action writes.
   *
   * @return the child's key
   */
  ResourceKey key();

  /**
   * The verb as published in reconciliation events.
   *
   * @return {@code created}, {@code updated} or {@code deleted}
   */
  String verb();

  /** Create a child that does not exist. */
  record Create(ChildResource desired) implements Action {
    /** Null check. */
    public Create {
      Objects.requireNonNull(desired, "desired");
    }

    @Override
    public ResourceKey key() {
      return desired.key();
    }

    @Override
    public String verb() {
      return "created";
    }
  }

  /** Bring an existing child back to its desired manifest. */
  record Patch(ChildResource desired, ObjectNode observed) implements Action {
    /** Null checks. */
    public Patch {
      Objects.requireNonNull(desired, "desired");
      Objects.requireNonNull(observed, "observed");
    }

    @Override
    public ResourceKey key() {
      return desired.key();
    }

    @Override
    public String verb() {
      return "updated";
    }
  }

  /** Remove a child that is no longer desired. */
  record Delete(ResourceKey key) implements Action {
    /** Null check. */
    public Delete {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String verb() {
      return "deleted";
    }
  }
}

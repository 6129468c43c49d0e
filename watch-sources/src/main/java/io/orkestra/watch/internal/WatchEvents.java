package io.orkestra.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.WatchEvent;

/** Rules on watch events: how a waiting event absorbs a newer one, and which updates matter. */
public final class WatchEvents {

  private WatchEvents() {}

  /**
   * Merges a newer event into one that has not been delivered yet. The newer object always wins
   * (latest state); the kind is the stronger of the two, so nothing a consumer must know is lost:
   *
   * <ul>
   *   <li>a {@link WatchEvent.Deleted} wins over anything;
   *   <li>a waiting {@link WatchEvent.Added} stays Added (the consumer has not seen the object
   *       yet);
   *   <li>a waiting {@link WatchEvent.Modified} stays Modified when the newer event is only a
   *       {@link WatchEvent.Resynced};
   *   <li>otherwise the newer event is kept as is (e.g. Added after Deleted: the object came back).
   * </ul>
   *
   * @param waiting the event not yet delivered
   * @param newer the event that arrived since
   * @return the event to deliver instead of both
   */
  public static WatchEvent merge(WatchEvent waiting, WatchEvent newer) {
    if (newer instanceof WatchEvent.Deleted) {
      return newer;
    }
    if (waiting instanceof WatchEvent.Added) {
      return new WatchEvent.Added(newer.key(), newer.object());
    }
    if (waiting instanceof WatchEvent.Modified && newer instanceof WatchEvent.Resynced) {
      return new WatchEvent.Modified(newer.key(), newer.object());
    }
    return newer;
  }

  /**
   * Whether an update changed something a reconcile depends on: anything but {@code status}, {@code
   * metadata.resourceVersion} and {@code metadata.managedFields}, and, while the object is not being
   * deleted, {@code metadata.finalizers}. Our own status and finalizer writes change only those, so
   * they must not trigger another reconcile (a removed finalizer is added back at the next resync).
   *
   * @param before the object before the update (not changed)
   * @param after the object after the update (not changed)
   * @return {@code true} when the update must be emitted
   */
  public static boolean significant(ObjectNode before, ObjectNode after) {
    return !Json.same(withoutVolatileFields(before), withoutVolatileFields(after));
  }

  private static ObjectNode withoutVolatileFields(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    copy.remove("status");
    JsonNode meta = copy.get("metadata");
    if (meta instanceof ObjectNode m) {
      m.remove("resourceVersion");
      m.remove("managedFields");
      if (!m.has("deletionTimestamp")) {
        m.remove("finalizers");
      }
    }
    return copy;
  }
}

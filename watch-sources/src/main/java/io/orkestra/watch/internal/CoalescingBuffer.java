package io.orkestra.watch.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, keyed, first-in-first-out buffer in which a newer value for a key that is still
 * waiting is merged into the waiting one instead of being queued behind it. A key keeps its place
 * in line when it is merged, so a key that changes often is not starved.
 *
 * <p>Capacity counts distinct waiting keys. When the buffer is full, a value for a new key is
 * dropped unless {@code admitWhenFull} accepts it; merges never need room.
 *
 * <p>Thread-safe; every method holds the buffer's monitor for a few map operations only, so callers
 * (informer callbacks) never wait for long and never park.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class CoalescingBuffer<K, V> {

  /** What {@link #offer} did with a value. */
  public enum Offer {
    /** The key was not waiting: the value joined the end of the line. */
    QUEUED,
    /** The key was waiting: the value was merged into the waiting one, in place. */
    MERGED,
    /** The buffer was full and the value was not admitted. */
    DROPPED
  }

  private final LinkedHashMap<K, V> waiting = new LinkedHashMap<>();
  private final int capacity;
  private final BinaryOperator<V> merge;
  private final Predicate<? super V> admitWhenFull;
  private long dropped;

  /**
   * Creates a buffer.
   *
   * @param capacity distinct keys held at most (values admitted when full come on top)
   * @param merge combines the waiting value (first argument) with a newer one (second)
   * @param admitWhenFull values that are queued even when the buffer is full
   */
  public CoalescingBuffer(
      int capacity, BinaryOperator<V> merge, Predicate<? super V> admitWhenFull) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.merge = Objects.requireNonNull(merge, "merge");
    this.admitWhenFull = Objects.requireNonNull(admitWhenFull, "admitWhenFull");
  }

  /**
   * Adds a value, merging it into the waiting value of the same key if there is one.
   *
   * @param key the key
   * @param value the value
   * @return what happened to the value
   */
  public synchronized Offer offer(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    V older = waiting.get(key);
    if (older != null) {
      waiting.put(key, Objects.requireNonNull(merge.apply(older, value), "merge result"));
      return Offer.MERGED;
    }
    if (waiting.size() >= capacity && !admitWhenFull.test(value)) {
      dropped++;
      return Offer.DROPPED;
    }
    waiting.put(key, value);
    return Offer.QUEUED;
  }

  /**
   * Removes and returns the value that has waited longest.
   *
   * @return the value, or {@code null} when nothing waits
   */
  public synchronized @Nullable V poll() {
    Iterator<V> it = waiting.values().iterator();
    if (!it.hasNext()) {
      return null;
    }
    V v = it.next();
    it.remove();
    return v;
  }

  /**
   * Number of waiting keys.
   *
   * @return the size
   */
  public synchronized int size() {
    return waiting.size();
  }

  /**
   * Number of values dropped because the buffer was full.
   *
   * @return the count since creation
   */
  public synchronized long dropped() {
    return dropped;
  }

  /** Forgets every waiting value. */
  public synchronized void clear() {
    waiting.clear();
  }
}

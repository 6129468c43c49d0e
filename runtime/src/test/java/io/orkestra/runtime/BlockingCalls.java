package io.orkestra.runtime;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.blockhound.BlockingMethod;

/**
 * Lock parks on non-blocking threads that {@link TestBlockHoundIntegration} let through instead of
 * throwing (a throw from inside a lock acquisition breaks the lock for every later waiter).
 */
public final class BlockingCalls {

  /**
   * One recorded park.
   *
   * @param method the blocking method
   * @param thread the non-blocking thread it ran on
   * @param stack where it was called from
   */
  public record Hit(String method, String thread, List<StackTraceElement> stack) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(method + " on " + thread);
      stack.stream().skip(2).limit(30).forEach(f -> out.append("\n    at ").append(f));
      return out.toString();
    }
  }

  // lock-free: the callback runs on the offending (non-blocking) thread
  private static final ConcurrentLinkedQueue<Hit> HITS = new ConcurrentLinkedQueue<>();

  private BlockingCalls() {}

  /**
   * Records {@code method} when it is a park inside a {@code java.util.concurrent} lock
   * acquisition or condition wait with no Orkestra-J main code on the stack.
   *
   * @param method what BlockHound detected
   * @return {@code true} when recorded (the park then goes ahead), {@code false} when the caller
   *     should throw as usual
   */
  static boolean recordIfThirdPartyLockPark(BlockingMethod method) {
    List<StackTraceElement> stack = List.of(new Throwable().getStackTrace());
    // a lock acquisition or a condition wait (AbstractQueuedSynchronizer and its ConditionObject)
    boolean lockPark =
        stack.stream().anyMatch(f -> f.getClassName().startsWith("java.util.concurrent.locks.AbstractQueued"));
    if (!lockPark || stack.stream().anyMatch(BlockingCalls::ours)) {
      return false;
    }
    HITS.add(new Hit(method.toString(), Thread.currentThread().getName(), stack));
    return true;
  }

  /** Orkestra-J main code (tests and this test support are not). */
  static boolean ours(StackTraceElement frame) {
    String c = frame.getClassName();
    return c.startsWith("io.orkestra.")
        && !c.startsWith("io.orkestra.runtime.BlockingCalls")
        && !c.startsWith("io.orkestra.runtime.TestBlockHoundIntegration")
        && !c.endsWith("Test")
        && !c.endsWith("IT")
        && !c.contains("Test$")
        && !c.contains("IT$");
  }

  /**
   * Everything recorded so far in this JVM.
   *
   * @return the hits, oldest first
   */
  public static List<Hit> hits() {
    return List.copyOf(HITS);
  }

  /** Prints every recorded park to stderr, so third-party spots not yet allowed show up. */
  public static void print() {
    hits().forEach(h -> System.err.println("BlockHound: third-party lock park let through: " + h));
  }
}

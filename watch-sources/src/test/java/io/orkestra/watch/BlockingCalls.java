package io.orkestra.watch;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.blockhound.BlockingMethod;

/** What BlockHound detected in this test JVM (see {@link WatchSourcesBlockHoundIntegration}). */
public final class BlockingCalls {

  /**
   * One detected blocking call.
   *
   * @param method the blocking method
   * @param thread the non-blocking thread it ran on
   * @param stack where it was called from
   */
  public record Hit(String method, String thread, List<StackTraceElement> stack) {
    /**
     * Whether any frame of the stack is Orkestra-J's watch-sources main code (not tests).
     *
     * @return {@code true} when our code is on the stack
     */
    public boolean fromOurCode() {
      return stack.stream()
          .map(StackTraceElement::getClassName)
          .anyMatch(c -> c.startsWith("io.orkestra.watch.") && !isTestSupport(c));
    }

    /**
     * Whether the park is a {@code java.util.concurrent} lock acquisition or condition wait:
     * throwing from there would leave the thread's node in the lock's queue (breaking the lock for
     * every later waiter) or leave the wait without the lock.
     *
     * @return {@code true} for a park inside {@code AbstractQueuedSynchronizer} or its conditions
     */
    public boolean lockPark() {
      return stack.stream()
          .anyMatch(f -> f.getClassName().startsWith("java.util.concurrent.locks.AbstractQueued"));
    }

    private static boolean isTestSupport(String className) {
      return className.startsWith("io.orkestra.watch.BlockingCalls")
          || className.startsWith("io.orkestra.watch.WatchSourcesBlockHoundIntegration")
          || className.endsWith("Test")
          || className.endsWith("IT")
          || className.contains("Test$")
          || className.contains("IT$");
    }
  }

  // lock-free: the callback runs on the offending (non-blocking) thread
  private static final ConcurrentLinkedQueue<Hit> HITS = new ConcurrentLinkedQueue<>();

  private BlockingCalls() {}

  static Hit record(BlockingMethod method) {
    Hit hit =
        new Hit(
            method.toString(),
            Thread.currentThread().getName(),
            List.copyOf(Arrays.asList(new Throwable().getStackTrace())));
    HITS.add(hit);
    return hit;
  }

  /**
   * Fails when BlockHound caught watch-sources main code blocking a non-blocking thread anywhere in
   * this JVM so far; prints hits from other code (fabric8, Vert.x) so they are visible.
   */
  public static void assertNoneFromOurCode() {
    List<Hit> all = hits();
    all.stream()
        .filter(h -> !h.fromOurCode())
        .forEach(
            h ->
                System.err.println(
                    "BlockHound hit outside watch-sources: " + h.method() + " on " + h.thread()));
    List<Hit> ours = all.stream().filter(Hit::fromOurCode).toList();
    if (!ours.isEmpty()) {
      throw new AssertionError("watch-sources blocked a non-blocking thread: " + ours);
    }
  }

  /**
   * Everything detected so far.
   *
   * @return the hits, oldest first
   */
  public static List<Hit> hits() {
    return List.copyOf(HITS);
  }
}

package io.orkestra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * A contended {@code java.util.concurrent} lock taken on a non-blocking thread by code that is not
 * ours is recorded, not thrown: the lock keeps working for every later waiter (a throw from inside
 * the acquisition would leave the thread queued on it, and the next contended waiter would park
 * forever; that is how {@code KubernetesClient.close()} hung in {@link BrokerKillRunIT}).
 */
class BlockHoundLockParkTest {

  @Test
  void aThirdPartyLockParkOnAnEventLoopLikeThreadLeavesTheLockWorking() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch parallelGotIt = new CountDownLatch(1);
    lock.lock();
    try {
      Schedulers.parallel().schedule(() -> {
        lock.lock();
        try {
          parallelGotIt.countDown();
        } finally {
          lock.unlock();
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(lock::hasQueuedThreads);
    } finally {
      lock.unlock();
    }
    assertThat(parallelGotIt.await(10, TimeUnit.SECONDS)).as("the parked thread got the lock").isTrue();

    // a later contended waiter is not stuck behind a dead queue node
    CountDownLatch laterGotIt = new CountDownLatch(1);
    lock.lock();
    try {
      Thread later = new Thread(() -> {
        lock.lock();
        lock.unlock();
        laterGotIt.countDown();
      });
      later.start();
      await().atMost(Duration.ofSeconds(10)).until(lock::hasQueuedThreads);
    } finally {
      lock.unlock();
    }
    assertThat(laterGotIt.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(BlockingCalls.hits()).anySatisfy(h -> assertThat(h.thread()).startsWith("parallel-"));
  }

  @Test
  void aThirdPartyConditionWaitOnAnEventLoopLikeThreadReturnsNormally() throws Exception {
    // fabric8's mock API server awaits an executor's termination on its event loop when a watching
    // client dies; a throw from that wait skipped the rest of its cleanup
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    executor.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    java.util.concurrent.CompletableFuture<String> waited = new java.util.concurrent.CompletableFuture<>();
    Schedulers.parallel().schedule(() -> {
      try {
        executor.shutdown();
        waited.complete("terminated " + executor.awaitTermination(200, TimeUnit.MILLISECONDS));
      } catch (Throwable e) {
        waited.completeExceptionally(e);
      }
    });
    assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo("terminated false");
    release.countDown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void onlyMainClassesCountAsOurs() {
    assertThat(BlockingCalls.ours(new StackTraceElement("io.orkestra.runtime.OrkestraRuntime", "close", null, 1)))
        .isTrue();
    assertThat(BlockingCalls.ours(new StackTraceElement("io.orkestra.runtime.BrokerKillRunIT", "x", null, 1)))
        .isFalse();
    assertThat(BlockingCalls.ours(new StackTraceElement(
        "io.fabric8.kubernetes.client.utils.internal.SerialExecutor", "execute", null, 1))).isFalse();
  }
}

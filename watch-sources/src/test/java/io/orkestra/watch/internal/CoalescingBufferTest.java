package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.watch.internal.CoalescingBuffer.Offer;
import org.junit.jupiter.api.Test;

class CoalescingBufferTest {

  /** Values are "key:version"; merging keeps the newer; values starting with "!" pass when full. */
  static CoalescingBuffer<String, String> buffer(int capacity) {
    return new CoalescingBuffer<>(capacity, (older, newer) -> newer, v -> v.startsWith("!"));
  }

  @Test
  void pollsInArrivalOrder() {
    CoalescingBuffer<String, String> b = buffer(10);
    b.offer("a", "a1");
    b.offer("b", "b1");
    b.offer("c", "c1");

    assertThat(b.poll()).isEqualTo("a1");
    assertThat(b.poll()).isEqualTo("b1");
    assertThat(b.poll()).isEqualTo("c1");
    assertThat(b.poll()).isNull();
  }

  @Test
  void mergesNewerValueIntoWaitingKeyKeepingItsPlace() {
    CoalescingBuffer<String, String> b = buffer(10);
    assertThat(b.offer("a", "a1")).isEqualTo(Offer.QUEUED);
    assertThat(b.offer("b", "b1")).isEqualTo(Offer.QUEUED);
    assertThat(b.offer("a", "a2")).isEqualTo(Offer.MERGED);
    assertThat(b.offer("a", "a3")).isEqualTo(Offer.MERGED);

    assertThat(b.size()).isEqualTo(2);
    assertThat(b.poll()).isEqualTo("a3");
    assertThat(b.poll()).isEqualTo("b1");
  }

  @Test
  void passesBothValuesToTheMergeFunction() {
    CoalescingBuffer<String, String> b =
        new CoalescingBuffer<>(10, (older, newer) -> older + "+" + newer, v -> false);
    b.offer("a", "a1");
    b.offer("a", "a2");

    assertThat(b.poll()).isEqualTo("a1+a2");
  }

  @Test
  void dropsNewKeysWhenFullButStillMerges() {
    CoalescingBuffer<String, String> b = buffer(2);
    b.offer("a", "a1");
    b.offer("b", "b1");

    assertThat(b.offer("c", "c1")).isEqualTo(Offer.DROPPED);
    assertThat(b.offer("a", "a2")).isEqualTo(Offer.MERGED);
    assertThat(b.dropped()).isEqualTo(1);
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.poll()).isEqualTo("a2");
  }

  @Test
  void admitsSelectedValuesEvenWhenFull() {
    CoalescingBuffer<String, String> b = buffer(1);
    b.offer("a", "a1");

    assertThat(b.offer("d", "!d-deleted")).isEqualTo(Offer.QUEUED);
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.dropped()).isZero();
  }

  @Test
  void roomFreedByPollingAdmitsNewKeysAgain() {
    CoalescingBuffer<String, String> b = buffer(1);
    b.offer("a", "a1");
    assertThat(b.offer("b", "b1")).isEqualTo(Offer.DROPPED);
    b.poll();

    assertThat(b.offer("b", "b2")).isEqualTo(Offer.QUEUED);
  }

  @Test
  void clearForgetsEverything() {
    CoalescingBuffer<String, String> b = buffer(3);
    b.offer("a", "a1");
    b.offer("b", "b1");
    b.clear();

    assertThat(b.size()).isZero();
    assertThat(b.poll()).isNull();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> buffer(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be >= 1, was 0");
    assertThatThrownBy(() -> buffer(1).offer(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> buffer(1).offer("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("value");
  }
}

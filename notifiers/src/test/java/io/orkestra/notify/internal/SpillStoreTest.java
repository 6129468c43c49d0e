package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orkestra.core.ReconcileEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment files on a real temporary directory (the test thread may block). */
class SpillStoreTest {

  @TempDir Path dir;

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void appendsReadsOldestFirstAndDeletes() {
    SpillStore store = new SpillStore(dir, 10_000, 64);
    for (int i = 0; i < 5; i++) {
      assertThat(store.append(text("record-" + i + "-padding-padding-padding-padding"))).isTrue();
    }
    assertThat(store.hasSegments()).isTrue();
    List<String> all = new ArrayList<>();
    SpillStore.Segment s;
    while ((s = store.oldest()) != null) {
      store.read(s).records().forEach(r -> all.add(new String(r, StandardCharsets.UTF_8)));
      store.delete(s);
    }
    assertThat(all).hasSize(5).allSatisfy(r -> assertThat(r).startsWith("record-"));
    assertThat(all.get(0)).startsWith("record-0");
    assertThat(all.get(4)).startsWith("record-4");
    assertThat(store.hasSegments()).isFalse();
    assertThat(store.bytes()).isZero();
  }

  @Test
  void refusesAppendsBeyondMaxBytes() {
    SpillStore store = new SpillStore(dir, 100, 64);
    assertThat(store.append(new byte[40])).isTrue(); // 52 bytes
    assertThat(store.append(new byte[40])).as("52 + 52 > 100").isFalse();
    assertThat(store.bytes()).isEqualTo(52);
  }

  @Test
  void reopenFindsSegmentsLeftByAnEarlierProcessInOrder() {
    SpillStore first = new SpillStore(dir, 10_000, 64);
    first.append(text("a".repeat(60)));
    first.append(text("b".repeat(60)));
    first.close();

    SpillStore second = new SpillStore(dir, 10_000, 64);
    second.open();
    assertThat(second.hasSegments()).isTrue();
    assertThat(second.bytes()).isEqualTo(2 * 72);
    SpillStore.Segment oldest = second.oldest();
    assertThat(new String(second.read(oldest).records().get(0), StandardCharsets.UTF_8))
        .startsWith("a");
  }

  @Test
  void skipsDamagedFramesAndResynchronisesOnTheNextRecord() throws Exception {
    SpillStore store = new SpillStore(dir, 10_000, 10_000);
    for (int i = 0; i < 4; i++) {
      store.append(text("{\"n\":" + i + "}"));
    }
    store.close();
    Path file;
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    byte[] intact = bytes.clone();
    int frame = 12 + 7;
    bytes[frame + 5] = (byte) 0x7F; // second record: its length field now points past the end
    bytes[2 * frame + 14] ^= 1; // third record: payload byte flipped

    SpillStore.Contents contents = SpillStore.parse(bytes);

    assertThat(contents.records())
        .extracting(r -> new String(r, StandardCharsets.UTF_8))
        .containsExactly("{\"n\":0}", "{\"n\":3}");
    assertThat(contents.corrupted()).isEqualTo(1);
    // a torn last write loses only the last record
    byte[] torn = java.util.Arrays.copyOf(intact, intact.length - 3);
    assertThat(SpillStore.parse(torn).records()).hasSize(3);
    assertThat(SpillStore.parse(torn).corrupted()).isEqualTo(1);
  }

  @Test
  void spillCodecRoundTripsEvents() {
    ReconcileEvent event = SampleEvents.event("a", 3);
    assertThat(SpillCodec.decode(SpillCodec.encode(event))).isEqualTo(event);
  }
}

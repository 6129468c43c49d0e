package io.orkestra.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how much a sink spills to disk while it is down. Immutable; start from {@link
 * #in(Path)}.
 *
 * <p>The spill is a directory of append-only segment files ({@code segment-<n>.spill}); each
 * record is framed as {@code magic, length, CRC32C, payload} where the payload is the event's
 * structured CloudEvent JSON. One directory belongs to one sink: two sinks must not share it.
 *
 * @param directory the sink's spill directory, created when first needed
 * @param maxBytes bound on the total size of the segment files; when it is reached, events wait
 *     in flight (so upstream demand stops) instead of growing the spill
 * @param segmentBytes a segment is closed for appends once it holds this many bytes (also the
 *     most a replay reads into memory at once, plus one record)
 * @param replayInterval pause between two replay attempts while the sink is still down
 */
public record SpillOptions(
    Path directory, long maxBytes, long segmentBytes, Duration replayInterval) {

  /** Default {@link #maxBytes()}: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  /** Default {@link #segmentBytes()}: 1 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 1L << 20;

  /** Default {@link #replayInterval()}: one second. */
  public static final Duration DEFAULT_REPLAY_INTERVAL = Duration.ofSeconds(1);

  /** Validates every component. */
  public SpillOptions {
    Objects.requireNonNull(directory, "directory");
    if (segmentBytes < 64) {
      throw new IllegalArgumentException("segmentBytes must be at least 64, was " + segmentBytes);
    }
    if (maxBytes < segmentBytes) {
      throw new IllegalArgumentException(
          "maxBytes must be at least segmentBytes (" + segmentBytes + "), was " + maxBytes);
    }
    OptionChecks.positiveMillis(replayInterval, "replayInterval", Duration.ofMillis(1));
  }

  /**
   * Spill into {@code directory} with the default limits (256 MiB in 1 MiB segments, replay
   * every second).
   *
   * @param directory the sink's own directory
   * @return the options
   */
  public static SpillOptions in(Path directory) {
    return new SpillOptions(
        directory, DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, DEFAULT_REPLAY_INTERVAL);
  }

  /**
   * Copy with another size bound.
   *
   * @param bytes at least {@link #segmentBytes()}
   * @return the copy
   */
  public SpillOptions withMaxBytes(long bytes) {
    return new SpillOptions(directory, bytes, segmentBytes, replayInterval);
  }

  /**
   * Copy with another segment size.
   *
   * @param bytes at least 64 and at most {@link #maxBytes()}
   * @return the copy
   */
  public SpillOptions withSegmentBytes(long bytes) {
    return new SpillOptions(directory, maxBytes, bytes, replayInterval);
  }

  /**
   * Copy with another replay interval.
   *
   * @param interval at least 1 ms
   * @return the copy
   */
  public SpillOptions withReplayInterval(Duration interval) {
    return new SpillOptions(directory, maxBytes, segmentBytes, interval);
  }
}

package io.orkestra.notify.internal;

import io.orkestra.core.OrkestraException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Append-only segment files of one sink's spill. Each record is framed as {@code magic (4 bytes),
 * payload length (4), CRC32C of the payload (4), payload}. The magic starts with {@code 0xFE},
 * a byte that never occurs in UTF-8 text, so after a damaged frame the reader resynchronises on
 * the next magic and keeps every intact record.
 *
 * <p>All methods do blocking file I/O: call them on {@code boundedElastic} only. {@link
 * #hasSegments()} and {@link #bytes()} read atomics and may be called anywhere. Appends are not
 * fsync'ed per record (they survive a process crash, not a power loss); a segment is forced to
 * disk when it is sealed.
 */
public final class SpillStore {

  /** Frame marker. */
  static final int MAGIC = 0xFEEDFACE;

  /** Bytes before the payload: magic, length, checksum. */
  static final int HEADER = 12;

  private static final String PREFIX = "segment-";
  private static final String SUFFIX = ".spill";

  private final Path directory;
  private final long maxBytes;
  private final long segmentBytes;
  private final Deque<Segment> segments = new ArrayDeque<>();
  private final AtomicInteger segmentCount = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private boolean opened;
  private long nextSequence;
  private @Nullable Segment active;
  private @Nullable FileChannel activeChannel;

  /**
   * A store over {@code directory}; nothing is read or created before {@link #open()}.
   *
   * @param directory the sink's own spill directory
   * @param maxBytes bound on the total size of the segment files
   * @param segmentBytes size after which a segment takes no more appends
   */
  public SpillStore(Path directory, long maxBytes, long segmentBytes) {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
  }

  /** One segment file; {@code delivered} holds the indexes of records already delivered. */
  public static final class Segment {
    final Path file;
    final long sequence;
    long size;
    boolean corruptionReported;
    final Set<Integer> delivered = ConcurrentHashMap.newKeySet();

    Segment(Path file, long sequence, long size) {
      this.file = file;
      this.sequence = sequence;
      this.size = size;
    }

    /**
     * The segment's file.
     *
     * @return the path
     */
    public Path file() {
      return file;
    }
  }

  /**
   * What a segment holds.
   *
   * @param records intact payloads, in append order
   * @param corrupted damaged regions skipped (each at least one lost record)
   */
  public record Contents(List<byte[]> records, int corrupted) {}

  /**
   * Creates the directory if needed and indexes the segments an earlier process left. Idempotent.
   *
   * @throws OrkestraException if the directory cannot be created or listed
   */
  public synchronized void open() {
    if (opened) {
      return;
    }
    try {
      Files.createDirectories(directory);
      List<Segment> found = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
          long seq;
          try {
            seq = Long.parseLong(digits);
          } catch (NumberFormatException notOurs) {
            continue;
          }
          found.add(new Segment(f, seq, Files.size(f)));
        }
      }
      found.sort((a, b) -> Long.compare(a.sequence, b.sequence));
      for (Segment s : found) {
        segments.addLast(s);
        bytes.addAndGet(s.size);
        nextSequence = s.sequence + 1;
      }
      segmentCount.set(segments.size());
      opened = true;
    } catch (IOException e) {
      throw new OrkestraException("cannot open the spill directory " + directory + ": " + e, e);
    }
  }

  /**
   * Whether any segment exists (events are waiting to be replayed). Lock-free.
   *
   * @return {@code true} while the spill is not empty
   */
  public boolean hasSegments() {
    return segmentCount.get() > 0;
  }

  /**
   * Total size of the segment files. Lock-free.
   *
   * @return bytes
   */
  public long bytes() {
    return bytes.get();
  }

  /**
   * Appends one record, unless that would take the spill past its size bound (a record is always
   * accepted by an empty spill).
   *
   * @param payload the record
   * @return {@code false} when the spill is full
   * @throws OrkestraException if the file cannot be written
   */
  public synchronized boolean append(byte[] payload) {
    open();
    long frame = HEADER + (long) payload.length;
    if (bytes.get() > 0 && bytes.get() + frame > maxBytes) {
      return false;
    }
    try {
      if (active == null || active.size >= segmentBytes) {
        sealActive();
        Path file = directory.resolve(String.format("%s%020d%s", PREFIX, nextSequence, SUFFIX));
        Segment s = new Segment(file, nextSequence++, 0);
        activeChannel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        active = s;
        segments.addLast(s);
        segmentCount.set(segments.size());
      }
      ByteBuffer buf = ByteBuffer.allocate((int) frame);
      CRC32C crc = new CRC32C();
      crc.update(payload);
      buf.putInt(MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
      FileChannel ch = activeChannel;
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      active.size += frame;
      bytes.addAndGet(frame);
      return true;
    } catch (IOException e) {
      throw new OrkestraException("cannot write to the spill directory " + directory + ": " + e, e);
    }
  }

  private void sealActive() throws IOException {
    FileChannel ch = activeChannel;
    if (ch != null) {
      ch.force(true);
      ch.close();
    }
    activeChannel = null;
    active = null;
  }

  /**
   * The oldest segment, sealed first if it is the one being appended to (later appends start a
   * new segment).
   *
   * @return the segment, {@code null} when the spill is empty
   * @throws OrkestraException if sealing fails
   */
  public synchronized @Nullable Segment oldest() {
    open();
    Segment first = segments.peekFirst();
    if (first != null && first == active) {
      try {
        sealActive();
      } catch (IOException e) {
        throw new OrkestraException("cannot seal spill segment " + first.file + ": " + e, e);
      }
    }
    return first;
  }

  /**
   * Reads a sealed segment, skipping damaged frames.
   *
   * @param segment a segment returned by {@link #oldest()}
   * @return its intact records and the number of damaged regions
   * @throws OrkestraException if the file cannot be read
   */
  public Contents read(Segment segment) {
    byte[] data;
    try {
      data = Files.readAllBytes(segment.file);
    } catch (IOException e) {
      throw new OrkestraException("cannot read spill segment " + segment.file + ": " + e, e);
    }
    return parse(data);
  }

  /**
   * Splits segment bytes into records (visible for tests).
   *
   * @param data a segment's bytes
   * @return intact records and damaged regions
   */
  static Contents parse(byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    List<byte[]> records = new ArrayList<>();
    int corrupted = 0;
    int pos = 0;
    boolean inDamage = false;
    while (pos < data.length) {
      if (data.length - pos >= HEADER && buf.getInt(pos) == MAGIC) {
        int length = buf.getInt(pos + 4);
        if (length >= 0 && length <= data.length - pos - HEADER) {
          CRC32C crc = new CRC32C();
          crc.update(data, pos + HEADER, length);
          if ((int) crc.getValue() == buf.getInt(pos + 8)) {
            byte[] payload = new byte[length];
            System.arraycopy(data, pos + HEADER, payload, 0, length);
            records.add(payload);
            pos += HEADER + length;
            inDamage = false;
            continue;
          }
        }
      }
      if (!inDamage) {
        corrupted++;
        inDamage = true;
      }
      pos = nextMagic(data, pos + 1);
    }
    return new Contents(Collections.unmodifiableList(records), corrupted);
  }

  private static int nextMagic(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == (byte) 0xFE) {
        return i;
      }
    }
    return data.length;
  }

  /**
   * Deletes a segment whose records are all delivered (or damaged).
   *
   * @param segment the segment
   * @throws OrkestraException if the file cannot be deleted
   */
  public synchronized void delete(Segment segment) {
    try {
      if (segment == active) {
        sealActive();
      }
      Files.deleteIfExists(segment.file);
    } catch (IOException e) {
      throw new OrkestraException("cannot delete spill segment " + segment.file + ": " + e, e);
    }
    if (segments.remove(segment)) {
      bytes.addAndGet(-segment.size);
    }
    segmentCount.set(segments.size());
  }

  /**
   * Closes the segment being appended to. Blocking.
   *
   * @throws OrkestraException if the close fails
   */
  public synchronized void close() {
    try {
      sealActive();
    } catch (IOException e) {
      throw new OrkestraException("cannot close spill segment in " + directory + ": " + e, e);
    }
  }
}

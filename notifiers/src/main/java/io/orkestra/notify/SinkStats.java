package io.orkestra.notify;

/**
 * Counters of one sink since it was created (a snapshot; all counts are events unless named
 * otherwise).
 *
 * @param delivered acknowledged by the sink (directly or from the spill)
 * @param failed given up on: rejected by the sink (e.g. HTTP 4xx other than 408/429) or retries
 *     exhausted without a spill
 * @param spilled written to the spill
 * @param replayed delivered from the spill (also counted in {@code delivered})
 * @param corrupted spill records that failed their checksum and were skipped
 * @param inFlight events taken from upstream and not finished (sending, retrying, waiting for
 *     their key's turn or for spill space)
 * @param maxInFlightSeen the highest {@code inFlight} observed
 * @param spillBytes bytes in spill segment files now
 */
public record SinkStats(
    long delivered,
    long failed,
    long spilled,
    long replayed,
    long corrupted,
    int inFlight,
    int maxInFlightSeen,
    long spillBytes) {}

package io.slotgate.core.supplier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A slot a supplier offers. {@code pool} is the local capacity a hold on it claims from (empty in
 * availability answers, which only count capacity); it is
 * empty for a supplier that keeps its capacity itself. A hold's claim runs {@code trailingBuffer} past the end.
 */
public record OfferedSlot(Instant start, Instant end, Classification classification, boolean standard,
    List<UUID> pool, Duration trailingBuffer) {

  /** A slot without a buffer of ours (a remote supplier's: it keeps its capacity, and its buffers, itself). */
  public OfferedSlot(Instant start, Instant end, Classification classification, boolean standard, List<UUID> pool) {
    this(start, end, classification, standard, pool, Duration.ZERO);
  }
}

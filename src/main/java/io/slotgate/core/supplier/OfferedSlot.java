package io.slotgate.core.supplier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A slot a supplier offers. {@code pool} is the local capacity a hold on it claims from (empty in
 * availability answers, which only count capacity); it is
 * empty for a supplier that keeps its capacity itself.
 */
public record OfferedSlot(Instant start, Instant end, Classification classification, boolean standard,
    List<UUID> pool) {}

package io.slotgate.core.supplier;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The capacity slotgate keeps itself (a supplier's own schedule rules and crews, holds in the local
 * database), as the port through which the built-in calendar adapter offers it.
 */
public interface LocalCapacity {

  /** Slots of the route's branch and service with free capacity, sorted by start. */
  Uni<List<OfferedSlot>> availableSlots(SupplierRoute route, AvailabilityQuery query);

  /** The slot offered with exactly this start and end within the route's horizon; empty if not offered. */
  Uni<Optional<OfferedSlot>> offeredSlot(SupplierRoute route, String purpose, Instant start, Instant end, Instant now);
}

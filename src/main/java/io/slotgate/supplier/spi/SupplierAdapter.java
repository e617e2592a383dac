package io.slotgate.supplier.spi;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers availability for a supplier and tells the core where a hold's capacity comes from. One
 * implementation per kind of supplier, picked by name from the supplier's {@code adapter} setting;
 * adding one is a new CDI bean plus configuration.
 */
public interface SupplierAdapter {

  /** The name suppliers are configured with, e.g. "calendar". */
  String name();

  /** Slots with free capacity, sorted by start. */
  Uni<List<OfferedSlot>> availableSlots(SupplierRoute route, AvailabilityQuery query);

  /** The slot offered with exactly this start and end, whatever its capacity; empty if not offered. */
  Uni<Optional<OfferedSlot>> offeredSlot(SupplierRoute route, Instant start, Instant end, Instant now);
}

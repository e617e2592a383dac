package io.slotgate.supplier.calendar;

import io.slotgate.core.supplier.AvailabilityQuery;
import io.slotgate.core.supplier.LocalCapacity;
import io.slotgate.core.supplier.OfferedSlot;
import io.slotgate.core.supplier.SupplierAdapter;
import io.slotgate.core.supplier.SupplierRoute;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The built-in supplier, named "calendar": it offers the capacity slotgate keeps itself (the core's
 * {@link LocalCapacity}), so its holds need nothing from a remote system.
 */
@ApplicationScoped
public class CalendarSupplierAdapter implements SupplierAdapter {

  private final LocalCapacity capacity;

  public CalendarSupplierAdapter(LocalCapacity capacity) {
    this.capacity = capacity;
  }

  @Override
  public String name() {
    return "calendar";
  }

  @Override
  public Uni<List<OfferedSlot>> availableSlots(SupplierRoute route, AvailabilityQuery query) {
    return capacity.availableSlots(route, query);
  }

  @Override
  public Uni<Optional<OfferedSlot>> offeredSlot(SupplierRoute route, String purpose, Instant start, Instant end,
      Instant now) {
    return capacity.offeredSlot(route, purpose, start, end, now);
  }
}

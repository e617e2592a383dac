package io.slotgate.core.supplier;

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

  /**
   * The slot offered for {@code purpose} (PROVIDE, REPAIR, MODIFY) with exactly this start and end, whatever its
   * capacity; empty if not offered.
   */
  Uni<Optional<OfferedSlot>> offeredSlot(SupplierRoute route, String purpose, Instant start, Instant end, Instant now);

  /**
   * Places the supplier's own hold for an appointment already recorded locally, answering when the
   * supplier will let it lapse (null: it did not say). A supplier whose capacity slotgate keeps (the
   * calendar) has nothing to do; a remote one must be idempotent on {@code hold.id()} so that a retry
   * never holds twice.
   */
  default Uni<Instant> hold(SupplierRoute route, RemoteHold hold) {
    return Uni.createFrom().nullItem();
  }

  /** Confirms the supplier's hold (the order is placed); answers the status it is in there (null: not said). */
  default Uni<String> confirm(SupplierRoute route, long id, String orderReference) {
    return Uni.createFrom().nullItem();
  }

  /** Releases the supplier's hold or appointment; answers false when the supplier does not know the id (yet). */
  default Uni<Boolean> cancel(SupplierRoute route, long id) {
    return Uni.createFrom().item(true);
  }

  /** The appointment's status at the supplier; empty when the supplier does not know the id. */
  default Uni<Optional<String>> status(SupplierRoute route, long id) {
    return Uni.createFrom().item(Optional.empty());
  }

  /** Whether the supplier keeps holds itself, so local records must be mirrored to it. */
  default boolean remote() {
    return false;
  }
}

package io.slotgate.core.catalogue;

import io.slotgate.core.schedule.CapacityCalendar;
import io.slotgate.core.schedule.CapacityPlan;
import io.slotgate.core.supplier.AvailabilityQuery;
import io.slotgate.core.supplier.LocalCapacity;
import io.slotgate.core.supplier.OfferedSlot;
import io.slotgate.core.supplier.SupplierRoute;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The local capacity behind the built-in calendar supplier: slots from the supplier's own schedule rules,
 * capacity from its crews, holds in the local database. Which addresses it covers is decided before it is asked
 * (core/coverage); the rules it cuts slots from are those open to the search's or hold's purpose.
 */
@ApplicationScoped
public class CalendarCapacity implements LocalCapacity {

  private final CatalogueRepository catalogue;
  private final CapacityCalendar calendar;

  public CalendarCapacity(CatalogueRepository catalogue, CapacityCalendar calendar) {
    this.catalogue = catalogue;
    this.calendar = calendar;
  }

  @Override
  public Uni<List<OfferedSlot>> availableSlots(SupplierRoute route, AvailabilityQuery query) {
    return plan(route, query.purpose()).chain(plan -> {
      if (plan.isEmpty()) {
        return Uni.createFrom().item(List.<OfferedSlot>of());
      }
      LocalDate today = query.now().atZone(plan.get().zone()).toLocalDate();
      LocalDate from = query.fromDate() == null || query.fromDate().isBefore(today) ? today : query.fromDate();
      LocalDate until = today.plusDays(route.horizonDays());
      return calendar.freeSlots(plan.get(), from, until, 1, null, query.now())
          .map(free -> free.stream()
              .filter(f -> query.classifications().isEmpty()
                  || query.classifications().contains(f.slot().classification()))
              .map(f -> new OfferedSlot(f.slot().start(), f.slot().end(), f.slot().classification(),
                  f.slot().standard(), f.freeResources()))
              .toList());
    });
  }

  @Override
  public Uni<Optional<OfferedSlot>> offeredSlot(SupplierRoute route, String purpose, Instant start, Instant end,
      Instant now) {
    return plan(route, purpose).map(plan -> plan.flatMap(p -> {
      LocalDate until = now.atZone(p.zone()).toLocalDate().plusDays(route.horizonDays());
      return calendar.offered(p, start, end)
          .filter(slot -> slot.start().atZone(p.zone()).toLocalDate().isBefore(until))
          .map(slot -> new OfferedSlot(slot.start(), slot.end(), slot.classification(), slot.standard(),
              p.resources(), p.trailingBuffer()));
    }));
  }

  /** The route's plan with only the rules open to the purpose (a wholesale search or hold always names one). */
  private Uni<Optional<CapacityPlan>> plan(SupplierRoute route, String purpose) {
    if (route.branchId() == null || route.serviceId() == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    return catalogue.plan(route.branchId(), route.serviceId(), purpose);
  }
}

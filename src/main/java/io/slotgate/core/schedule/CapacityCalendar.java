package io.slotgate.core.schedule;

import io.slotgate.core.appointment.AppointmentRepository;
import io.slotgate.core.appointment.AppointmentRepository.Busy;
import io.slotgate.core.catalogue.CapacityPlan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Slots of a capacity plan that still have enough free resources, read from the claims in the database. */
@ApplicationScoped
public class CapacityCalendar {

  private final AppointmentRepository appointments;

  public CapacityCalendar(AppointmentRepository appointments) {
    this.appointments = appointments;
  }

  /** A slot with the resources that are free for all of it. */
  public record FreeSlot(Slot slot, List<UUID> freeResources) {}

  /**
   * Future slots starting on local dates [from, until) where at least {@code need} resources of the
   * pool (only {@code requestedResource} when given) are free. A snapshot: the hold decides for real.
   */
  public Uni<List<FreeSlot>> freeSlots(CapacityPlan plan, LocalDate from, LocalDate until, int need,
      UUID requestedResource, Instant now) {
    List<Slot> slots = SlotGenerator.generate(plan.rules(), plan.zone(), from, until).stream()
        .filter(slot -> slot.start().isAfter(now)).toList();
    List<UUID> pool = pool(plan, requestedResource);
    if (slots.isEmpty() || pool.size() < need) {
      return Uni.createFrom().item(List.of());
    }
    Instant first = slots.getFirst().start();
    Instant last = slots.stream().map(Slot::end).max(Instant::compareTo).orElseThrow();
    return appointments.busy(pool, first, last, now).map(busy -> {
      Map<UUID, List<Busy>> byResource = new HashMap<>();
      busy.forEach(b -> byResource.computeIfAbsent(b.resourceId(), k -> new ArrayList<>()).add(b));
      List<FreeSlot> free = new ArrayList<>();
      for (Slot slot : slots) {
        List<UUID> available = pool.stream()
            .filter(r -> byResource.getOrDefault(r, List.of()).stream()
                .noneMatch(b -> slot.overlaps(b.from(), b.to())))
            .toList();
        if (available.size() >= need) {
          free.add(new FreeSlot(slot, available));
        }
      }
      return free;
    });
  }

  /** The slot the plan offers with exactly this start and end, whatever its capacity now. */
  public Optional<Slot> offered(CapacityPlan plan, Instant start, Instant end) {
    LocalDate date = start.atZone(plan.zone()).toLocalDate();
    return SlotGenerator.generate(plan.rules(), plan.zone(), date, date.plusDays(1)).stream()
        .filter(slot -> slot.start().equals(start) && slot.end().equals(end))
        .findFirst();
  }

  /** The resources a booking may take: the requested one if the plan has it, else all of them. */
  public static List<UUID> pool(CapacityPlan plan, UUID requestedResource) {
    if (requestedResource == null) {
      return plan.resources();
    }
    return plan.resources().contains(requestedResource) ? List.of(requestedResource) : List.of();
  }
}

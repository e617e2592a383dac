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
    return appointments.busy(pool, first, last, now).map(busy -> free(slots, pool, busy, need));
  }

  /**
   * Which slots keep at least {@code need} free resources. One resource's claims never overlap (the
   * exclusion constraint), so sorted by start they are sorted by end too, and one forward pointer
   * per resource walks them alongside the slots (sorted by start): O(resources x (slots + claims)).
   */
  static List<FreeSlot> free(List<Slot> slots, List<UUID> pool, List<Busy> busy, int need) {
    Map<UUID, Integer> index = new HashMap<>();
    for (int r = 0; r < pool.size(); r++) {
      index.put(pool.get(r), r);
    }
    List<List<Busy>> byResource = new ArrayList<>();
    pool.forEach(r -> byResource.add(new ArrayList<>()));
    for (Busy b : busy) {
      Integer r = index.get(b.resourceId());
      if (r != null) {
        byResource.get(r).add(b);
      }
    }
    int[] freeCount = new int[slots.size()];
    java.util.BitSet[] taken = new java.util.BitSet[slots.size()];
    for (int r = 0; r < pool.size(); r++) {
      List<Busy> intervals = byResource.get(r);
      intervals.sort(java.util.Comparator.comparing(Busy::from));
      int next = 0;
      for (int s = 0; s < slots.size(); s++) {
        Slot slot = slots.get(s);
        while (next < intervals.size() && !intervals.get(next).to().isAfter(slot.start())) {
          next++;
        }
        boolean overlaps = next < intervals.size() && intervals.get(next).from().isBefore(slot.end());
        if (overlaps) {
          if (taken[s] == null) {
            taken[s] = new java.util.BitSet(pool.size());
          }
          taken[s].set(r);
        } else {
          freeCount[s]++;
        }
      }
    }
    List<FreeSlot> free = new ArrayList<>();
    for (int s = 0; s < slots.size(); s++) {
      if (freeCount[s] >= need) {
        List<UUID> available = new ArrayList<>(freeCount[s]);
        for (int r = 0; r < pool.size(); r++) {
          if (taken[s] == null || !taken[s].get(r)) {
            available.add(pool.get(r));
          }
        }
        free.add(new FreeSlot(slots.get(s), available));
      }
    }
    return free;
  }

  /**
   * Like {@link #freeSlots} but answers counts only (free resources are not named): the database
   * counts per slot, so the cost does not grow with the number of bookings. For wholesale searches.
   */
  public Uni<List<FreeSlot>> freeSlotCounts(CapacityPlan plan, LocalDate from, LocalDate until, int need, Instant now) {
    List<Slot> slots = SlotGenerator.generate(plan.rules(), plan.zone(), from, until).stream()
        .filter(slot -> slot.start().isAfter(now)).toList();
    if (slots.isEmpty() || plan.resources().size() < need) {
      return Uni.createFrom().item(List.of());
    }
    return appointments.busyCounts(plan.resources(), slots.stream().map(Slot::start).toList(),
            slots.stream().map(Slot::end).toList(), now)
        .map(busy -> {
          List<FreeSlot> free = new ArrayList<>();
          for (int s = 0; s < slots.size(); s++) {
            if (plan.resources().size() - busy[s] >= need) {
              free.add(new FreeSlot(slots.get(s), List.of()));
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

package io.slotgate.core.schedule;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.appointment.CapacityChanged;
import io.slotgate.core.appointment.SlotClaims;
import io.slotgate.core.appointment.SlotClaims.Busy;
import io.slotgate.core.cache.TtlCache;
import io.slotgate.core.schedule.CapacityCalendar.FreeSlot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Start times of a service combination where every part still has enough free resources: each part is the
 * combination's slot shifted to that part's stretch (with {@code sameResource}, one part for the whole stretch), checked against its own pool by {@link CapacityCalendar#free}
 * (the last part with the combination's trailing buffer), and a start is free when every part is. The claims are read
 * once per search, like {@link CapacityCalendar}'s, and shared for the availability cache's TTL.
 */
@ApplicationScoped
public class CombinationCalendar {

  private final SlotClaims claims;
  private final TtlCache<String, List<Busy>> busy;

  public CombinationCalendar(SlotClaims claims, SlotgateConfig config) {
    this.claims = claims;
    this.busy = new TtlCache<>(config.availability().cacheTtl());
  }

  /** A free start time: the combination's whole slot, and for each part (in order) the resources free for it. */
  public record FreeStart(Slot slot, List<List<java.util.UUID>> freeByPart) {}

  /** Future start times on local dates [from, until) where every part has {@code need} free resources. */
  public Uni<List<FreeStart>> freeStarts(CombinationPlan plan, LocalDate from, LocalDate until, int need, Instant now) {
    List<Slot> slots = slots(plan, from, until).stream().filter(slot -> slot.start().isAfter(now)).toList();
    if (slots.isEmpty() || !plan.bookable()) {
      return Uni.createFrom().item(List.of());
    }
    Instant first = from.atStartOfDay(plan.zone()).toInstant();
    Instant last = until.plusDays(1).atStartOfDay(plan.zone()).toInstant().plus(plan.trailingBuffer());
    String key = plan.branchId() + "|" + plan.combinationId() + "|" + from + "|" + until;
    return busy.get(key, () -> claims.busy(plan.owner(), plan.resources(), first, last, now))
        .map(taken -> free(plan, slots, taken, need, now));
  }

  static List<FreeStart> free(CombinationPlan plan, List<Slot> slots, List<Busy> taken, int need, Instant now) {
    // One resource takes the whole stretch when it must be the same one: one part, the pool serving them all.
    List<CombinationPlan.Part> parts = plan.sameResource()
        ? List.of(new CombinationPlan.Part(null, plan.length(), plan.parts().getFirst().resources()))
        : plan.parts();
    List<Map<Instant, List<java.util.UUID>>> byPart = new ArrayList<>();
    Duration offset = Duration.ZERO;
    for (int p = 0; p < parts.size(); p++) {
      CombinationPlan.Part part = parts.get(p);
      Duration shift = offset;
      List<Slot> shifted = slots.stream().map(slot -> new Slot(slot.start().plus(shift),
          slot.start().plus(shift).plus(part.length()), slot.classification(), slot.standard())).toList();
      Duration buffer = p == parts.size() - 1 ? plan.trailingBuffer() : Duration.ZERO;
      Map<Instant, List<java.util.UUID>> free = new HashMap<>();
      for (FreeSlot found : CapacityCalendar.free(shifted, buffer, part.resources(), taken, need, now)) {
        free.put(found.slot().start().minus(shift), found.freeResources());
      }
      byPart.add(free);
      offset = offset.plus(part.length());
    }
    List<FreeStart> starts = new ArrayList<>();
    for (Slot slot : slots) {
      List<List<java.util.UUID>> free = byPart.stream().map(part -> part.get(slot.start())).toList();
      if (free.stream().allMatch(java.util.Objects::nonNull)) {
        starts.add(new FreeStart(slot, plan.sameResource() ? plan.parts().stream().map(part -> free.getFirst()).toList()
            : free));
      }
    }
    return starts;
  }

  /** The slot the plan offers with exactly this start and end, whatever its capacity now. */
  public Optional<Slot> offered(CombinationPlan plan, Instant start, Instant end) {
    LocalDate date = start.atZone(plan.zone()).toLocalDate();
    return slots(plan, date, date.plusDays(1)).stream()
        .filter(slot -> slot.start().equals(start) && slot.end().equals(end))
        .findFirst();
  }

  /**
   * The combination's slots on local dates [from, until): the rules' windows cut on the local clock, less any slot
   * that spans a clock change. Its segments follow each other in real minutes, so such a slot would end an hour off
   * its last segment; it is not offered.
   */
  static List<Slot> slots(CombinationPlan plan, LocalDate from, LocalDate until) {
    Duration length = plan.length();
    return SlotGenerator.generate(plan.rules(), plan.zone(), from, until).stream()
        .filter(slot -> Duration.between(slot.start(), slot.end()).equals(length)).toList();
  }

  void changed(@Observes CapacityChanged event) {
    if (event.branchId() != null) {
      String prefix = event.branchId() + "|";
      busy.remove(key -> key.startsWith(prefix));
    }
  }
}

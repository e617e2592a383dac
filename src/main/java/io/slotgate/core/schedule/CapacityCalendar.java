package io.slotgate.core.schedule;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.appointment.CapacityChanged;
import io.slotgate.core.appointment.SlotClaims;
import io.slotgate.core.appointment.SlotClaims.Busy;
import io.slotgate.core.cache.TtlCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Slots of a capacity plan that still have enough free resources.
 *
 * <p>The claims of a plan's resources over the searched dates are read once and shared by concurrent
 * searches for {@code slotgate.availability.cache-ttl}: a search then costs the same however full the
 * calendar is. Changes made through this instance invalidate the branch at once; a lapsed hold is
 * free at once because each claim carries its expiry and is checked at use. Only changes made through
 * another instance can show up to the TTL late, and a search is a snapshot anyway: the hold decides.
 */
@ApplicationScoped
public class CapacityCalendar {

  private final SlotClaims claims;
  private final TtlCache<String, List<Busy>> busy;
  /**
   * The answers computed from a snapshot, for as long as the snapshot lives: identical searches (every ISP
   * asking for the same supplier's service) share one computation. Measured: slot generation and the walk
   * over 50 resources were most of an availability request's CPU (JFR, bench/hotspots.sh).
   */
  private final TtlCache<String, Answer> answers;

  /** Free slots as computed at some instant, right until the first hold counted as busy lapses. */
  private record Answer(List<FreeSlot> free, Instant validUntil) {}

  public CapacityCalendar(SlotClaims claims, SlotgateConfig config) {
    this.claims = claims;
    this.busy = new TtlCache<>(config.availability().cacheTtl());
    this.answers = new TtlCache<>(config.availability().cacheTtl());
  }

  /** A slot with the resources that are free for all of it. */
  public record FreeSlot(Slot slot, List<UUID> freeResources) {}

  /**
   * Future slots starting on local dates [from, until) where at least {@code need} resources of the
   * pool (only {@code requestedResource} when given) are free.
   */
  public Uni<List<FreeSlot>> freeSlots(CapacityPlan plan, LocalDate from, LocalDate until, int need,
      UUID requestedResource, Instant now) {
    String key = plan.branchId() + "|" + plan.serviceId() + "|" + from + "|" + until;
    // The plan's value is in the key: a changed catalogue (a crew retired, a rule added) never meets an old answer.
    // Its purpose too, and its rules in full, not only by hash: one purpose's answer is never served for another's.
    String answer = key + "|" + need + "|" + requestedResource + "|" + plan.purpose() + "|" + plan.hashCode() + "|"
        + plan.rules();
    java.util.function.Supplier<Uni<Answer>> compute = () -> {
      List<Slot> slots = SlotGenerator.generate(plan.rules(), plan.zone(), from, until).stream()
          .filter(slot -> slot.start().isAfter(now)).toList();
      List<UUID> pool = pool(plan, requestedResource);
      if (slots.isEmpty() || pool.size() < need) {
        return Uni.createFrom().item(new Answer(List.of(), Instant.MAX));
      }
      Instant first = from.atStartOfDay(plan.zone()).toInstant();
      Instant last = until.plusDays(1).atStartOfDay(plan.zone()).toInstant();
      return busy.get(key, () -> claims.busy(plan.owner(), plan.resources(), first, last.plus(plan.trailingBuffer()),
              now))
          .map(claims -> new Answer(free(slots, plan.trailingBuffer(), pool, claims, need, now), claims.stream()
              .filter(claim -> claim.expiresAt() != null && claim.liveAt(now)).map(Busy::expiresAt)
              .min(Comparator.naturalOrder()).orElse(Instant.MAX)));
    };
    // A hold that lapsed since the answer was computed frees its slot at once: such an answer is computed again.
    return answers.get(answer, compute)
        .chain(found -> {
          if (now.isBefore(found.validUntil())) {
            return Uni.createFrom().item(found);
          }
          answers.remove(answer::equals);
          return compute.get();
        })
        .map(found -> found.free().stream().filter(slot -> slot.slot().start().isAfter(now)).toList());
  }

  void changed(@Observes CapacityChanged event) {
    if (event.branchId() != null) {
      String prefix = event.branchId() + "|";
      busy.remove(key -> key.startsWith(prefix));
      answers.remove(key -> key.startsWith(prefix));
    }
  }

  /**
   * Which slots keep at least {@code need} free resources for the slot and the {@code buffer} after it (a
   * booking's claim covers both, and the claims read already end with their own bookings' buffers). One
   * resource's live claims never overlap (the exclusion constraint), so sorted by start they are sorted by end
   * too, and one forward pointer per resource walks them alongside the slots (sorted by start):
   * O(resources x (slots + claims)).
   */
  static List<FreeSlot> free(List<Slot> slots, Duration buffer, List<UUID> pool, List<Busy> claims, int need,
      Instant now) {
    Map<UUID, Integer> index = new HashMap<>();
    for (int r = 0; r < pool.size(); r++) {
      index.put(pool.get(r), r);
    }
    List<List<Busy>> byResource = new ArrayList<>();
    pool.forEach(r -> byResource.add(new ArrayList<>()));
    for (Busy b : claims) {
      Integer r = index.get(b.resourceId());
      if (r != null && b.liveAt(now)) {
        byResource.get(r).add(b);
      }
    }
    int[] freeCount = new int[slots.size()];
    BitSet[] taken = new BitSet[slots.size()];
    for (int r = 0; r < pool.size(); r++) {
      List<Busy> intervals = byResource.get(r);
      intervals.sort(Comparator.comparing(Busy::from));
      int next = 0;
      for (int s = 0; s < slots.size(); s++) {
        Slot slot = slots.get(s);
        while (next < intervals.size() && !intervals.get(next).to().isAfter(slot.start())) {
          next++;
        }
        if (next < intervals.size() && intervals.get(next).from().isBefore(slot.end().plus(buffer))) {
          if (taken[s] == null) {
            taken[s] = new BitSet(pool.size());
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

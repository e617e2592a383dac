package io.slotgate.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slotgate.core.appointment.SlotClaims.Busy;
import io.slotgate.core.schedule.CapacityCalendar.FreeSlot;
import io.slotgate.core.supplier.Classification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The free-slot sweep agrees with the obvious check on random schedules, bookings and trailing buffers. */
class CapacityCalendarTest {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void sweepMatchesBruteForceOnRandomData() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      List<UUID> pool = new ArrayList<>();
      int resources = 1 + random.nextInt(6);
      for (int r = 0; r < resources; r++) {
        pool.add(UUID.randomUUID());
      }
      List<Slot> slots = new ArrayList<>();
      for (int s = 0; s < 1 + random.nextInt(30); s++) {
        Instant start = T0.plusSeconds(900L * random.nextInt(96));
        slots.add(new Slot(start, start.plusSeconds(900L * (1 + random.nextInt(8))), Classification.WEEKDAY, true));
      }
      slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::end));
      List<Busy> busy = new ArrayList<>();
      for (UUID resource : pool) {
        Instant cursor = T0;
        while (random.nextInt(4) > 0) {
          Instant from = cursor.plusSeconds(900L * random.nextInt(10));
          Instant to = from.plusSeconds(900L * (1 + random.nextInt(6)));
          busy.add(new Busy(resource, from, to, random.nextBoolean() ? null : T0.plusSeconds(3600L * random.nextInt(48))));
          cursor = to;
        }
      }
      java.util.Collections.shuffle(busy, random);
      int need = 1 + random.nextInt(resources);
      Instant now = T0.plusSeconds(3600L * 24);
      Duration buffer = Duration.ofMinutes(15L * random.nextInt(4));
      List<FreeSlot> fast = CapacityCalendar.free(slots, buffer, pool, busy, need, now);
      List<FreeSlot> slow = new ArrayList<>();
      for (Slot slot : slots) {
        List<UUID> available = pool.stream().filter(r -> busy.stream()
            .noneMatch(b -> b.resourceId().equals(r) && b.liveAt(now) && b.from().isBefore(slot.end().plus(buffer)) && b.to().isAfter(slot.start()))).toList();
        if (available.size() >= need) {
          slow.add(new FreeSlot(slot, available));
        }
      }
      assertEquals(slow, fast, "round " + round);
    }
  }
}

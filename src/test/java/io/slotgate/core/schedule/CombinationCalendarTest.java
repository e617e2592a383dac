package io.slotgate.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slotgate.core.appointment.SlotClaims.Busy;
import io.slotgate.core.schedule.CombinationCalendar.FreeStart;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service combination's free start times, without a database: an advice of 60 minutes (Ann or Bob) then a
 * signing of 30 (Bob or Cas), back to back in Brussels' 08:00-12:00 window, so two starts a day (08:00, 09:30).
 */
class CombinationCalendarTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final LocalDate DAY = LocalDate.parse("2027-05-04");
  static final UUID ANN = UUID.randomUUID();
  static final UUID BOB = UUID.randomUUID();
  static final UUID CAS = UUID.randomUUID();
  static final Instant BEFORE = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void eachSegmentNeedsAFreeResourceOfItsOwnServiceForItsOwnStretch() {
    CombinationPlan plan = plan(false, Duration.ZERO);
    // Cas is busy for the 08:00 start's signing (09:00-09:30 local): Bob signs instead.
    List<FreeStart> free = free(plan, DAY, busy(CAS, "09:00", "10:00"));
    assertEquals(List.of(at(DAY, "08:00"), at(DAY, "09:30")), starts(free));
    assertEquals(List.of(List.of(ANN, BOB), List.of(BOB)), free.getFirst().freeByPart());
    // Bob busy then too: nobody signs at 09:00, so 08:00 is gone, though both advisers are free for the advice.
    free = free(plan, DAY, busy(CAS, "09:00", "10:00"), busy(BOB, "09:00", "09:30"));
    assertEquals(List.of(at(DAY, "09:30")), starts(free));
  }

  @Test
  void withTheSameResourceOneResourceServingBothMustBeFreeForTheWholeStretchAndTheBuffer() {
    CombinationPlan plan = plan(true, Duration.ofMinutes(30));
    // Bob alone serves both. Busy 09:00-09:30: the 08:00 start (08:00-09:30, taken to 10:00) is gone.
    assertEquals(List.of(at(DAY, "09:30")), starts(free(plan, DAY, busy(BOB, "09:00", "09:30"))));
    // Busy 11:10-11:20: inside the 09:30 start's buffer (11:00-11:30) only.
    assertEquals(List.of(at(DAY, "08:00")), starts(free(plan, DAY, busy(BOB, "11:10", "11:20"))));
    // Ann and Cas being busy changes nothing: neither serves both.
    assertEquals(2, free(plan, DAY, busy(ANN, "08:00", "12:00"), busy(CAS, "08:00", "12:00")).size());
  }

  @Test
  void segmentsFollowTheLocalClockAcrossTheSpringChange() {
    // Brussels goes from +01:00 to +02:00 on 28 March 2027: 08:00 local is 07:00Z the day before, 06:00Z that day.
    CombinationPlan plan = plan(false, Duration.ZERO);
    LocalDate before = LocalDate.parse("2027-03-27");
    List<FreeStart> free = free(plan, before, before.plusDays(2));
    assertEquals(List.of(Instant.parse("2027-03-27T07:00:00Z"), Instant.parse("2027-03-27T08:30:00Z"),
        Instant.parse("2027-03-28T06:00:00Z"), Instant.parse("2027-03-28T07:30:00Z")), starts(free));
    assertEquals(List.of(Instant.parse("2027-03-28T06:00:00Z"), Instant.parse("2027-03-28T07:00:00Z")),
        plan.starts(Instant.parse("2027-03-28T06:00:00Z")));
  }

  @Test
  void aStartWhoseStretchSpansTheClockChangeIsNotOffered() {
    // Open all night on 25 October 2026, when Brussels goes back from +02:00 to +01:00 at 03:00: the local slot
    // 01:30-03:00 lasts 150 real minutes, not the combination's 90, so its last segment would end an hour early.
    CombinationPlan plan = plan(false, Duration.ZERO, LocalTime.of(0, 0), LocalTime.of(6, 0));
    LocalDate day = LocalDate.parse("2026-10-25");
    List<Instant> starts = starts(free(plan, day, day.plusDays(1)));
    assertEquals(List.of(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"),
        Instant.parse("2026-10-25T03:30:00Z")), starts);
  }

  private static CombinationPlan plan(boolean sameResource, Duration buffer) {
    return plan(sameResource, buffer, LocalTime.of(8, 0), LocalTime.of(12, 0));
  }

  private static CombinationPlan plan(boolean sameResource, Duration buffer, LocalTime opens, LocalTime closes) {
    WindowRule window = new WindowRule(EnumSet.allOf(DayOfWeek.class), opens, closes, 90, null, true);
    List<CombinationPlan.Part> parts = sameResource
        ? List.of(new CombinationPlan.Part(UUID.randomUUID(), Duration.ofMinutes(60), List.of(BOB)),
            new CombinationPlan.Part(UUID.randomUUID(), Duration.ofMinutes(30), List.of(BOB)))
        : List.of(new CombinationPlan.Part(UUID.randomUUID(), Duration.ofMinutes(60), List.of(ANN, BOB)),
            new CombinationPlan.Part(UUID.randomUUID(), Duration.ofMinutes(30), List.of(BOB, CAS)));
    return new CombinationPlan(UUID.randomUUID(), UUID.randomUUID(), "OWNER", BRUSSELS, sameResource, buffer, List.of(window),
        parts, Map.of());
  }

  private static List<FreeStart> free(CombinationPlan plan, LocalDate day, Busy... busy) {
    return free(plan, day, day.plusDays(1), busy);
  }

  private static List<FreeStart> free(CombinationPlan plan, LocalDate from, LocalDate until, Busy... busy) {
    List<Slot> slots = CombinationCalendar.slots(plan, from, until);
    return CombinationCalendar.free(plan, slots, List.of(busy), 1, BEFORE);
  }

  private static Busy busy(UUID resource, String from, String to) {
    return new Busy(resource, at(DAY, from), at(DAY, to), null);
  }

  private static Instant at(LocalDate day, String time) {
    return day.atTime(LocalTime.parse(time)).atZone(BRUSSELS).toInstant();
  }

  private static List<Instant> starts(List<FreeStart> free) {
    return free.stream().map(start -> start.slot().start()).toList();
  }
}

package io.slotgate.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slotgate.core.supplier.Classification;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slot generation in local time, returned in UTC: DST change days and seed 001 classification. */
class ScheduleRulesTest {

  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final EnumSet<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  static WindowRule hourly(int from, int to) {
    return new WindowRule(EVERY_DAY, LocalTime.of(from, 0), LocalTime.of(to, 0), 60, null, true);
  }

  static List<Instant> starts(LocalDate day, WindowRule rule) {
    return SlotGenerator.generate(List.of(rule), LONDON, day, day.plusDays(1)).stream().map(Slot::start).toList();
  }

  @Test
  void eightHourlySlotsEveryDayAcrossTheSpring2026ClockChange() {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    for (String day : List.of("2026-03-28", "2026-03-29", "2026-03-30")) {
      List<Slot> slots = SlotGenerator.generate(List.of(hourly(8, 16)), LONDON, LocalDate.parse(day),
          LocalDate.parse(day).plusDays(1));
      assertEquals(8, slots.size(), day);
      String offsetHour = day.equals("2026-03-28") ? "08" : "07";
      assertEquals(Instant.parse(day + "T" + offsetHour + ":00:00Z"), slots.getFirst().start(), day);
      assertEquals(slots.getFirst().start().plusSeconds(8 * 3600), slots.getLast().end(), day);
    }
  }

  @Test
  void eightHourlySlotsEveryDayAcrossTheAutumn2026ClockChange() {
    // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    assertEquals(Instant.parse("2026-10-24T07:00:00Z"), starts(LocalDate.parse("2026-10-24"), hourly(8, 16)).getFirst());
    assertEquals(Instant.parse("2026-10-25T08:00:00Z"), starts(LocalDate.parse("2026-10-25"), hourly(8, 16)).getFirst());
    assertEquals(Instant.parse("2026-10-26T08:00:00Z"), starts(LocalDate.parse("2026-10-26"), hourly(8, 16)).getFirst());
    assertEquals(8, starts(LocalDate.parse("2026-10-25"), hourly(8, 16)).size());
  }

  @Test
  void aSlotInsideTheSpringForwardGapIsSkipped() {
    // 01:00-02:00 local does not exist on 29 March 2026 in London.
    assertEquals(List.of(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-03-29T02:00:00Z")),
        starts(LocalDate.parse("2026-03-29"), hourly(0, 4)));
  }

  @Test
  void wholeWindowRulesMakeOneSlotPerDayWithSeedClassifications() {
    WindowRule am = new WindowRule(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), LocalTime.of(8, 0),
        LocalTime.of(13, 0), null, null, true);
    List<Slot> slots = SlotGenerator.generate(List.of(am), LONDON, LocalDate.parse("2026-07-13"),
        LocalDate.parse("2026-07-20"));
    assertEquals(2, slots.size());
    assertEquals(new Slot(Instant.parse("2026-07-13T07:00:00Z"), Instant.parse("2026-07-13T12:00:00Z"),
        Classification.WEEKDAY_AM, true), slots.get(0));
    assertEquals(Classification.SATURDAY_AM, slots.get(1).classification());
  }

  @Test
  void classificationFollowsSeed001() {
    assertEquals(Classification.WEEKDAY_AM, Classification.of(DayOfWeek.TUESDAY, LocalTime.of(8, 0), LocalTime.of(13, 0)));
    assertEquals(Classification.WEEKDAY_PM, Classification.of(DayOfWeek.FRIDAY, LocalTime.of(13, 0), LocalTime.of(18, 0)));
    assertEquals(Classification.SATURDAY_EARLY, Classification.of(DayOfWeek.SATURDAY, LocalTime.of(6, 0), LocalTime.of(8, 0)));
    assertEquals(Classification.SUNDAY_EVENING, Classification.of(DayOfWeek.SUNDAY, LocalTime.of(18, 0), LocalTime.of(21, 0)));
    assertEquals(Classification.WEEKDAY, Classification.of(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(18, 0)));
    assertEquals(Classification.SUNDAY_AM, Classification.of(DayOfWeek.SUNDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)));
  }

  @Test
  void aRuleNamingAClassificationOverridesTheTable() {
    WindowRule premium = new WindowRule(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(10, 0), 60,
        Classification.WEEKDAY_EARLY, false);
    List<Slot> slots = SlotGenerator.generate(List.of(premium), LONDON, LocalDate.parse("2026-01-05"),
        LocalDate.parse("2026-01-06"));
    assertEquals(2, slots.size());
    slots.forEach(s -> assertEquals(Classification.WEEKDAY_EARLY, s.classification()));
    slots.forEach(s -> assertEquals(false, s.standard()));
  }
}

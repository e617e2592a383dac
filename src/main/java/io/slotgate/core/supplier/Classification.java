package io.slotgate.core.supplier;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** Timeslot classifications of the wholesale seed (001), and the rule that derives one from local times. */
public enum Classification {
  WEEKDAY, WEEKDAY_AM, WEEKDAY_PM, WEEKDAY_EARLY, WEEKDAY_EVENING,
  SATURDAY, SATURDAY_AM, SATURDAY_PM, SATURDAY_EARLY, SATURDAY_EVENING,
  SUNDAY, SUNDAY_AM, SUNDAY_PM, SUNDAY_EARLY, SUNDAY_EVENING;

  private static final LocalTime EIGHT = LocalTime.of(8, 0);
  private static final LocalTime ONE = LocalTime.of(13, 0);
  private static final LocalTime SIX = LocalTime.of(18, 0);

  /**
   * Seed 001's table: AM is 08:00-13:00, PM 13:00-18:00, EARLY ends by 08:00, EVENING starts at 18:00 or
   * later; a slot that fits none of these parts is the full-day class.
   */
  public static Classification of(DayOfWeek day, LocalTime start, LocalTime end) {
    String prefix = switch (day) {
      case SATURDAY -> "SATURDAY";
      case SUNDAY -> "SUNDAY";
      default -> "WEEKDAY";
    };
    String part;
    if (!start.isBefore(EIGHT) && !end.isAfter(ONE)) {
      part = "_AM";
    } else if (!start.isBefore(ONE) && !end.isAfter(SIX)) {
      part = "_PM";
    } else if (!end.isAfter(EIGHT)) {
      part = "_EARLY";
    } else if (!start.isBefore(SIX)) {
      part = "_EVENING";
    } else {
      part = "";
    }
    return valueOf(prefix + part);
  }
}

package io.slotgate.core.schedule;

import io.slotgate.core.supplier.Classification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts schedule rules into slots: in the branch's local time, returned in UTC.
 *
 * <p>Slots are stepped on the local wall clock, so 08:00-16:00 gives eight one-hour slots on every
 * day, DST change days included; only their UTC instants move. A slot whose local start does not
 * exist (inside a spring-forward gap) is skipped; an end inside the gap is shifted past it, as the
 * clock does; in an autumn overlap the earlier offset is used. Identical slots from overlapping rules are reported once.
 */
public final class SlotGenerator {

  private SlotGenerator() {}

  /** Slots starting on local dates {@code from} (inclusive) to {@code until} (exclusive). */
  public static List<Slot> generate(List<WindowRule> rules, ZoneId zone, LocalDate from, LocalDate until) {
    Map<String, Slot> unique = new LinkedHashMap<>();
    for (LocalDate date = from; date.isBefore(until); date = date.plusDays(1)) {
      for (WindowRule rule : rules) {
        if (rule.days().contains(date.getDayOfWeek())) {
          for (Slot slot : cut(rule, zone, date)) {
            unique.putIfAbsent(slot.start() + "/" + slot.end(), slot);
          }
        }
      }
    }
    List<Slot> slots = new ArrayList<>(unique.values());
    slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::end));
    return slots;
  }

  private static List<Slot> cut(WindowRule rule, ZoneId zone, LocalDate date) {
    List<Slot> slots = new ArrayList<>();
    Duration length = rule.slotMinutes() == null
        ? Duration.between(rule.start(), rule.end())
        : Duration.ofMinutes(rule.slotMinutes());
    LocalDateTime windowEnd = date.atTime(rule.end());
    for (LocalDateTime start = date.atTime(rule.start());
        !start.plus(length).isAfter(windowEnd);
        start = start.plus(length)) {
      LocalDateTime end = start.plus(length);
      if (exists(start, zone)) {
        Instant utcStart = ZonedDateTime.of(start, zone).toInstant();
        Instant utcEnd = ZonedDateTime.of(end, zone).toInstant();
        if (utcEnd.isAfter(utcStart)) {
          Classification classification = rule.classification() != null
              ? rule.classification()
              : Classification.of(date.getDayOfWeek(), start.toLocalTime(), localEnd(end, date));
          slots.add(new Slot(utcStart, utcEnd, classification, rule.standard()));
        }
      }
    }
    return slots;
  }

  /** A window ending at midnight classifies as ending at the end of its own day. */
  private static LocalTime localEnd(LocalDateTime end, LocalDate date) {
    return end.toLocalDate().isAfter(date) ? LocalTime.MAX : end.toLocalTime();
  }

  private static boolean exists(LocalDateTime local, ZoneId zone) {
    return !zone.getRules().getValidOffsets(local).isEmpty();
  }
}

package io.slotgate.core.schedule;

import io.slotgate.core.supplier.Classification;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * The schedule engine's view of a schedule rule: on these days, between local start and end, cut
 * slots of {@code slotMinutes} (or one slot for the whole window when {@code slotMinutes} is null).
 */
public record WindowRule(
    Set<DayOfWeek> days,
    LocalTime start,
    LocalTime end,
    Integer slotMinutes,
    Classification classification,
    boolean standard) {}

package io.slotgate.core.appointment;

import java.time.Instant;

/** One recorded status change of an appointment. */
public record HistoryEntry(Instant at, Actor actor, String action, AppointmentStatus from, AppointmentStatus to) {}

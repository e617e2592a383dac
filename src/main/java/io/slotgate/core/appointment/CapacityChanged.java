package io.slotgate.core.appointment;

import java.util.UUID;

/** Fired after this instance changed what occupies a branch's resources (hold, move, reschedule). */
public record CapacityChanged(UUID branchId) {}

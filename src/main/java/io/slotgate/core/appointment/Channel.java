package io.slotgate.core.appointment;

/** The face an appointment was booked through; client ids and idempotency keys are unique per face. */
public enum Channel {
  WHOLESALE,
  BOOKING,
  BACKOFFICE
}

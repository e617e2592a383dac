package io.slotgate.core.appointment;

/** Where an appointment is in its life, and whether it holds capacity there. */
public enum AppointmentStatus {
  RESERVED(true),
  EXPIRED(false),
  INCOMING_REQUEST(true),
  ACCEPTED(true),
  ALTERNATIVE_DATE_REQUESTED(false),
  OUTGOING_INVITE(true),
  CANCELLED(false),
  COMPLETED(false),
  NO_SHOW(false);

  private final boolean occupying;

  AppointmentStatus(boolean occupying) {
    this.occupying = occupying;
  }

  /** Whether an appointment in this status keeps its resources from other bookings. */
  public boolean occupying() {
    return occupying;
  }
}

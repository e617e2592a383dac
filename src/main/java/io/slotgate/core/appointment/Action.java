package io.slotgate.core.appointment;

import static io.slotgate.core.appointment.AppointmentStatus.ACCEPTED;
import static io.slotgate.core.appointment.AppointmentStatus.ALTERNATIVE_DATE_REQUESTED;
import static io.slotgate.core.appointment.AppointmentStatus.CANCELLED;
import static io.slotgate.core.appointment.AppointmentStatus.COMPLETED;
import static io.slotgate.core.appointment.AppointmentStatus.EXPIRED;
import static io.slotgate.core.appointment.AppointmentStatus.INCOMING_REQUEST;
import static io.slotgate.core.appointment.AppointmentStatus.NO_SHOW;
import static io.slotgate.core.appointment.AppointmentStatus.OUTGOING_INVITE;
import static io.slotgate.core.appointment.AppointmentStatus.RESERVED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The allowed moves of CONTRACT.md, as data: each action names the statuses it may start from and
 * where it leads from each. Anything not in this table is refused with APPOINTMENT_STATUS_INVALID.
 */
public enum Action {
  /** The booker confirms a hold; the pool decides whether it needs acceptance. */
  CONFIRM("confirm", Map.of(RESERVED, ACCEPTED)),
  CONFIRM_FOR_ACCEPTANCE("confirm", Map.of(RESERVED, INCOMING_REQUEST)),
  ACCEPT("accept", Map.of(INCOMING_REQUEST, ACCEPTED, OUTGOING_INVITE, ACCEPTED)),
  REQUEST_ALTERNATIVE_DATE("request-alternative-date", Map.of(INCOMING_REQUEST, ALTERNATIVE_DATE_REQUESTED)),
  COMPLETE("complete", Map.of(ACCEPTED, COMPLETED)),
  NO_SHOW_("no-show", Map.of(ACCEPTED, NO_SHOW)),
  CANCEL("cancel", Map.of(RESERVED, CANCELLED, INCOMING_REQUEST, CANCELLED,
      ALTERNATIVE_DATE_REQUESTED, CANCELLED, OUTGOING_INVITE, CANCELLED, ACCEPTED, CANCELLED)),
  RESCHEDULE("reschedule", Map.of(ACCEPTED, ACCEPTED, ALTERNATIVE_DATE_REQUESTED, INCOMING_REQUEST)),
  EXPIRE("expire", Map.of(RESERVED, EXPIRED)),
  UPDATE_CUSTOMER("update-customer", Map.of(INCOMING_REQUEST, INCOMING_REQUEST, ACCEPTED, ACCEPTED,
      ALTERNATIVE_DATE_REQUESTED, ALTERNATIVE_DATE_REQUESTED, OUTGOING_INVITE, OUTGOING_INVITE));

  private final String label;
  private final Map<AppointmentStatus, AppointmentStatus> moves;

  Action(String label, Map<AppointmentStatus, AppointmentStatus> moves) {
    this.label = label;
    this.moves = moves;
  }

  /** The action's name as clients see it (the lifecycle path segment). */
  public String label() {
    return label;
  }

  public Set<AppointmentStatus> from() {
    return moves.isEmpty() ? Set.of() : EnumSet.copyOf(moves.keySet());
  }

  /** The status this action leads to from {@code current}, or null when it is not allowed. */
  public AppointmentStatus target(AppointmentStatus current) {
    return moves.get(current);
  }

  public boolean allowedFrom(AppointmentStatus current) {
    return moves.containsKey(current);
  }
}

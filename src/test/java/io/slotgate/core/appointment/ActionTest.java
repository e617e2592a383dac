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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table of CONTRACT.md, move by move: every allowed move and every refused one. */
class ActionTest {

  /** The contract's moves, written out again: a change to Action's table must be made here too, on purpose. */
  private static final Map<Action, Map<AppointmentStatus, AppointmentStatus>> CONTRACT = new EnumMap<>(Map.of(
      Action.CONFIRM, Map.of(RESERVED, ACCEPTED),
      Action.CONFIRM_FOR_ACCEPTANCE, Map.of(RESERVED, INCOMING_REQUEST),
      Action.ACCEPT, Map.of(INCOMING_REQUEST, ACCEPTED, OUTGOING_INVITE, ACCEPTED),
      Action.REQUEST_ALTERNATIVE_DATE, Map.of(INCOMING_REQUEST, ALTERNATIVE_DATE_REQUESTED),
      Action.COMPLETE, Map.of(ACCEPTED, COMPLETED),
      Action.NO_SHOW_, Map.of(ACCEPTED, NO_SHOW),
      Action.CANCEL, Map.of(RESERVED, CANCELLED, INCOMING_REQUEST, CANCELLED, ALTERNATIVE_DATE_REQUESTED, CANCELLED,
          OUTGOING_INVITE, CANCELLED, ACCEPTED, CANCELLED),
      Action.RESCHEDULE, Map.of(ACCEPTED, ACCEPTED, ALTERNATIVE_DATE_REQUESTED, INCOMING_REQUEST),
      Action.EXPIRE, Map.of(RESERVED, EXPIRED),
      Action.UPDATE_CUSTOMER, Map.of(INCOMING_REQUEST, INCOMING_REQUEST, ACCEPTED, ACCEPTED,
          ALTERNATIVE_DATE_REQUESTED, ALTERNATIVE_DATE_REQUESTED, OUTGOING_INVITE, OUTGOING_INVITE)));

  @Test
  void everyActionFromEveryStatusLeadsWhereTheContractSaysOrIsRefused() {
    assertEquals(Set.of(Action.values()), CONTRACT.keySet(), "every action is in the contract table");
    int allowed = 0;
    for (Action action : Action.values()) {
      for (AppointmentStatus from : AppointmentStatus.values()) {
        AppointmentStatus expected = CONTRACT.get(action).get(from);
        String move = action + " from " + from;
        assertEquals(expected, action.target(from), move);
        assertEquals(expected != null, action.allowedFrom(from), move);
        allowed += expected == null ? 0 : 1;
      }
      assertEquals(CONTRACT.get(action).keySet(), action.from(), action + ".from()");
    }
    assertEquals(19, allowed, "allowed moves in all");
  }

  @Test
  void endedAppointmentsAllowNoMoveAtAll() {
    for (AppointmentStatus ended : Set.of(EXPIRED, CANCELLED, COMPLETED, NO_SHOW)) {
      for (Action action : Action.values()) {
        assertFalse(action.allowedFrom(ended), action + " from " + ended);
        assertNull(action.target(ended), action + " from " + ended);
      }
    }
  }

  @Test
  void onlyAHoldCanBeConfirmedOrExpireAndConfirmingItNeedsAcceptanceOrNot() {
    assertEquals(ACCEPTED, Action.CONFIRM.target(RESERVED));
    assertEquals(INCOMING_REQUEST, Action.CONFIRM_FOR_ACCEPTANCE.target(RESERVED));
    for (AppointmentStatus other : AppointmentStatus.values()) {
      if (other != RESERVED) {
        assertFalse(Action.CONFIRM.allowedFrom(other), "confirm from " + other);
        assertFalse(Action.CONFIRM_FOR_ACCEPTANCE.allowedFrom(other), "confirm for acceptance from " + other);
        assertFalse(Action.EXPIRE.allowedFrom(other), "expire from " + other);
      }
    }
  }

  @Test
  void cancelIsAllowedFromEveryLiveStatusAndOnlyThere() {
    for (AppointmentStatus status : AppointmentStatus.values()) {
      boolean live = Set.of(RESERVED, INCOMING_REQUEST, ALTERNATIVE_DATE_REQUESTED, OUTGOING_INVITE, ACCEPTED)
          .contains(status);
      assertEquals(live, Action.CANCEL.allowedFrom(status), "cancel from " + status);
    }
  }

  @Test
  void reschedulingAnAlternativeDateRequestSendsItBackForAcceptance() {
    assertEquals(INCOMING_REQUEST, Action.RESCHEDULE.target(ALTERNATIVE_DATE_REQUESTED));
    assertEquals(ACCEPTED, Action.RESCHEDULE.target(ACCEPTED));
    assertFalse(Action.RESCHEDULE.allowedFrom(RESERVED), "a hold is rescheduled by holding again");
    assertFalse(Action.UPDATE_CUSTOMER.allowedFrom(RESERVED), "the customer comes with the confirmation");
  }

  @Test
  void labelsAreThePathSegmentsClientsUse() {
    Map<Action, String> labels = new EnumMap<>(Map.of(Action.CONFIRM, "confirm", Action.CONFIRM_FOR_ACCEPTANCE,
        "confirm", Action.ACCEPT, "accept", Action.REQUEST_ALTERNATIVE_DATE, "request-alternative-date",
        Action.COMPLETE, "complete", Action.NO_SHOW_, "no-show", Action.CANCEL, "cancel", Action.RESCHEDULE,
        "reschedule", Action.EXPIRE, "expire", Action.UPDATE_CUSTOMER, "update-customer"));
    for (Action action : Action.values()) {
      assertEquals(labels.get(action), action.label(), action.name());
    }
  }

  @Test
  void aHoldPastItsExpiryIsExpiredWhetherOrNotTheSweeperRecordedIt() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    assertEquals(EXPIRED, Appointment.effective(RESERVED, now.minusMillis(1), now));
    assertEquals(EXPIRED, Appointment.effective(RESERVED, now, now), "expiry is exclusive: at the instant it has lapsed");
    assertEquals(RESERVED, Appointment.effective(RESERVED, now.plusMillis(1), now));
    assertEquals(RESERVED, Appointment.effective(RESERVED, null, now), "no expiry, no lapse");
    for (AppointmentStatus other : AppointmentStatus.values()) {
      if (other != RESERVED) {
        assertEquals(other, Appointment.effective(other, now.minusSeconds(60), now), "only holds lapse: " + other);
      }
    }
  }

  @Test
  void liveStatusesOccupyCapacityAndEndedOnesDoNot() {
    for (AppointmentStatus status : AppointmentStatus.values()) {
      boolean occupying = Set.of(RESERVED, INCOMING_REQUEST, ACCEPTED, OUTGOING_INVITE).contains(status);
      assertEquals(occupying, status.occupying(), status.name());
    }
    assertTrue(RESERVED.occupying());
  }
}

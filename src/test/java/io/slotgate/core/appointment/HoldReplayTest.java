package io.slotgate.core.appointment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slotgate.core.DomainFailure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A create retried under a used client id (or Idempotency-Key): the identical request gets the first appointment
 * back, any other request is DUPLICATE_ID, whatever the appointment's status now.
 */
class HoldReplayTest {

  private static final String REFUSAL = "id 7 was already used by this tenant for a different request";

  @Test
  void theIdenticalRequestGetsTheSameAppointmentBack() {
    Appointment first = held("hash-a", AppointmentStatus.RESERVED);
    assertSame(first, first.replayFor("hash-a", REFUSAL));
  }

  @Test
  void anotherRequestUnderTheSameIdIsDuplicateIdWithTheFacesMessage() {
    Appointment first = held("hash-a", AppointmentStatus.RESERVED);
    DomainFailure refused = assertThrows(DomainFailure.class, () -> first.replayFor("hash-b", REFUSAL));
    assertEquals(DomainFailure.Kind.DUPLICATE_ID, refused.kind());
    assertEquals(List.of(REFUSAL), refused.messages());
  }

  @Test
  void theRuleDoesNotDependOnWhatHappenedToTheAppointmentSince() {
    for (AppointmentStatus status : AppointmentStatus.values()) {
      Appointment first = held("hash-a", status);
      assertSame(first, first.replayFor("hash-a", REFUSAL), status.name());
      assertEquals(DomainFailure.Kind.DUPLICATE_ID,
          assertThrows(DomainFailure.class, () -> first.replayFor("hash-b", REFUSAL), status.name()).kind());
    }
  }

  @Test
  void aMissingHashMatchesOnlyAMissingHash() {
    assertEquals(DomainFailure.Kind.DUPLICATE_ID, assertThrows(DomainFailure.class,
        () -> held(null, AppointmentStatus.RESERVED).replayFor("hash-a", REFUSAL)).kind());
    assertEquals(DomainFailure.Kind.DUPLICATE_ID, assertThrows(DomainFailure.class,
        () -> held("hash-a", AppointmentStatus.RESERVED).replayFor(null, REFUSAL)).kind());
    Appointment unhashed = held(null, AppointmentStatus.RESERVED);
    assertSame(unhashed, unhashed.replayFor(null, REFUSAL));
  }

  @Test
  void theHashIsComparedExactly() {
    Appointment first = held("ABC", AppointmentStatus.RESERVED);
    assertThrows(DomainFailure.class, () -> first.replayFor("abc", REFUSAL));
    assertThrows(DomainFailure.class, () -> first.replayFor("ABC ", REFUSAL));
  }

  private static Appointment held(String requestHash, AppointmentStatus status) {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    Actor actor = new Actor("booker", "OTHER", "OTHER");
    return new Appointment(UUID.randomUUID(), status,
        new Appointment.Who("T-1", "OWNER-1", Channel.WHOLESALE, "7", requestHash),
        new Appointment.What("sup-1", "SG-1", UUID.randomUUID(), UUID.randomUUID(), "fttp", null, List.of(),
            Meeting.onLocation()),
        new Appointment.Where("200004033694", "UPRN", "PROVIDE"),
        new Appointment.When(start, start.plusSeconds(1800), "WEEKDAY_AM", true, start.minusSeconds(600), 0),
        new Appointment.Capacity(1, null, List.of(UUID.randomUUID())),
        new Appointment.Details(null, null, List.of(), null, null, null),
        new Appointment.Audit(start.minusSeconds(1200), actor, start.minusSeconds(1200), actor, 0));
  }
}

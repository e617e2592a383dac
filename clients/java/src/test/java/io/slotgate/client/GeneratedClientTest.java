package io.slotgate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.slotgate.client.api.BookingApi;
import io.slotgate.client.api.WholesaleApi;
import io.slotgate.client.model.Address;
import io.slotgate.client.model.AnswerInput;
import io.slotgate.client.model.Appointment;
import io.slotgate.client.model.AppointmentRequest;
import io.slotgate.client.model.BookingTimeslot;
import io.slotgate.client.model.ConfirmRequest;
import io.slotgate.client.model.CustomerDetails;
import io.slotgate.client.model.Reservation;
import io.slotgate.client.model.ReservationRequest;
import io.slotgate.client.model.ServiceSpecification;
import io.slotgate.client.model.Timeslot;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Books through the client openapi-generator made from slotgate's own API document, against a running
 * slotgate with the demo catalogue (scripts/client-check.sh): what an integrator gets in minutes.
 */
class GeneratedClientTest {

  static final String URL = System.getProperty("slotgate.url", "http://localhost:8080");

  static ApiClient client(String tokenProperty) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(URL);
    String token = System.getProperty(tokenProperty);
    assertNotNull(token, "-D" + tokenProperty + " (scripts/client-check.sh passes a token)");
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    return client;
  }

  @Test
  void aRetailIspSearchesHoldsConfirmsAndCancelsThroughTheGeneratedWholesaleClient() throws Exception {
    WholesaleApi wholesale = new WholesaleApi(client("token.TENANT1"));
    String request = "req-" + UUID.randomUUID();
    var offered = wholesale.listAvailableAppointments("{\"id\":\"200004033694\",\"type\":\"UPRN\"}", "PROVIDE",
        "{\"id\":\"fttp\"}", "TENANT1", "conv-client", request, null, null);
    List<Timeslot> slots = offered.getAvailableTimeslots();
    assertFalse(slots.isEmpty(), "the demo supplier offers fttp slots");
    Timeslot slot = slots.get(ThreadLocalRandom.current().nextInt(slots.size()));
    long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 44);
    Appointment held = wholesale.createAppointment("TENANT1", request, "conv-client", new AppointmentRequest()
        .id(id).address(new Address().id("200004033694").type("UPRN"))
        .serviceSpecification(new ServiceSpecification().id("fttp")).purpose(AppointmentRequest.PurposeEnum.PROVIDE)
        .timeslot(new Timeslot().timeslotStartDateTime(slot.getTimeslotStartDateTime())
            .timeslotEndDateTime(slot.getTimeslotEndDateTime())), null);
    assertEquals(id, held.getId());
    assertNotNull(held.getExpiryDateTime());
    // A confirm sent twice with its Idempotency-Key (a client retrying after a lost answer) answers the same.
    String confirmKey = "confirm-" + UUID.randomUUID();
    Appointment confirmed = wholesale.confirmAppointment(String.valueOf(id), "TENANT1", request, "conv-client",
        confirmKey, new ConfirmRequest().orderReference("ORD-" + id));
    assertEquals(Appointment.StatusEnum.ACCEPTED, confirmed.getStatus());
    assertEquals(confirmed, wholesale.confirmAppointment(String.valueOf(id), "TENANT1", request, "conv-client",
        confirmKey, new ConfirmRequest().orderReference("ORD-" + id)));
    Appointment cancelled = wholesale.cancelAppointment(String.valueOf(id), "TENANT1", request, "conv-client", null);
    assertEquals(Appointment.StatusEnum.CANCELLED, cancelled.getStatus());
    assertEquals(Appointment.StatusEnum.CANCELLED,
        wholesale.retrieveAppointment(String.valueOf(id), "TENANT1", request, "conv-client").getStatus());
  }

  @Test
  void aBookingPageReservesAndConfirmsThroughTheGeneratedBookingClient() throws Exception {
    BookingApi booking = new BookingApi(client("token.BANK1"));
    String service = "ba4c0000-0000-4000-8000-000000000011";
    String branch = "ba4c0000-0000-4000-8000-000000000001";
    List<BookingTimeslot> slots = booking.listTimeslots(service, branch, "BANK1", null, 1, null, null);
    assertFalse(slots.isEmpty(), "the demo bank offers timeslots");
    BookingTimeslot slot = slots.get(ThreadLocalRandom.current().nextInt(slots.size()));
    // X-TENANT-ID is required (seed 003), so generated clients take it before the optional parameters.
    Reservation reserved = booking.createReservation("BANK1", new ReservationRequest().serviceId(service).branchId(branch)
        .startTime(slot.getStartTime()).endTime(slot.getEndTime()).numberOfReservations(1), UUID.randomUUID().toString());
    assertEquals(Reservation.StatusEnum.RESERVED, reserved.getStatus());
    Reservation confirmed = booking.confirmReservation(reserved.getId(), "BANK1", new CustomerDetails()
        .personalIdentifier("CLIENT" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999))
        .firstName("Els").lastName("Peeters").email("els@example.com").phoneNumber("+32 9 123 45 67")
        .dateOfBirth("1990-05-01").answers(List.of(new AnswerInput().questionId("purpose").value("A first account"),
            new AnswerInput().questionId("resident").value("yes"))), null);
    assertNotNull(confirmed.getStatus());
    assertEquals(reserved.getId(), booking.retrieveReservation(reserved.getId(), "BANK1").getId());
  }
}

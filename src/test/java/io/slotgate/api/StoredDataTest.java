package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.slotgate.api.events.EventDelivery;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WebhookReceiver;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: what a client was allowed to send is what slotgate can read back. Every stored field at its
 * documented maximum goes in through the booking and lifecycle faces and comes back through both faces,
 * the history and every event type; the input policy is for requests, never for stored JSON.
 */
@QuarkusTest
class StoredDataTest {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The longest answer and note the contract allows: 2048 characters, with a line break and non-ASCII text. */
  static final String LONGEST = ("Réponse\n" + "x".repeat(2048)).substring(0, 2048);

  @Inject EventDelivery delivery;

  @Test
  void everyFieldAtItsMaximumIsReadBackThroughEveryFaceTheHistoryAndEveryEvent() throws Throwable {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      List<Map<String, Object>> questions = List.of(
          Map.of("id", "purpose", "required", true, "questionText", Map.of("en_US", "Why?")),
          Map.of("id", "budget", "required", true, "questionText", Map.of("en_US", "How much?")));
      BookingFixture bank = BookingFixture.create(true, Map.of("informationQuestions", questions));
      String callback = receiver.callback();
      bank.request().contentType(ContentType.JSON).body(Map.of("callback", callback + "?booker"))
          .post("/external/v1/hub").then().statusCode(201);
      given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).contentType(ContentType.JSON)
          .body(Map.of("callback", callback + "?owner")).post("/enterprises/" + bank.tenant + "/hub")
          .then().statusCode(201);

      Map<String, Object> slot = bank.timeslots(null, null, 1).getFirst();
      Map<String, Object> reservation = new HashMap<>(bank.reservation(slot, 1, null));
      reservation.put("notes", LONGEST);
      String id = bank.request().contentType(ContentType.JSON).body(reservation).post("/external/v1/reservations")
          .then().statusCode(201).extract().path("id");
      Map<String, Object> customer = new HashMap<>(Map.of("personalIdentifier", "C".repeat(48),
          "firstName", "É".repeat(255), "lastName", "L".repeat(255), "email", "e".repeat(243) + "@example.com",
          "phoneNumber", "+" + "3".repeat(254), "dateOfBirth", "1990-05-01",
          "answers", List.of(Map.of("questionId", "purpose", "value", LONGEST),
              Map.of("questionId", "budget", "value", LONGEST))));
      bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/reservations/" + id)
          .then().statusCode(201).body("status", equalTo("INCOMING_REQUEST"));
      customer.put("lastName", "M".repeat(255));
      bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/appointments/" + id + "/customer")
          .then().statusCode(200);

      String lifecycle = "/enterprises/" + bank.tenant + "/appointments/" + id;
      var owner = given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant));
      owner.post(lifecycle + "/_actions/accept").then().statusCode(200);
      bank.request().get("/external/v1/reservations/" + id).then().statusCode(200).body("status", equalTo("ACCEPTED"));
      given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).get(lifecycle).then().statusCode(200)
          .body("data.status", equalTo("ACCEPTED"));
      given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).get(lifecycle + "/history").then()
          .statusCode(200);
      bank.request().delete("/external/v1/appointments/" + id).then().statusCode(200)
          .body("status", equalTo("CANCELLED"));

      // Hold, confirm, customer change, accept and cancel: every event type, to the booker and to the owner.
      receiver.pumpUntil(delivery, () -> receiver.received.size() >= 10);
      List<JsonNode> received = new java.util.ArrayList<>();
      for (WebhookReceiver.Delivery event : receiver.received) {
        received.add(JSON.readTree(event.body()));
      }
      assertEquals(10, received.size());
      assertEquals(List.of("AppointmentAttributeValueChangeEvent", "AppointmentCreateEvent",
              "AppointmentStateChangeEvent"),
          received.stream().map(e -> e.get("eventType").asText()).distinct().sorted().toList());
      assertTrue(received.stream().allMatch(e -> e.at("/event/appointment").isObject()));
    }
  }
}

package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the two sides of an appointment. Owners open their capacity to bookers by grants and run
 * what is booked on it from their lifecycle face; bookers reach nothing else. Each test is one of the
 * reported cases.
 */
@QuarkusTest
class TwoSidedTest {

  static final String BOOKER = "T-TWO-SIDED";

  @AfterEach
  void capacityIntact() {
    Db.assertCapacityIntact();
  }

  @Test
  void aBookerCannotRouteItselfToAnotherTenantsSupplier() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false);
    String intruder = "T-INTRUDER-" + ThreadLocalRandom.current().nextInt(1_000_000);
    Response refused = manage(intruder).contentType(ContentType.JSON)
        .body(Map.of("serviceSpecification", supplier.specification, "supplierId", supplier.supplierId))
        .post("/admin/v1/routes");
    refused.then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    Response missing = manage(intruder).contentType(ContentType.JSON)
        .body(Map.of("serviceSpecification", supplier.specification, "supplierId", "no-such-supplier"))
        .post("/admin/v1/routes");
    missing.then().statusCode(404);
    assertEquals(0, Db.count("SELECT count(*) FROM route WHERE tenant = '" + intruder + "'"));
    given().spec(Requests.gateway(intruder)).urlEncodingEnabled(false)
        .queryParam("address", WholesaleFixture.encode("{\"id\":\"200004033694\",\"type\":\"UPRN\"}"))
        .queryParam("serviceSpecification", WholesaleFixture.encode("{\"id\":\"" + supplier.specification + "\"}"))
        .queryParam("appointmentPurpose", "PROVIDE")
        .get(BASE + "/available-appointments").then().statusCode(422);
    // Nor can it grant itself access to a supplier it does not own.
    manage(intruder).contentType(ContentType.JSON)
        .body(Map.of("tenant", intruder, "serviceSpecifications", List.of(supplier.specification)))
        .post("/admin/v1/suppliers/" + supplier.supplierId + "/grants").then().statusCode(404);
  }

  @Test
  void supplierIdsBelongToTheirOwnerSoAForeignIdAnswersLikeAMissingOne() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false);
    String other = "T-OTHER-OWNER-" + ThreadLocalRandom.current().nextInt(1_000_000);
    Map<String, Object> settings = Map.of("adapter", "calendar", "holdTtlSeconds", 900);
    Response foreign = manage(other).contentType(ContentType.JSON).body(settings)
        .put("/admin/v1/suppliers/" + supplier.supplierId);
    Response missing = manage(other).contentType(ContentType.JSON).body(settings)
        .put("/admin/v1/suppliers/sup-never-created");
    foreign.then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    missing.then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    assertEquals(missing.path("messages[0]").toString().replace("sup-never-created", "ID"),
        foreign.path("messages[0]").toString().replace(supplier.supplierId, "ID"), "no word about ownership");
    manage(other).get("/admin/v1/suppliers/" + supplier.supplierId).then().statusCode(404);
    // The same id is free in another owner's namespace, and both suppliers stay what their owners made them.
    manage(other).contentType(ContentType.JSON).body(Map.of("id", supplier.supplierId, "adapter", "http"))
        .post("/admin/v1/suppliers").then().statusCode(201);
    supplier.asOwner().get("/admin/v1/suppliers/" + supplier.supplierId).then().statusCode(200)
        .body("adapter", equalTo("calendar"));
    assertEquals("2", Db.text("SELECT count(*) FROM supplier WHERE id = '" + supplier.supplierId + "'"));
  }

  @Test
  void theOwnerAcceptsOnItsLifecycleFaceByTheSupplierReferenceAndTheBookerCannot() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, true, BOOKER);
    long clientId = id();
    String reference = supplier.hold(BOOKER, clientId, supplier.available(BOOKER).getFirst()).then().statusCode(201)
        .extract().path("supplierReference");
    given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
        .then().statusCode(200).body("status", equalTo("INCOMING_REQUEST"));
    // The booker, even with the manage scope, has no back office for the supplier's capacity.
    manage(BOOKER).post("/enterprises/" + BOOKER + "/appointments/" + reference + "/_actions/accept")
        .then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
    String internal = Db.text("SELECT id::text FROM appointment WHERE supplier_reference = '" + reference + "'");
    manage(BOOKER).post("/enterprises/" + BOOKER + "/appointments/" + internal + "/_actions/accept")
        .then().statusCode(404);
    supplier.asOwner().get(supplier.lifecycle(reference)).then().statusCode(200)
        .body("data.id", equalTo(internal)).body("data.status", equalTo("INCOMING_REQUEST"));
    supplier.asOwner().post(supplier.lifecycle(reference) + "/_actions/accept").then().statusCode(200)
        .body("data.status", equalTo("ACCEPTED"));
    given().spec(Requests.gateway(BOOKER)).get(BASE + "/appointments/" + clientId).then().statusCode(200)
        .body("status", equalTo("ACCEPTED"));
  }

  /**
   * Issue 22: the wholesale seeds' flow is that the order, carrying the hold's id, reaches the supplier, which then
   * treats the appointment as confirmed. The owner's order system confirms the hold by its supplierReference; a
   * hold that lapsed first is refused, and the booker's own confirm then has nothing left to do.
   */
  @Test
  void theOwnersOrderSystemConfirmsAHoldByItsSupplierReferenceUnlessItLapsed() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, true, BOOKER);
    List<Map<String, Object>> slots = supplier.available(BOOKER);
    long clientId = id();
    String reference = supplier.hold(BOOKER, clientId, slots.getFirst()).then().statusCode(201)
        .extract().path("supplierReference");
    supplier.asOwner().post(supplier.lifecycle(reference) + "/_actions/confirm").then().statusCode(200)
        .body("data.status", equalTo("ACCEPTED"));
    given().spec(Requests.gateway(BOOKER)).get(BASE + "/appointments/" + clientId).then().statusCode(200)
        .body("status", equalTo("ACCEPTED"));
    given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
        .then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"));
    supplier.asOwner().post(supplier.lifecycle(reference) + "/_actions/confirm").then().statusCode(422)
        .body("errors[0].code", equalTo("APPOINTMENT_STATUS_INVALID"));

    long lapsing = id();
    String lapsed = supplier.hold(BOOKER, lapsing, slots.get(1)).then().statusCode(201)
        .extract().path("supplierReference");
    String lapsedId = Db.text("UPDATE appointment SET expires_at = now() - interval '1 second' "
        + "WHERE supplier_reference = '" + lapsed + "' RETURNING id::text");
    Db.text("UPDATE slot_claim SET expires_at = now() - interval '1 second' WHERE appointment_id = '" + lapsedId
        + "' RETURNING 1");
    supplier.asOwner().post(supplier.lifecycle(lapsed) + "/_actions/confirm").then().statusCode(422)
        .body("errors[0].code", equalTo("APPOINTMENT_STATUS_INVALID"));
  }

  @Test
  void theOwnerListsEveryBookersAppointmentsOnItsCapacityNewestFirst() {
    String second = BOOKER + "-2";
    WholesaleFixture supplier = WholesaleFixture.create(3, 900, false, BOOKER, second);
    List<Map<String, Object>> slots = supplier.available(BOOKER);
    long first = id();
    supplier.hold(BOOKER, first, slots.get(0)).then().statusCode(201);
    supplier.hold(second, id(), slots.get(0)).then().statusCode(201);
    long last = id();
    supplier.hold(BOOKER, last, slots.get(1)).then().statusCode(201);
    given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + first + "/_actions/confirm").then().statusCode(200);

    String list = "/enterprises/" + supplier.owner + "/appointments";
    supplier.asOwner().get(list).then().statusCode(200)
        .body("data", hasSize(3)).body("data[0].externalId", equalTo(String.valueOf(last)))
        .body("meta.hasMore", equalTo(false));
    supplier.asOwner().queryParam("status", "RESERVED").get(list).then().statusCode(200).body("data", hasSize(2));
    supplier.asOwner().queryParam("status", "ACCEPTED,CANCELLED").get(list).then().statusCode(200)
        .body("data", hasSize(1)).body("data[0].externalId", equalTo(String.valueOf(first)));
    supplier.asOwner().queryParam("from", slots.get(1).get("timeslotStartDateTime")).get(list).then().statusCode(200)
        .body("data", hasSize(1));
    supplier.asOwner().queryParam("pageSize", 2).get(list).then().statusCode(200)
        .body("data", hasSize(2)).body("meta.hasMore", equalTo(true));
    supplier.asOwner().queryParam("pageSize", 2).queryParam("page", 1).get(list).then().statusCode(200)
        .body("data", hasSize(1)).body("meta.hasMore", equalTo(false));
    supplier.asOwner().queryParam("status", "BOOKED").get(list).then().statusCode(422)
        .body("errors[0].code", equalTo("INVALID_REQUEST"));
    supplier.asOwner().queryParam("pageSize", 1000).get(list).then().statusCode(422);
    // A booker's own back office lists what is on its own capacity: none of these.
    manage(BOOKER).get("/enterprises/" + BOOKER + "/appointments").then().statusCode(200)
        .body("data.externalId", not(org.hamcrest.Matchers.hasItem(String.valueOf(first))));
  }

  @Test
  void retiringTheLastCrewLeavesNothingToOfferOrHold() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, BOOKER);
    Map<String, Object> slot = supplier.available(BOOKER).getFirst();
    String crew = supplier.asOwner().get("/admin/v1/resources").then().statusCode(200).extract().path("[0].id");
    supplier.asOwner().delete("/admin/v1/resources/" + crew).then().statusCode(200);
    assertEquals(List.of(), supplier.available(BOOKER), "no live crew: nothing is offered");
    long clientId = id();
    supplier.hold(BOOKER, clientId, slot).then().statusCode(409).body("code", equalTo("SLOT_UNAVAILABLE"));
    supplier.hold(BOOKER, id(), slot).then().statusCode(409);
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + BOOKER + "' AND external_id = '"
        + clientId + "'"));
  }

  @Test
  void aRescheduleThatCannotClaimIsRefusedAndKeepsItsClaims() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    List<Map<String, Object>> slots = bank.timeslots(null, null, 1);
    String chosen = bank.staff.get(1);
    String id = bank.request().contentType(ContentType.JSON).body(bank.reservation(slots.get(0), 1, chosen))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    bank.request().contentType(ContentType.JSON).body(BookingFixture.customer()).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).header("Tenant", bank.tenant)
        .delete("/admin/v1/resources/" + chosen).then().statusCode(200);
    bank.request().contentType(ContentType.JSON)
        .body(Map.of("startTime", slots.get(3).get("startTime"), "endTime", slots.get(3).get("endTime")))
        .put("/external/v1/appointments/" + id + "/timeslot").then().statusCode(409)
        .body("code", equalTo("SLOT_UNAVAILABLE"));
    assertEquals(1, Db.count("SELECT count(*) FROM slot_claim WHERE appointment_id = '" + id + "' AND NOT released"
        + " AND resource_id = '" + chosen + "' AND lower(during) = '" + slots.get(0).get("startTime") + "'"),
        "the old claim stands");
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant))
        .get("/enterprises/" + bank.tenant + "/appointments/" + id).then().statusCode(200)
        .body("data.status", equalTo("ACCEPTED")).body("data.start", equalTo(slots.get(0).get("startTime")))
        .body("data.appointmentParticipants[1].participant.id", equalTo(chosen));
  }

  @Test
  void theAssignedEmployeeStaysAParticipantAfterEveryFinalMove() {
    WholesaleFixture supplier = WholesaleFixture.create(3, 900, false, BOOKER);
    Map<String, Object> slot = supplier.available(BOOKER).getFirst();
    List<String> crews = supplier.asOwner().get("/admin/v1/resources").then().extract().path("id");
    for (List<String> moves : List.of(List.of("complete"), List.of("no-show"), List.of("cancel"))) {
      long clientId = id();
      String reference = supplier.hold(BOOKER, clientId, slot).then().statusCode(201).extract().path("supplierReference");
      given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
          .then().statusCode(200).body("status", equalTo("ACCEPTED"));
      String employee = supplier.asOwner().get(supplier.lifecycle(reference)).then()
          .extract().path("data.appointmentParticipants[1].participant.id");
      assertTrue(crews.contains(employee), "a crew is assigned: " + employee);
      for (String move : moves) {
        supplier.asOwner().post(supplier.lifecycle(reference) + "/_actions/" + move).then().statusCode(200)
            .body("data.appointmentParticipants[1].type", equalTo("EMPLOYEE"))
            .body("data.appointmentParticipants[1].participant.id", equalTo(employee));
      }
    }
  }

  @Test
  void cancellingAnAppointmentOfARetiredSupplierAnswersWhatItDid() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, BOOKER);
    long clientId = id();
    supplier.hold(BOOKER, clientId, supplier.available(BOOKER).getFirst()).then().statusCode(201);
    given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
        .then().statusCode(200);
    supplier.asOwner().delete("/admin/v1/suppliers/" + supplier.supplierId).then().statusCode(200);
    given().spec(Requests.gateway(BOOKER)).get(BASE + "/appointments/" + clientId).then().statusCode(200)
        .body("status", equalTo("ACCEPTED"));
    given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + clientId + "/_actions/cancel")
        .then().statusCode(200).body("status", equalTo("CANCELLED"));
    given().spec(Requests.gateway(BOOKER)).post(BASE + "/appointments/" + clientId + "/_actions/cancel")
        .then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"));
  }

  @Test
  void theOwnersBackOfficeInvitesOnItsOwnCapacity() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, BOOKER);
    Map<String, Object> slot = supplier.available(BOOKER).getFirst();
    Map<String, Object> invite = Map.of("externalId", "INV-" + id(),
        "start", slot.get("timeslotStartDateTime"), "end", slot.get("timeslotEndDateTime"),
        "subject", Map.of("id", supplier.service), "office", Map.of("id", supplier.branch),
        "appointmentParticipants", List.of(Map.of("role", "PRIMARY", "participant", Map.of("id", "CUST0000000042"),
            "type", "CUSTOMER")), "messageForCustomer", "Please be home");
    String path = "/enterprises/" + supplier.owner + "/appointments";
    String id = supplier.asOwner().contentType(ContentType.JSON).body(invite).post(path).then().statusCode(201)
        .body("data.status", equalTo("OUTGOING_INVITE"))
        .body("data.appointmentParticipants[0].participant.id", equalTo("CUST0000000042"))
        .body("data.messageForCustomer", equalTo("Please be home"))
        .extract().path("data.id");
    supplier.asOwner().contentType(ContentType.JSON).body(invite).post(path).then().statusCode(201)
        .body("data.id", equalTo(id));
    assertTrue(supplier.available(BOOKER).stream().noneMatch(s -> s.equals(slot)), "the invitation occupies the crew");
    supplier.hold(BOOKER, id(), slot).then().statusCode(409);
    Map<String, Object> again = new java.util.HashMap<>(invite);
    again.put("externalId", "INV-" + id());
    supplier.asOwner().contentType(ContentType.JSON).body(again).post(path).then().statusCode(409)
        .body("errors[0].code", equalTo("SLOT_UNAVAILABLE"));
    Map<String, Object> foreignBranch = new java.util.HashMap<>(again);
    foreignBranch.put("office", Map.of("id", BookingFixture.create(false, Map.of()).branch));
    supplier.asOwner().contentType(ContentType.JSON).body(foreignBranch).post(path).then().statusCode(422);
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/accept").then().statusCode(200)
        .body("data.status", equalTo("ACCEPTED"));
    String bookerView = given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, BOOKER))
        .get("/enterprises/" + BOOKER + "/appointments/" + id).then().extract().path("errors[0].code");
    assertNotEquals("OUTGOING_INVITE", bookerView);
    assertEquals("NOT_FOUND", bookerView);
  }

  private static io.restassured.specification.RequestSpecification manage(String tenant) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant);
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 45, 1L << 46);
  }
}

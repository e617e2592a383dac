package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Concurrently;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, routing and fair shares: a grant only offers capacity, the booker chooses its routes, a revoked
 * grant stops the booker taking capacity, and a booker's share of a supplier is capped and rate-limited.
 */
@QuarkusTest
class BookerRoutesTest {

  /** Tenants whose hold rate the test profile limits (application.properties, slotgate.rate.tenants). */
  static final String RATE_LIMITED_BOOKER = "T-RATE-LIMITED";
  static final String RATE_LIMITED_OWNER = "T-RATE-LIMITED-OWNER";
  static final String RATE_LIMITED_BANK = "T-RATE-LIMITED-BANK";

  @AfterEach
  void capacityIntact() {
    Db.assertCapacityIntact();
  }

  @Test
  void anOwnersGrantDoesNotRouteTheBooker() {
    String booker = tenant("T-RETAIL3");
    WholesaleFixture supplier = WholesaleFixture.offer(2, 900, false, Map.of(), booker);
    assertEquals(0, Db.count("SELECT count(*) FROM route WHERE tenant = '" + booker + "'"), "the grant wrote no route");
    supplier.search(booker).then().statusCode(422).body("code", equalTo("INVALID_REQUEST"));
    supplier.hold(booker, id(), Map.of("timeslotStartDateTime", "2031-01-06T08:00:00.000Z",
        "timeslotEndDateTime", "2031-01-06T13:00:00.000Z")).then().statusCode(422);
    manage(booker).get("/admin/v1/routes").then().statusCode(200).body("size()", equalTo(0));
    // A grant to a tenant nobody has heard of is just an offer under that name: accepted, routing nothing.
    supplier.asOwner().contentType(ContentType.JSON)
        .body(Map.of("tenant", tenant("T-NOBODY"), "serviceSpecifications", List.of(supplier.specification)))
        .post("/admin/v1/suppliers/" + supplier.supplierId + "/grants").then().statusCode(201);
    assertEquals(0, Db.count("SELECT count(*) FROM route WHERE supplier_tenant = '" + supplier.owner + "'"));
  }

  @Test
  void theBookerRoutesItselfAfterTheGrantAndBooksEndToEnd() {
    String booker = tenant("T-CHOOSER");
    WholesaleFixture supplier = WholesaleFixture.offer(2, 900, false, Map.of("maxActiveHolds", 5), booker);
    manage(booker).get("/admin/v1/grants").then().statusCode(200)
        .body("find { it.supplierId == '" + supplier.supplierId + "' }.supplierTenant", equalTo(supplier.owner))
        .body("find { it.supplierId == '" + supplier.supplierId + "' }.serviceSpecifications",
            equalTo(List.of(supplier.specification)))
        .body("find { it.supplierId == '" + supplier.supplierId + "' }.maxActiveHolds", equalTo(5));
    supplier.route(booker).then().statusCode(201).body("supplierTenant", equalTo(supplier.owner))
        .body("supplierId", equalTo(supplier.supplierId)).body("id", notNullValue());
    supplier.route(booker).then().statusCode(409).body("code", equalTo("CONFLICT"));
    Map<String, Object> slot = supplier.available(booker).getFirst();
    long clientId = id();
    supplier.hold(booker, clientId, slot).then().statusCode(201).body("supplierReference", notNullValue());
    given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
        .then().statusCode(200).body("status", equalTo("ACCEPTED"));
    // The owner's own list of grants shows the offer; the owner's routes are untouched by it.
    supplier.asOwner().get("/admin/v1/suppliers/" + supplier.supplierId + "/grants").then().statusCode(200)
        .body("tenant", hasItem(booker));
    supplier.asOwner().get("/admin/v1/routes").then().statusCode(200).body("size()", equalTo(0));
  }

  /**
   * Issue 26: the booker's client-id index includes the owner (V18, so that Citus could enforce it per shard); a
   * client id already used towards one owner is still refused towards another, by the probe before the insert.
   */
  @Test
  void aClientIdUsedTowardsOneOwnerIsRefusedTowardsAnother() {
    String booker = tenant("T-TWO-OWNERS");
    WholesaleFixture first = WholesaleFixture.offer(1, 900, false, Map.of(), booker);
    WholesaleFixture second = WholesaleFixture.offer(1, 900, false, Map.of(), booker);
    first.route(booker).then().statusCode(201);
    second.route(booker).then().statusCode(201);
    long clientId = id();
    Map<String, Object> slot = first.available(booker).getFirst();
    first.hold(booker, clientId, slot).then().statusCode(201);
    second.hold(booker, clientId, second.available(booker).getFirst()).then().statusCode(409)
        .body("code", equalTo("DUPLICATE_ID"));
    first.hold(booker, clientId, slot).then().statusCode(201);
    assertEquals(1, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + booker + "'"));
  }

  /**
   * Guarantee 3 across owners under a race: first requests with one client id fired at once towards two owners
   * make one appointment. Each answer is the winner's (201, a replay of the same body) or 409 DUPLICATE_ID.
   */
  @Test
  void firstRequestsRacingWithOneClientIdTowardsTwoOwnersMakeOneAppointment() throws Exception {
    String booker = tenant("T-TWO-OWNERS-RACE");
    WholesaleFixture first = WholesaleFixture.offer(1, 900, false, Map.of(), booker);
    WholesaleFixture second = WholesaleFixture.offer(1, 900, false, Map.of(), booker);
    first.route(booker).then().statusCode(201);
    second.route(booker).then().statusCode(201);
    for (int round = 0; round < 5; round++) {
      long clientId = id();
      Map<String, Object> one = first.available(booker).getFirst();
      Map<String, Object> other = second.available(booker).getFirst();
      for (Response answer : Concurrently.all(10,
          i -> i % 2 == 0 ? first.hold(booker, clientId, one) : second.hold(booker, clientId, other))) {
        int status = answer.statusCode();
        assertTrue(status == 201 || status == 409 && "DUPLICATE_ID".equals(answer.jsonPath().getString("code")),
            "round " + round + ": " + status + " " + answer.asString());
      }
      assertEquals(1, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + booker + "' AND external_id = '"
          + clientId + "'"), "round " + round);
    }
  }

  @Test
  void routingToAnUngrantedSupplierIsRefusedLikeAMissingOne() {
    String booker = tenant("T-UNGRANTED");
    WholesaleFixture supplier = WholesaleFixture.offer(1, 900, false, Map.of(), tenant("T-SOMEONE-ELSE"));
    Response ungranted = supplier.route(booker);
    Response missing = manage(booker).contentType(ContentType.JSON).body(Map.of("serviceSpecification",
        supplier.specification, "supplierId", "sup-never-made", "supplierTenant", "OWNER-NEVER-MADE")).post("/admin/v1/routes");
    ungranted.then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    missing.then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    assertEquals(missing.path("messages[0]").toString().replace("sup-never-made", "ID").replace("OWNER-NEVER-MADE", "O"),
        ungranted.path("messages[0]").toString().replace(supplier.supplierId, "ID").replace(supplier.owner, "O"),
        "no word about whether the supplier exists");
    assertEquals(0, Db.count("SELECT count(*) FROM route WHERE tenant = '" + booker + "'"));
  }

  @Test
  void anotherOwnersGrantNeitherRedirectsTheBookerNorRevealsItsRoutes() {
    String booker = tenant("T-RETAIL1");
    WholesaleFixture chosen = WholesaleFixture.create(2, 900, false, booker);
    // A second owner offers its supplier under the same specification code: the booker's route stays where it
    // chose, and the answer says nothing about what the booker routes where.
    WholesaleFixture intruder = WholesaleFixture.offer(2, 900, false, Map.of());
    intruder.asOwner().contentType(ContentType.JSON).body(Map.of("code", chosen.specification,
            "names", Map.of("en_US", "Same code"), "durationMinutes", 300, "onlineBookable", true,
            "maxNumberOfReservations", 1))
        .post("/admin/v1/services").then().statusCode(201);
    Response offered = intruder.asOwner().contentType(ContentType.JSON)
        .body(Map.of("tenant", booker, "serviceSpecifications", List.of(chosen.specification, intruder.specification)))
        .post("/admin/v1/suppliers/" + intruder.supplierId + "/grants");
    offered.then().statusCode(201);
    assertFalse(offered.asString().contains(chosen.supplierId) || offered.asString().contains(chosen.owner),
        "nothing about the booker's routes: " + offered.asString());
    manage(booker).get("/admin/v1/routes").then().statusCode(200).body("size()", equalTo(1))
        .body("[0].supplierTenant", equalTo(chosen.owner));
    assertFalse(chosen.available(booker).isEmpty());
    // The offer is visible to the booker, which may take it or leave it.
    manage(booker).get("/admin/v1/grants").then().statusCode(200).body("supplierTenant", hasItem(intruder.owner));
  }

  @Test
  void aRevokedGrantStopsHoldsConfirmsAndReschedulesButNotCancels() {
    String booker = tenant("T-REVOKED");
    WholesaleFixture supplier = WholesaleFixture.create(3, 900, false, booker);
    List<Map<String, Object>> slots = supplier.available(booker);
    long confirmed = id();
    supplier.hold(booker, confirmed, slots.get(0)).then().statusCode(201);
    gateway(booker).post(BASE + "/appointments/" + confirmed + "/_actions/confirm").then().statusCode(200);
    long kept = id();
    String keptReference = supplier.hold(booker, kept, slots.get(1)).then().statusCode(201).extract().path("supplierReference");
    gateway(booker).post(BASE + "/appointments/" + kept + "/_actions/confirm").then().statusCode(200);
    long inFlight = id();
    supplier.hold(booker, inFlight, slots.get(2)).then().statusCode(201);

    supplier.asOwner().delete("/admin/v1/suppliers/" + supplier.supplierId + "/grants/" + booker).then().statusCode(200)
        .body("tenant", equalTo(booker));

    supplier.hold(booker, id(), slots.get(3)).then().statusCode(422).body("code", equalTo("INVALID_REQUEST"));
    supplier.search(booker).then().statusCode(422);
    gateway(booker).post(BASE + "/appointments/" + inFlight + "/_actions/confirm").then().statusCode(422)
        .body("messages[0]", org.hamcrest.Matchers.containsString("grant"));
    assertEquals(0, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id"
        + " WHERE a.tenant = '" + booker + "' AND a.external_id = '" + inFlight + "' AND NOT c.released"),
        "the in-flight hold's capacity is released");
    gateway(booker).contentType(ContentType.JSON)
        .body(Map.of("timeslot", Map.of("timeslotStartDateTime", slots.get(4).get("timeslotStartDateTime"),
            "timeslotEndDateTime", slots.get(4).get("timeslotEndDateTime"))))
        .patch(BASE + "/appointments/" + confirmed).then().statusCode(422).body("code", equalTo("INVALID_REQUEST"));
    gateway(booker).get(BASE + "/appointments/" + confirmed).then().statusCode(200).body("status", equalTo("ACCEPTED"))
        .body("timeslot.timeslotStartDateTime", equalTo(slots.get(0).get("timeslotStartDateTime")));
    // Appointments confirmed before the revoke stay, and either side can still cancel them.
    gateway(booker).post(BASE + "/appointments/" + confirmed + "/_actions/cancel").then().statusCode(200)
        .body("status", equalTo("CANCELLED"));
    supplier.asOwner().post(supplier.lifecycle(keptReference) + "/_actions/cancel").then().statusCode(200)
        .body("data.status", equalTo("CANCELLED"));
    // The route is the booker's own: the revoke did not delete it, it just leads nowhere now.
    manage(booker).get("/admin/v1/routes").then().statusCode(200).body("size()", equalTo(1));
  }

  @Test
  void aNarrowerOfferReleasesTheHoldsOfWithdrawnSpecificationsOnly() {
    String booker = tenant("T-NARROWED");
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, booker);
    Map<String, Object> slot = supplier.available(booker).getFirst();
    long held = id();
    supplier.hold(booker, held, slot).then().statusCode(201);
    String grants = "/admin/v1/suppliers/" + supplier.supplierId + "/grants";
    // Offering the same specification again, now capped, keeps the hold.
    supplier.asOwner().contentType(ContentType.JSON).body(Map.of("tenant", booker,
        "serviceSpecifications", List.of(supplier.specification), "maxActiveHolds", 10)).post(grants)
        .then().statusCode(201).body("maxActiveHolds", equalTo(10));
    gateway(booker).get(BASE + "/appointments/" + held).then().statusCode(200).body("status", equalTo("RESERVED"));
    // Offering only another specification withdraws this one: its live hold is released at once.
    String other = "other-" + id();
    supplier.asOwner().contentType(ContentType.JSON).body(Map.of("code", other, "names", Map.of("en_US", "Other"),
        "durationMinutes", 60, "onlineBookable", true, "maxNumberOfReservations", 1)).post("/admin/v1/services")
        .then().statusCode(201);
    supplier.asOwner().contentType(ContentType.JSON).body(Map.of("tenant", booker,
        "serviceSpecifications", List.of(other))).post(grants).then().statusCode(201);
    gateway(booker).get(BASE + "/appointments/" + held).then().statusCode(200).body("status", equalTo("CANCELLED"));
    assertEquals(0, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id"
        + " WHERE a.tenant = '" + booker + "' AND a.external_id = '" + held + "' AND NOT c.released"));
    supplier.search(booker).then().statusCode(422);
    manage(booker).get("/admin/v1/routes").then().statusCode(200).body("size()", equalTo(1));
  }

  @Test
  void maxActiveHoldsCapsTheBookersLiveHoldsUnderConcurrency() throws Exception {
    String booker = tenant("T-CAPPED");
    int cap = 3;
    WholesaleFixture supplier = WholesaleFixture.offer(20, 900, false, Map.of("maxActiveHolds", cap), booker);
    supplier.route(booker).then().statusCode(201);
    Map<String, Object> slot = supplier.available(booker).getFirst();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(id());
    }
    List<Response> answers = Concurrently.all(12, i -> supplier.hold(booker, ids.get(i), slot));
    long won = answers.stream().filter(r -> r.statusCode() == 201).count();
    assertEquals(cap, won, "exactly the cap's number of holds: " + answers.stream().map(Response::statusCode).toList());
    for (Response refused : answers.stream().filter(r -> r.statusCode() != 201).toList()) {
      assertEquals(409, refused.statusCode());
      assertEquals("HOLD_LIMIT_REACHED", refused.path("code"));
    }
    assertEquals(cap, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + booker + "' AND status = 'RESERVED'"));
    // A confirmed hold is no longer a live hold: room for one more. A retry of a held id is never refused.
    long first = ids.stream().filter(id -> answers.get(ids.indexOf(id)).statusCode() == 201).findFirst().orElseThrow();
    supplier.hold(booker, first, slot).then().statusCode(201);
    gateway(booker).post(BASE + "/appointments/" + first + "/_actions/confirm").then().statusCode(200);
    supplier.hold(booker, id(), slot).then().statusCode(201);
    supplier.hold(booker, id(), slot).then().statusCode(409).body("code", equalTo("HOLD_LIMIT_REACHED"));
  }

  @Test
  void holdsBeyondTheBookersRateAre429WithRetryAfterInEachFacesFormat() {
    WholesaleFixture supplier = WholesaleFixture.offerBy(RATE_LIMITED_OWNER + "-" + id(), 20, 900, false, Map.of(),
        RATE_LIMITED_BOOKER);
    supplier.route(RATE_LIMITED_BOOKER).then().statusCode(201);
    Map<String, Object> slot = supplier.available(RATE_LIMITED_BOOKER).getFirst();
    Response limited = firstLimited(i -> supplier.hold(RATE_LIMITED_BOOKER, id(), slot),
        "the burst of the test profile's bucket is spent within 10 holds");
    limited.then().body("code", equalTo("RATE_LIMITED")).body("uuid", notNullValue())
        .header("Retry-After", notNullValue());
    assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);

    // The owner's back office: an invitation is a new appointment of the owner, limited the same way.
    WholesaleFixture owned = WholesaleFixture.offerBy(RATE_LIMITED_OWNER, 20, 900, false, Map.of());
    Map<String, Object> free = owned.available(routeOwn(owned)).getFirst();
    Response lifecycle = firstLimited(i -> owned.asOwner().contentType(ContentType.JSON)
        .body(Map.of("externalId", "INV-" + id(), "start", free.get("timeslotStartDateTime"),
            "end", free.get("timeslotEndDateTime"), "subject", Map.of("id", owned.service),
            "office", Map.of("id", owned.branch), "appointmentParticipants", List.of(Map.of("role", "PRIMARY",
                "participant", Map.of("id", "CUST0000000001"), "type", "CUSTOMER"))))
        .post("/enterprises/" + owned.owner + "/appointments"), "the owner's bucket is spent within 10 invitations");
    lifecycle.then().body("errors[0].code", equalTo("RATE_LIMITED")).body("errors[0].statusCode", equalTo("429"))
        .header("Retry-After", notNullValue());

    // The branch booking face: its reservations are holds of the bank's own tenant.
    BookingFixture bank = BookingFixture.create(RATE_LIMITED_BANK, false, Map.of());
    List<Map<String, Object>> slots = bank.timeslots(null, null, 1);
    Response booking = firstLimited(i -> bank.request().contentType(ContentType.JSON)
        .body(bank.reservation(slots.get(i), 1, null)).post("/external/v1/reservations"),
        "the bank's bucket is spent within 10 reservations");
    booking.then().body("code", equalTo("RATE_LIMITED")).body("messages[0]", notNullValue())
        .header("Retry-After", notNullValue());
  }

  /**
   * The first answer 429 among at most 10 sends of {@code request} (the i-th is {@code request.apply(i)}), every one
   * before it a 201; fails with {@code spent} when the bucket is not spent within 10.
   */
  private static Response firstLimited(IntFunction<Response> request, String spent) {
    for (int i = 0; i < 10; i++) {
      Response answer = request.apply(i);
      if (answer.statusCode() == 429) {
        return answer;
      }
      answer.then().statusCode(201);
    }
    return fail(spent);
  }

  /** The owner routes its own supplier for itself (no grant needed) and answers its own tenant name. */
  private static String routeOwn(WholesaleFixture owned) {
    manage(owned.owner).contentType(ContentType.JSON)
        .body(Map.of("serviceSpecification", owned.specification, "supplierId", owned.supplierId))
        .post("/admin/v1/routes").then().statusCode(201);
    return owned.owner;
  }

  private static io.restassured.specification.RequestSpecification manage(String tenant) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant);
  }

  private static io.restassured.specification.RequestSpecification gateway(String tenant) {
    return given().spec(Requests.gateway(tenant));
  }

  private static String tenant(String prefix) {
    return prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 45, 1L << 46);
  }
}

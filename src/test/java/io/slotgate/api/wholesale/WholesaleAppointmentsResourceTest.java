package io.slotgate.api.wholesale;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.ClockedTest;
import io.slotgate.testing.Concurrently;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.WholesaleFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Face 1 through real HTTP: search, hold (409, retries, expiry), confirm, cancel, reschedule, tenants. */
@QuarkusTest
class WholesaleAppointmentsResourceTest extends ClockedTest {

  static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 40));

  static long id() {
    return IDS.incrementAndGet();
  }

  @Test
  void searchAnswersFreeWindowsSortedWithSeedClassifications() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, "T-SEARCH");
    List<Map<String, Object>> slots = supplier.available("T-SEARCH");
    assertTrue(slots.size() >= 20, "two weeks of AM/PM weekday and Saturday windows: " + slots.size());
    List<Instant> starts = slots.stream().map(s -> Instant.parse((String) s.get("timeslotStartDateTime"))).toList();
    assertEquals(starts.stream().sorted().toList(), starts);
    assertTrue(starts.getFirst().isAfter(Instant.now()));
    slots.forEach(s -> assertTrue(((String) s.get("timeslotStartDateTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00\\.000Z")));
    assertTrue(slots.stream().anyMatch(s -> s.get("classification").equals("WEEKDAY_AM") && s.get("standard").equals(true)));
    assertTrue(slots.stream().anyMatch(s -> s.get("classification").equals("SATURDAY_PM") && s.get("standard").equals(false)));

    given().spec(Requests.gateway("T-SEARCH")).urlEncodingEnabled(false)
        .queryParam("address", WholesaleFixture.encode("{\"id\":\"10025559646\",\"type\":\"UPRN\"}"))
        .queryParam("serviceSpecification", WholesaleFixture.encode("{\"id\":\"" + supplier.specification + "\",\"name\":\"FTTP\"}"))
        .queryParam("appointmentPurpose", "PROVIDE").queryParam("classifications", "SATURDAY_AM,SATURDAY_PM")
        .get(BASE + "/available-appointments").then().statusCode(200)
        .header("X-Conversation-ID", "conv-test")
        .body("address.id", equalTo("10025559646"))
        .body("serviceSpecification.name", equalTo("FTTP"))
        .body("availableTimeslots.classification", org.hamcrest.Matchers.everyItem(matchesPattern("SATURDAY_(AM|PM)")));
  }

  @Test
  void holdAnswers201WithSeedFieldsAndAFullWindowAnswers409() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, "T-HOLD");
    Map<String, Object> slot = supplier.available("T-HOLD").getFirst();
    long first = id();
    supplier.hold("T-HOLD", first, slot).then().statusCode(201)
        .body("id", equalTo((int) first == first ? (Object) (int) first : (Object) first))
        .body("supplierReference", matchesPattern("SG-[0-9A-Z]+"))
        .body("serviceSpecification.name", equalTo("FTTP"))
        .body("purpose", equalTo("PROVIDE"))
        .body("timeslot.classification", equalTo(slot.get("classification")))
        .body("timeslot.standard", equalTo(slot.get("standard")))
        .body("expiryDateTime", matchesPattern(".*\\.\\d{3}Z"));
    supplier.hold("T-HOLD", id(), slot).then().statusCode(201);
    supplier.hold("T-HOLD", id(), slot).then().statusCode(409).body("code", equalTo("SLOT_UNAVAILABLE"));
    assertFalse(supplier.available("T-HOLD").stream()
        .anyMatch(s -> s.get("timeslotStartDateTime").equals(slot.get("timeslotStartDateTime"))));
  }

  @Test
  void expiryIsNowPlusTtlButNeverAfterTheSlotStarts() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, "T-TTL");
    Map<String, Object> slot = supplier.available("T-TTL").getFirst();
    Instant before = Instant.now();
    String expiry = supplier.hold("T-TTL", id(), slot).then().statusCode(201).extract().path("expiryDateTime");
    Instant expires = Instant.parse(expiry);
    Instant start = Instant.parse((String) slot.get("timeslotStartDateTime"));
    Instant ttl = before.plus(Duration.ofMinutes(15));
    assertTrue(!expires.isAfter(start), "never after the slot starts");
    assertTrue(expires.equals(start) || !expires.isBefore(ttl.minusSeconds(1)) && expires.isBefore(ttl.plusSeconds(5)),
        "now + 15 minutes: " + expires);
  }

  @Test
  void concurrentHoldsOnACapacityTwoWindowGiveExactlyTwoWinners() throws Exception {
    List<String> tenants = List.of("T-RACE-1", "T-RACE-2", "T-RACE-3");
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, tenants.toArray(String[]::new));
    Map<String, Object> slot = supplier.available("T-RACE-1").getFirst();
    int requests = 60;
    assertEquals(Map.of(201, 2, 409, requests - 2),
        Concurrently.statuses(requests, i -> supplier.hold(tenants.get(i % tenants.size()), id(), slot).statusCode()));
    assertEquals(2, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
        + "WHERE a.supplier_id = '" + supplier.supplierId + "' AND NOT c.released"));
    assertEquals(2, Db.count("SELECT count(*) FROM appointment WHERE supplier_id = '" + supplier.supplierId + "'"));
  }

  @Test
  void aReplayReturnsTheSameAppointmentAndAnotherBodyIsDuplicateId() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, "T-RETRY");
    List<Map<String, Object>> slots = supplier.available("T-RETRY");
    long id = id();
    Response first = supplier.hold("T-RETRY", id, slots.getFirst());
    first.then().statusCode(201);
    Response again = supplier.hold("T-RETRY", id, slots.getFirst());
    again.then().statusCode(201);
    assertEquals(first.jsonPath().getString("supplierReference"), again.jsonPath().getString("supplierReference"));
    assertEquals(first.jsonPath().getString("expiryDateTime"), again.jsonPath().getString("expiryDateTime"));
    assertEquals(1, Db.count("SELECT count(*) FROM appointment WHERE supplier_id = '" + supplier.supplierId + "'"));
    assertEquals(1, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
        + "WHERE a.supplier_id = '" + supplier.supplierId + "' AND NOT c.released"));

    supplier.hold("T-RETRY", id, slots.get(1)).then().statusCode(409).body("code", equalTo("DUPLICATE_ID"))
        .body("messages[0]", containsString(String.valueOf(id)));
    // The same id in another tenant is another appointment.
    WholesaleFixture.create(1, 900, false);
  }

  @Test
  void aLapsedHoldNeverBlocksAndCanNeverBeConfirmedEvenBeforeTheSweeper() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 1, false, "T-EXPIRY");
    Map<String, Object> slot = supplier.available("T-EXPIRY").getFirst();
    long old = held(supplier, "T-EXPIRY", slot);
    supplier.hold("T-EXPIRY", id(), slot).then().statusCode(409);
    assertFalse(supplier.available("T-EXPIRY").contains(slot));

    clock.advance(Duration.ofSeconds(2));

    assertTrue(supplier.available("T-EXPIRY").contains(slot), "offered again once the hold lapsed");
    given().spec(Requests.gateway("T-EXPIRY")).get(BASE + "/appointments/" + old)
        .then().statusCode(200).body("status", equalTo("EXPIRED"));
    long fresh = held(supplier, "T-EXPIRY", slot);
    act("T-EXPIRY", old, "confirm").then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"))
        .body("messages[0]", containsString("EXPIRED"));
    act("T-EXPIRY", fresh, "confirm").then().statusCode(200).body("status", equalTo("ACCEPTED"));
  }

  @Test
  void confirmAcceptsOrAwaitsAcceptanceAndCancelReleasesTheSlot() {
    WholesaleFixture direct = WholesaleFixture.create(1, 900, false, "T-LIFE");
    Map<String, Object> slot = direct.available("T-LIFE").getFirst();
    long id = held(direct, "T-LIFE", slot);
    given().spec(Requests.gateway("T-LIFE")).contentType(ContentType.JSON).body(Map.of("orderReference", "ORD-1"))
        .post(BASE + "/appointments/" + id + "/_actions/confirm")
        .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("expiryDateTime", org.hamcrest.Matchers.nullValue());
    act("T-LIFE", id, "confirm").then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"));
    assertFalse(direct.available("T-LIFE").contains(slot));
    act("T-LIFE", id, "cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
    assertTrue(direct.available("T-LIFE").contains(slot), "cancel released the slot");

    WholesaleFixture accepting = WholesaleFixture.create(1, 900, true, "T-LIFE");
    Map<String, Object> other = accepting.available("T-LIFE").getFirst();
    long pending = held(accepting, "T-LIFE", other);
    act("T-LIFE", pending, "confirm").then().statusCode(200).body("status", equalTo("INCOMING_REQUEST"));
    // One event per change: the history and what the hub publishes are one row.
    assertEquals(3, Db.count("SELECT count(*) FROM appointment_event e JOIN appointment a ON a.id = e.appointment_id "
        + "WHERE a.external_id = '" + id + "' AND a.tenant = 'T-LIFE'"));
  }

  @Test
  void rescheduleTakesTheNewSlotAtomicallyOrLeavesTheOldBookingStanding() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, "T-MOVE", "T-MOVE-OTHER");
    List<Map<String, Object>> slots = supplier.available("T-MOVE");
    Map<String, Object> original = slots.get(0);
    Map<String, Object> taken = slots.get(1);
    Map<String, Object> free = slots.get(2);
    long id = held(supplier, "T-MOVE", original);
    act("T-MOVE", id, "confirm").then().statusCode(200);
    supplier.hold("T-MOVE-OTHER", id(), taken).then().statusCode(201);

    given().spec(Requests.gateway("T-MOVE")).contentType(ContentType.JSON)
        .body(Map.of("timeslot", Map.of("timeslotStartDateTime", taken.get("timeslotStartDateTime"),
            "timeslotEndDateTime", taken.get("timeslotEndDateTime"))))
        .patch(BASE + "/appointments/" + id).then().statusCode(409).body("code", equalTo("SLOT_UNAVAILABLE"));
    given().spec(Requests.gateway("T-MOVE")).get(BASE + "/appointments/" + id).then().statusCode(200)
        .body("timeslot.timeslotStartDateTime", equalTo(original.get("timeslotStartDateTime")))
        .body("status", equalTo("ACCEPTED"));
    assertFalse(supplier.available("T-MOVE").contains(original), "the old booking still holds its slot");

    given().spec(Requests.gateway("T-MOVE")).contentType(ContentType.JSON)
        .body(Map.of("timeslot", Map.of("timeslotStartDateTime", free.get("timeslotStartDateTime"),
            "timeslotEndDateTime", free.get("timeslotEndDateTime"))))
        .patch(BASE + "/appointments/" + id).then().statusCode(200)
        .body("timeslot.timeslotStartDateTime", equalTo(free.get("timeslotStartDateTime")))
        .body("status", equalTo("ACCEPTED"));
    List<Map<String, Object>> after = supplier.available("T-MOVE");
    assertTrue(after.contains(original), "the old slot was released");
    assertFalse(after.contains(free));
  }

  @Test
  void anotherTenantsAppointmentIsNotFoundButItsCapacityIsShared() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, "T-WALL-A", "T-WALL-B");
    Map<String, Object> slot = supplier.available("T-WALL-A").getFirst();
    long id = held(supplier, "T-WALL-A", slot);
    for (String action : List.of("/_actions/confirm", "/_actions/cancel")) {
      given().spec(Requests.gateway("T-WALL-B")).post(BASE + "/appointments/" + id + action)
          .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
    given().spec(Requests.gateway("T-WALL-B")).get(BASE + "/appointments/" + id).then().statusCode(404);
    given().spec(Requests.gateway("T-WALL-A")).get(BASE + "/appointments/" + id).then().statusCode(200)
        .body("status", equalTo("RESERVED"));
    assertFalse(supplier.available("T-WALL-B").contains(slot), "B sees A's hold as taken capacity");
    supplier.hold("T-WALL-B", id, slot).then().statusCode(409).body("code", equalTo("SLOT_UNAVAILABLE"));
  }

  @Test
  void badHoldRequestsGetTheDocumentedErrorNamingTheFieldAndStoreNothing() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, "T-BAD");
    Map<String, Object> slot = supplier.available("T-BAD").getFirst();
    Map<String, Object> good = supplier.holdBody(id(), slot);
    record Case(Object body, int status, String code, String mentions) {}
    List<Case> cases = new ArrayList<>();
    for (String field : List.of("id", "address", "serviceSpecification", "timeslot")) {
      Map<String, Object> body = new HashMap<>(good);
      body.remove(field);
      cases.add(new Case(body, 422, "INVALID_REQUEST", field));
    }
    cases.add(new Case(with(good, "address", Map.of("type", "UPRN")), 422, "INVALID_REQUEST", "address.id"));
    cases.add(new Case(with(good, "address", Map.of("id", "1")), 422, "INVALID_REQUEST", "address.type"));
    cases.add(new Case(with(good, "serviceSpecification", Map.of("name", "x")), 422, "INVALID_REQUEST", "serviceSpecification.id"));
    cases.add(new Case(with(good, "purpose", "INSTALL"), 422, "INVALID_REQUEST", "purpose"));
    cases.add(new Case(with(good, "timeslot", Map.of("timeslotStartDateTime", slot.get("timeslotStartDateTime"))),
        422, "INVALID_REQUEST", "timeslot.timeslotEndDateTime"));
    cases.add(new Case(with(good, "timeslot", Map.of("timeslotStartDateTime", "tomorrow",
        "timeslotEndDateTime", slot.get("timeslotEndDateTime"))), 400, "MALFORMED_REQUEST", "timeslot.timeslotStartDateTime"));
    cases.add(new Case(with(good, "timeslot", Map.of("timeslotStartDateTime", slot.get("timeslotEndDateTime"),
        "timeslotEndDateTime", slot.get("timeslotStartDateTime"))), 422, "INVALID_REQUEST", "after"));
    cases.add(new Case(with(good, "timeslot", Map.of("timeslotStartDateTime", "2020-01-06T08:00:00.000Z",
        "timeslotEndDateTime", "2020-01-06T13:00:00.000Z")), 422, "INVALID_REQUEST", "past"));
    Instant start = Instant.parse((String) slot.get("timeslotStartDateTime"));
    cases.add(new Case(with(good, "timeslot", Map.of("timeslotStartDateTime", start.plusSeconds(3600).toString(),
        "timeslotEndDateTime", slot.get("timeslotEndDateTime"))), 422, "INVALID_REQUEST", "not offered"));
    cases.add(new Case(with(good, "serviceSpecification", Map.of("id", "copper")), 422, "INVALID_REQUEST", "copper"));
    cases.add(new Case(with(good, "id", 1.5), 400, "MALFORMED_REQUEST", "id"));
    cases.add(new Case(with(good, "address", "200004033694"), 400, "MALFORMED_REQUEST", "address"));
    cases.add(new Case("{\"id\": 1, ", 400, "MALFORMED_REQUEST", "JSON"));
    cases.add(new Case("[]", 400, "MALFORMED_REQUEST", ""));
    for (Case c : cases) {
      given().spec(Requests.gateway("T-BAD")).contentType(ContentType.JSON).body(c.body())
          .post(BASE + "/appointments").then().statusCode(c.status())
          .body("code", equalTo(c.code()))
          .body("uuid", notNullValue())
          .body("messages", hasItem(containsString(c.mentions())));
    }
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = 'T-BAD'"));
  }

  @Test
  void badSearchesGetTheDocumentedErrorNamingTheParameter() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, "T-BADQ");
    String address = WholesaleFixture.encode("{\"id\":\"1\",\"type\":\"UPRN\"}");
    String spec = WholesaleFixture.encode("{\"id\":\"" + supplier.specification + "\"}");
    record Case(String query, int status, String code, String mentions) {}
    List<Case> cases = List.of(
        new Case("serviceSpecification=" + spec + "&appointmentPurpose=PROVIDE", 400, "MALFORMED_REQUEST", "address"),
        new Case("address=" + address + "&serviceSpecification=" + spec, 400, "MALFORMED_REQUEST", "appointmentPurpose"),
        new Case("address=%7Bnope&serviceSpecification=" + spec + "&appointmentPurpose=PROVIDE", 400, "MALFORMED_REQUEST", "address"),
        new Case("address=" + address + "&serviceSpecification=" + spec + "&appointmentPurpose=FIX", 422, "INVALID_REQUEST", "appointmentPurpose"),
        new Case("address=" + address + "&serviceSpecification=" + spec + "&appointmentPurpose=PROVIDE&appointmentFromDate=25-01-2025",
            400, "MALFORMED_REQUEST", "appointmentFromDate"),
        new Case("address=" + address + "&serviceSpecification=" + spec + "&appointmentPurpose=PROVIDE&classifications=WEEKDAY_AM,LUNCH",
            422, "INVALID_REQUEST", "LUNCH"),
        new Case("address=" + WholesaleFixture.encode("{\"type\":\"UPRN\"}") + "&serviceSpecification=" + spec
            + "&appointmentPurpose=PROVIDE", 422, "INVALID_REQUEST", "address.id"));
    for (Case c : cases) {
      given().spec(Requests.gateway("T-BADQ")).urlEncodingEnabled(false)
          .get(BASE + "/available-appointments?" + c.query()).then().statusCode(c.status())
          .body("code", equalTo(c.code())).body("messages", hasItem(containsString(c.mentions())));
    }
  }

  /** Holds {@code slot} for {@code tenant} under a new id, which it answers. */
  private static long held(WholesaleFixture supplier, String tenant, Map<String, Object> slot) {
    long id = id();
    supplier.hold(tenant, id, slot).then().statusCode(201);
    return id;
  }

  /** A confirm or cancel ({@code action}) of the tenant's appointment {@code id}. */
  private static Response act(String tenant, long id, String action) {
    return given().spec(Requests.gateway(tenant)).post(BASE + "/appointments/" + id + "/_actions/" + action);
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> copy = new HashMap<>(body);
    copy.put(field, value);
    return copy;
  }
}

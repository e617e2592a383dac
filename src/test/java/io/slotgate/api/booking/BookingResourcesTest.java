package io.slotgate.api.booking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.ClockedTest;
import io.slotgate.testing.Concurrently;
import io.slotgate.testing.Db;
import io.slotgate.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Face 2 through real HTTP: catalogue, timeslots across DST, reservations, confirmation rules, languages. */
@QuarkusTest
class BookingResourcesTest extends ClockedTest {

  /** A service that asks the customer's date of birth and one required question, "purpose". */
  static final Map<String, Object> ASKS_BIRTH_DATE_AND_PURPOSE = Map.of("requiresDateOfBirth", true,
      "informationQuestions", List.of(Map.of("id", "purpose", "required", true, "questionText", Map.of("en_US", "Why?"))));

  @Test
  void timeslotsAreTheEightHourlySlotsInUtcAcrossTheSpringClockChange() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    // Brussels moves from +01:00 to +02:00 at 01:00 UTC on Sunday 28 March 2027.
    clock.advance(Duration.between(Instant.now(), Instant.parse("2027-03-26T00:00:00Z")));
    List<Map<String, Object>> slots = bank.timeslots("2027-03-27", "2027-03-29", 1);
    assertEquals(24, slots.size());
    assertEquals("2027-03-27T07:00:00.000Z", slots.get(0).get("startTime"));
    assertEquals("2027-03-27T15:00:00.000Z", slots.get(7).get("endTime"));
    assertEquals("2027-03-28T06:00:00.000Z", slots.get(8).get("startTime"));
    assertEquals("2027-03-28T14:00:00.000Z", slots.get(15).get("endTime"));
    assertEquals("2027-03-29T06:00:00.000Z", slots.get(16).get("startTime"));
    assertEquals(3, ((List<?>) slots.get(0).get("availableResources")).size());
  }

  @Test
  void withoutAWindowTimeslotsPageThroughTheWholeBookingHorizonByLinkNext() {
    // Seed 003's timeslots take no dates: a client that follows it must still reach next month, and the horizon.
    BookingFixture bank = BookingFixture.create(false, Map.of());
    clock.advance(Duration.between(Instant.now(), Instant.parse("2027-05-03T10:00:00Z")));
    String next = "/external/v1/services/" + bank.service + "/timeslots?branchId=" + bank.branch;
    List<List<String>> pages = new ArrayList<>();
    while (next != null) {
      var answer = bank.request().get(next).then().statusCode(200).extract();
      pages.add(answer.path("startTime"));
      String link = answer.header("Link");
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      assertTrue(link == null || link.endsWith("; rel=\"next\""), link);
      assertTrue(pages.size() <= 12, "more pages than the 367 days of the horizon make");
    }
    // Pages of 31 days from today (3 May 2027, Brussels) to the horizon, 366 days on (3 May 2028), inclusive.
    assertEquals(12, pages.size());
    assertTrue(pages.getFirst().contains("2027-06-02T13:00:00.000Z"), "the first page reaches next month");
    assertTrue(pages.getFirst().stream().noneMatch(start -> start.startsWith("2027-06-03")));
    assertTrue(pages.get(1).getFirst().startsWith("2027-06-03T06:00"), pages.get(1).getFirst());
    List<String> all = pages.stream().flatMap(List::stream).toList();
    assertEquals(all.stream().sorted().distinct().toList(), all, "pages neither overlap nor repeat");
    assertEquals("2028-05-03T13:00:00.000Z", all.getLast());
    // A client's own window is answered as it asked, whole, and no link follows it.
    var window = bank.request().queryParam("branchId", bank.branch).queryParam("from", "2027-07-01")
        .queryParam("to", "2027-07-02").get("/external/v1/services/" + bank.service + "/timeslots")
        .then().statusCode(200).body("$", hasSize(16)).extract();
    assertEquals(null, window.header("Link"));
  }

  @Test
  void linkNextCarriesThePathPrefixATrustedGatewayForwards() {
    // A gateway serving slotgate under /slotgate/ says so in X-Forwarded-Prefix (the tests call from loopback, a
    // trusted proxy); the link must lead the client back through it (scripts/edge-check.sh does it behind NGINX).
    BookingFixture bank = BookingFixture.create(false, Map.of());
    String link = bank.request().header("X-Forwarded-Prefix", "/slotgate").queryParam("branchId", bank.branch)
        .get("/external/v1/services/" + bank.service + "/timeslots").then().statusCode(200).extract().header("Link");
    assertTrue(link.startsWith("</slotgate/external/v1/services/" + bank.service + "/timeslots?"), link);
  }

  @Test
  void aThirtyMinuteBufferKeepsTheBookedResourceTakenUntilHalfPastAndOnlyThatResource() throws Exception {
    BookingFixture bank = BookingFixture.create(false, Map.of("trailingBufferMinutes", 30));
    clock.advance(Duration.between(Instant.now(), Instant.parse("2027-05-03T06:00:00Z")));
    String an = bank.staff.get(0);
    // Hourly slots 08:00-16:00 in Brussels (UTC+2): An is held 11:00-12:00, so taken until 12:30.
    Map<String, Object> eleven = slotAt(bank.timeslots("2027-05-04", "2027-05-04", 1), "2027-05-04T09:00:00.000Z");
    String id = bank.request().contentType(ContentType.JSON).body(bank.reservation(eleven, 1, an))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    assertEquals("2027-05-04 10:30:00+00", Db.text("SELECT upper(during) AT TIME ZONE 'UTC' || '+00' FROM slot_claim"
        + " WHERE appointment_id = '" + id + "'"));
    List<Map<String, Object>> day = bank.timeslots("2027-05-04", "2027-05-04", 1);
    // 10:00 would run its buffer into the 11:00 booking, 12:00 starts inside the buffer; 13:00 is clear.
    for (String taken : List.of("2027-05-04T08:00:00.000Z", "2027-05-04T10:00:00.000Z")) {
      assertEquals(List.of(bank.staff.get(1), bank.staff.get(2)), free(day, taken), taken);
    }
    assertEquals(bank.staff, free(day, "2027-05-04T11:00:00.000Z"));
    assertEquals(bank.staff, free(day, "2027-05-04T07:00:00.000Z"));
    // The database refuses An at 12:00 however it is asked; Bram is free then.
    Map<String, Object> noon = slotAt(day, "2027-05-04T10:00:00.000Z");
    bank.request().contentType(ContentType.JSON).body(bank.reservation(noon, 1, an)).post("/external/v1/reservations")
        .then().statusCode(409);
    bank.request().contentType(ContentType.JSON).body(bank.reservation(noon, 1, bank.staff.get(1)))
        .post("/external/v1/reservations").then().statusCode(201);
    // The owner's back office sees the buffer (seed 002's trailingBufferTime, minutes).
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant))
        .get("/enterprises/" + bank.tenant + "/appointments/" + id).then().statusCode(200)
        .body("data.trailingBufferTime", equalTo(30));
  }

  @Test
  void twentyConcurrentHoldsThatOverlapOnlyThroughTheBufferHaveOneWinner() throws Exception {
    BookingFixture bank = BookingFixture.create(false, Map.of("trailingBufferMinutes", 30));
    clock.advance(Duration.between(Instant.now(), Instant.parse("2027-05-03T06:00:00Z")));
    String chloe = bank.staff.get(2);
    List<Map<String, Object>> day = bank.timeslots("2027-05-04", "2027-05-04", 1);
    // 11:00-12:00 (taken to 12:30) and 12:00-13:00 do not overlap as slots, only through the buffer.
    List<Map<String, Object>> slots = List.of(slotAt(day, "2027-05-04T09:00:00.000Z"),
        slotAt(day, "2027-05-04T10:00:00.000Z"));
    assertEquals(Map.of(201, 1, 409, 19), Concurrently.statuses(20, i -> bank.request().contentType(ContentType.JSON)
        .body(bank.reservation(slots.get(i % 2), 1, chloe)).post("/external/v1/reservations").statusCode()));
    assertEquals(1, Db.count("SELECT count(*) FROM slot_claim WHERE resource_id = '" + chloe + "' AND NOT released"));
  }

  private static Map<String, Object> slotAt(List<Map<String, Object>> slots, String start) {
    return slots.stream().filter(s -> s.get("startTime").equals(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no free slot at " + start + " in " + slots));
  }

  /** The staff free for the slot starting at {@code start}, in the fixture's order. */
  @SuppressWarnings("unchecked")
  private static List<String> free(List<Map<String, Object>> slots, String start) {
    return ((List<Map<String, Object>>) slotAt(slots, start).get("availableResources")).stream()
        .map(r -> (String) r.get("id")).toList();
  }

  @Test
  void concurrentReservationsOfTheLastFreeResourceHaveOneWinnerAndShortCapacityHoldsNothing() throws Exception {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    Map<String, Object> slot = bank.timeslots(null, null, 1).getFirst();
    String last = bank.staff.get(2);
    assertEquals(Map.of(201, 1, 409, 19), Concurrently.statuses(20, i -> bank.request().contentType(ContentType.JSON)
        .body(bank.reservation(slot, 1, last)).post("/external/v1/reservations").statusCode()));
    long before = Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + bank.tenant + "'");
    bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 3, null))
        .post("/external/v1/reservations").then().statusCode(409).body("code", equalTo("SLOT_UNAVAILABLE"));
    assertEquals(before, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + bank.tenant + "'"));
    assertEquals(1, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
        + "WHERE a.tenant = '" + bank.tenant + "' AND NOT c.released"));
    bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 2, null))
        .post("/external/v1/reservations").then().statusCode(201).body("status", equalTo("RESERVED"));
    assertEquals(0, bank.timeslots(null, null, 1).stream()
        .filter(s -> s.get("startTime").equals(slot.get("startTime"))).count());
  }

  @Test
  void aLapsedReservationFreesItsResourcesWithoutTheSweeperAndCannotBeConfirmed() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    // A slot far enough ahead that it has not started when the clock moves past the hold's expiry.
    Map<String, Object> slot = bank.timeslots(null, null, 1).stream()
        .filter(s -> java.time.Instant.parse((String) s.get("startTime")).isAfter(clock.instant().plus(Duration.ofHours(1))))
        .findFirst().orElseThrow();
    String id = bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 3, null))
        .post("/external/v1/reservations").then().statusCode(201)
        .body("expiresAt", notNullValue()).extract().path("id");
    assertTrue(bank.timeslots(null, null, 1).stream().noneMatch(s -> s.get("startTime").equals(slot.get("startTime"))));
    clock.advance(Duration.ofMinutes(16));
    assertTrue(bank.timeslots(null, null, 3).stream().anyMatch(s -> s.get("startTime").equals(slot.get("startTime"))));
    bank.request().contentType(ContentType.JSON).body(BookingFixture.customer()).put("/external/v1/reservations/" + id)
        .then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"));
  }

  @Test
  void eachCustomerRuleRejectsABadValueNamingTheFieldAndAGoodPayloadConfirms() {
    BookingFixture bank = BookingFixture.create(true, ASKS_BIRTH_DATE_AND_PURPOSE);
    String id = bank.reserveFirstSlot();
    Map<String, Object> good = new HashMap<>(BookingFixture.customer());
    good.put("answers", List.of(Map.of("questionId", "purpose", "value", "A new home")));
    record Case(String field, Object value, String mentions) {}
    List<Case> cases = List.of(
        new Case("personalIdentifier", "short", "personalIdentifier"),
        new Case("personalIdentifier", "has-dashes-1234", "personalIdentifier"),
        new Case("personalIdentifier", "A".repeat(49), "personalIdentifier"),
        new Case("firstName", "", "firstName"),
        new Case("firstName", "x".repeat(256), "firstName"),
        new Case("lastName", null, "lastName"),
        new Case("email", "not-an-email", "email"),
        new Case("email", "a@" + "b".repeat(260) + ".be", "email"),
        new Case("phoneNumber", "call me", "phoneNumber"),
        new Case("dateOfBirth", null, "dateOfBirth"),
        new Case("dateOfBirth", "01/05/1990", "dateOfBirth"),
        new Case("answers", List.of(), "purpose"),
        new Case("answers", List.of(Map.of("questionId", "purpose", "value", "x".repeat(2049))), "2048"),
        new Case("answers", List.of(Map.of("questionId", "purpose", "value", "ok"),
            Map.of("questionId", "zzz", "value", "?")), "zzz"));
    for (Case c : cases) {
      Map<String, Object> body = new HashMap<>(good);
      body.put(c.field(), c.value());
      bank.request().contentType(ContentType.JSON).body(body).put("/external/v1/reservations/" + id)
          .then().statusCode(422).body("code", equalTo("INVALID_REQUEST"))
          .body("messages", hasItem(containsString(c.mentions())));
    }
    bank.request().get("/external/v1/reservations/" + id).then().statusCode(200).body("status", equalTo("RESERVED"));
    bank.request().contentType(ContentType.JSON).body(good).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("INCOMING_REQUEST"));
  }

  /**
   * Issue 22: seed 003's confirm table spells dateofBirth, informationQuestions and answer, and types phoneNumber
   * as an integer. A client coding from it got "dateOfBirth is required" and "must be answered"; now it confirms.
   * Its personalIdentifier, a "string (GUID)" that "must match A-Za-z0-9", is refused with a hyphenated GUID, and the
   * message says how to write it.
   */
  @Test
  void aClientFollowingSeed003sOwnSpellingsConfirms() {
    BookingFixture bank = BookingFixture.create(false, ASKS_BIRTH_DATE_AND_PURPOSE);
    String id = bank.reserveFirstSlot();
    Map<String, Object> seed = new HashMap<>(BookingFixture.customer());
    seed.remove("dateOfBirth");
    seed.put("dateofBirth", "1990-05-01");
    seed.put("phoneNumber", 32912345678L);
    seed.put("informationQuestions", List.of(Map.of("id", "purpose", "answer", "A new home")));
    Map<String, Object> guid = new HashMap<>(seed);
    guid.put("personalIdentifier", "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    bank.request().contentType(ContentType.JSON).body(guid).put("/external/v1/reservations/" + id)
        .then().statusCode(422).body("messages", hasItem(containsString("3fa85f6457174562b3fc2c963f66afa6")));
    bank.request().contentType(ContentType.JSON).body(seed).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));
    String stored = Db.text("SELECT customer::text || answers::text FROM appointment WHERE id = '" + id + "'");
    assertTrue(stored.contains("1990-05-01") && stored.contains("32912345678") && stored.contains("A new home"), stored);
  }

  /**
   * A client generated from the OpenAPI document sends both spellings, the seed's empty or null beside the
   * documented one (the generated Java client did, and got 400 while they were aliases of one field).
   */
  @Test
  void aClientSendingBothSpellingsIsReadByTheDocumentedOne() {
    BookingFixture bank = BookingFixture.create(false, ASKS_BIRTH_DATE_AND_PURPOSE);
    String id = bank.reserveFirstSlot();
    Map<String, Object> both = new HashMap<>(BookingFixture.customer());
    both.put("dateOfBirth", "1990-05-01");
    both.put("dateofBirth", null);
    Map<String, Object> answer = new HashMap<>(Map.of("questionId", "purpose", "value", "A new home"));
    answer.put("id", null);
    answer.put("answer", null);
    both.put("answers", List.of(answer));
    both.put("informationQuestions", List.of());
    bank.request().contentType(ContentType.JSON).body(both).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));
    String stored = Db.text("SELECT customer::text || answers::text FROM appointment WHERE id = '" + id + "'");
    assertTrue(stored.contains("1990-05-01") && stored.contains("A new home"), stored);
  }

  @Test
  void namesComeBackInTheRequestedLanguageWithFallbackToTheTenantDefault() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    bank.request().header("Accept-Language", "en_US").get("/external/v1/services").then().statusCode(200)
        .body("[0].service.name", equalTo("Mortgage advice"))
        .body("[0].service.config.maxNumberOfReservations", equalTo(4))
        .body("[0].resourceSelection.availableResources", hasSize(3))
        .body("[0].branch.id", equalTo(bank.branch));
    bank.request().header("Accept-Language", "nl-NL,en;q=0.5").get("/external/v1/services").then()
        .body("[0].service.name", equalTo("Hypotheekadvies"));
    bank.request().header("Accept-Language", "de_DE").get("/external/v1/services").then()
        .body("[0].service.name", equalTo("Hypotheekadvies"));
    bank.request().get("/external/v1/services/groups").then().statusCode(200)
        .body("serviceGroups[0].name", equalTo("Advies"))
        .body("serviceGroups[0].services[0].name", equalTo("Hypotheekadvies"));
    bank.request().header("Accept-Language", "en_US").get("/external/v1/services/" + bank.service).then()
        .statusCode(200).body("[0].branch.name", equalTo("Gent"));
  }

  @Test
  void idempotencyLimitsAndOnlineBookabilityAreEnforced() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    Map<String, Object> slot = bank.timeslots(null, null, 1).getFirst();
    String key = UUID.randomUUID().toString();
    String first = bank.request().header("Idempotency-Key", key).contentType(ContentType.JSON)
        .body(bank.reservation(slot, 1, null)).post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    String again = bank.request().header("Idempotency-Key", key).contentType(ContentType.JSON)
        .body(bank.reservation(slot, 1, null)).post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    assertEquals(first, again);
    bank.request().header("Idempotency-Key", key).contentType(ContentType.JSON).body(bank.reservation(slot, 2, null))
        .post("/external/v1/reservations").then().statusCode(409).body("code", equalTo("DUPLICATE_ID"));
    bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 5, null))
        .post("/external/v1/reservations").then().statusCode(422).body("messages[0]", containsString("at most 4"));

    BookingFixture internal = BookingFixture.create(false, Map.of("onlineBookable", false));
    Map<String, Object> other = internal.timeslots(null, null, 1).getFirst();
    internal.request().contentType(ContentType.JSON).body(internal.reservation(other, 1, null))
        .post("/external/v1/reservations").then().statusCode(422).body("messages[0]", containsString("onlineBookable"));
  }

  @Test
  void cancelRescheduleAndTenantWalls() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    List<Map<String, Object>> slots = bank.timeslots(null, null, 1);
    String id = bank.request().contentType(ContentType.JSON).body(bank.reservation(slots.get(0), 1, null))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    bank.request().contentType(ContentType.JSON).body(BookingFixture.customer()).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));
    bank.request().contentType(ContentType.JSON)
        .body(Map.of("startTime", slots.get(1).get("startTime"), "endTime", slots.get(1).get("endTime")))
        .put("/external/v1/appointments/" + id + "/timeslot").then().statusCode(200)
        .body("startTime", equalTo(slots.get(1).get("startTime"))).body("status", equalTo("ACCEPTED"));
    Map<String, Object> changed = new HashMap<>(BookingFixture.customer());
    changed.put("email", "els.peeters@example.com");
    bank.request().contentType(ContentType.JSON).body(changed).put("/external/v1/appointments/" + id + "/customer")
        .then().statusCode(200);

    BookingFixture other = BookingFixture.create(false, Map.of());
    other.request().delete("/external/v1/appointments/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    io.restassured.RestAssured.given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, other.tenant))
        .header("X-TENANT-ID", bank.tenant).get("/external/v1/services").then().statusCode(403)
        .body("code", equalTo("NOT_AUTHORISED"));
    io.restassured.RestAssured.given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, bank.tenant))
        .get("/external/v1/services").then().statusCode(400).body("messages[0]", containsString("X-TENANT-ID"));

    bank.request().delete("/external/v1/appointments/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    bank.request().get("/external/v1/reservations/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
  }
}

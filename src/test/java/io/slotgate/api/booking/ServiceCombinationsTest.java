package io.slotgate.api.booking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's service combinations through real HTTP: several services booked as one appointment, back to back, every
 * segment held or none.
 *
 * <p>The branch (BookingFixture: open 08:00-16:00 Brussels, every day) has the fixture's 60-minute advice served by
 * An, Bram and Chloé, a 30-minute documents check with a required question, and a 30-minute signing that needs a
 * date of birth. Dirk serves all three, Eva the check and the signing.
 */
@QuarkusTest
class ServiceCombinationsTest extends ClockedTest {

  private static final String DAY = "2027-05-04";

  private BookingFixture bank;
  private String check;
  private String signing;
  private String dirk;
  private String eva;

  @BeforeEach
  void branchWithThreeServices() {
    clock.advance(Duration.between(Instant.now(), Instant.parse("2027-05-03T06:00:00Z")));
    bank = BookingFixture.create(false, Map.of());
    check = admin("/admin/v1/services", Map.of("names", Map.of("en_US", "Documents check", "nl_NL", "Documentencontrole"),
        "durationMinutes", 30, "onlineBookable", true, "maxNumberOfReservations", 2,
        "informationQuestions", List.of(Map.of("id", "income", "required", true, "questionText",
            Map.of("en_US", "Yearly income?")))));
    signing = admin("/admin/v1/services", Map.of("names", Map.of("en_US", "Signing"), "durationMinutes", 30,
        "onlineBookable", true, "maxNumberOfReservations", 2, "requiresDateOfBirth", true));
    dirk = admin("/admin/v1/resources", Map.of("branchId", bank.branch, "name", "Dirk",
        "serviceIds", List.of(bank.service, check, signing)));
    eva = admin("/admin/v1/resources", Map.of("branchId", bank.branch, "name", "Eva",
        "serviceIds", List.of(check, signing)));
  }

  @Test
  void aCombinationIsListedBookedConfirmedMovedAndCancelledAsOneAppointment() {
    String combination = combination(List.of(bank.service, check, signing), true, 0);

    // Listed per branch, in the caller's language, services in order with the whole duration.
    bank.request().header("Accept-Language", "nl-NL").get("/external/v1/serviceCombination/branch").then()
        .statusCode(200)
        .body("[0].branch.id", equalTo(bank.branch))
        .body("[0].serviceCombinations[0].id", equalTo(combination))
        .body("[0].serviceCombinations[0].name", equalTo("Advies en ondertekening"))
        .body("[0].serviceCombinations[0].services.id", equalTo(List.of(bank.service, check, signing)))
        .body("[0].serviceCombinations[0].services[1].name", equalTo("Documentencontrole"))
        .body("[0].serviceCombinations[0].duration", equalTo(120));

    // One start every two hours (08:00, 10:00, 12:00, 14:00 Brussels = UTC+2), only Dirk serves all three.
    List<Map<String, Object>> slots = timeslots(combination);
    assertEquals(List.of("2027-05-04T06:00:00.000Z", "2027-05-04T08:00:00.000Z", "2027-05-04T10:00:00.000Z",
        "2027-05-04T12:00:00.000Z"), slots.stream().map(s -> s.get("startTime")).toList());
    Map<String, Object> first = slots.getFirst();
    assertEquals("2027-05-04T08:00:00.000Z", first.get("endTime"));

    String id = reserve(combination, first).then().statusCode(201)
        .body("serviceCombinationId", equalTo(combination))
        .body("serviceId", equalTo(bank.service))
        .body("segments.serviceId", equalTo(List.of(bank.service, check, signing)))
        .body("segments.startTime", equalTo(List.of("2027-05-04T06:00:00.000Z", "2027-05-04T07:00:00.000Z",
            "2027-05-04T07:30:00.000Z")))
        .body("segments[2].endTime", equalTo("2027-05-04T08:00:00.000Z"))
        .body("segments[0].resourceIds", equalTo(List.of(dirk)))
        .body("segments[2].resourceIds", equalTo(List.of(dirk)))
        .extract().path("id");
    assertTrue(timeslots(combination).stream().noneMatch(s -> s.get("startTime").equals(first.get("startTime"))));

    // Confirming asks the union of the services' questions: the check's answer and the signing's date of birth.
    Map<String, Object> customer = new HashMap<>(BookingFixture.customer());
    customer.remove("dateOfBirth");
    bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/serviceCombination/reservations/" + id)
        .then().statusCode(422).body("messages", hasItem(containsString("income")))
        .body("messages", hasItem(containsString("dateOfBirth")));
    customer.put("dateOfBirth", "1990-05-01");
    customer.put("answers", List.of(Map.of("questionId", "income", "value", "50000")));
    bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/serviceCombination/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));

    // The owner's back office sees the combination as the subject, its segments in order.
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant))
        .get("/enterprises/" + bank.tenant + "/appointments/" + id).then().statusCode(200)
        .body("data.subject.id", equalTo(combination))
        .body("data.segments.subject.id", equalTo(List.of(bank.service, check, signing)))
        .body("data.segments[1].start", equalTo("2027-05-04T07:00:00.000Z"))
        .body("data.segments[1].employees.id", equalTo(List.of(dirk)));

    // The one-service reschedule refuses; the combination's moves every segment.
    Map<String, Object> later = slots.get(2);
    bank.request().contentType(ContentType.JSON).body(Map.of("startTime", later.get("startTime"), "endTime",
            later.get("endTime"))).put("/external/v1/appointments/" + id + "/timeslot")
        .then().statusCode(422).body("messages", hasItem(containsString("serviceCombination")));
    bank.request().contentType(ContentType.JSON).body(Map.of("startTime", later.get("startTime"), "endTime",
            later.get("endTime"))).put("/external/v1/serviceCombination/appointments/" + id + "/timeslot")
        .then().statusCode(200)
        .body("startTime", equalTo("2027-05-04T10:00:00.000Z"))
        .body("segments.startTime", equalTo(List.of("2027-05-04T10:00:00.000Z", "2027-05-04T11:00:00.000Z",
            "2027-05-04T11:30:00.000Z")));
    assertTrue(timeslots(combination).stream().anyMatch(s -> s.get("startTime").equals(first.get("startTime"))));
    assertEquals(1, Db.count("SELECT count(*) FROM slot_claim WHERE appointment_id = '" + id + "' AND NOT released"
        + " AND during = tstzrange('2027-05-04T10:00:00Z', '2027-05-04T12:00:00Z', '[)')"));

    // Cancel is the one-service endpoint; every change is one event.
    bank.request().delete("/external/v1/appointments/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    assertEquals(0, Db.count("SELECT count(*) FROM slot_claim WHERE appointment_id = '" + id + "' AND NOT released"));
    assertEquals(4, Db.count("SELECT count(*) FROM appointment_event WHERE appointment_id = '" + id + "'"));
  }

  @Test
  void twentyConcurrentReservationsOfTheLastFreeCombinationStartHaveOneWinnerAndNoSegmentIsHeldAlone()
      throws Exception {
    // Any resource per segment: the advice has four (An, Bram, Chloé, Dirk), the check two (Dirk, Eva).
    String combination = combination(List.of(bank.service, check), false, 0);
    Map<String, Object> slot = timeslots(combination).getFirst();
    assertEquals("2027-05-04T07:30:00.000Z", slot.get("endTime"));
    reserve(combination, slot).then().statusCode(201);
    // One check resource is left at that time, and three advisers: losers take an adviser, then fail the check.
    assertEquals(Map.of(201, 1, 409, 19), Concurrently.statuses(20, i -> reserve(combination, slot).statusCode()));
    String ofTenant = " FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id WHERE a.tenant = '"
        + bank.tenant + "' AND NOT c.released";
    assertEquals(2, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + bank.tenant + "'"));
    assertEquals(2, Db.count("SELECT count(*)" + ofTenant + " AND c.segment = 0"), "one adviser per winner");
    assertEquals(2, Db.count("SELECT count(*)" + ofTenant + " AND c.segment = 1"), "one check per winner");
    assertTrue(timeslots(combination).stream().noneMatch(s -> s.get("startTime").equals(slot.get("startTime"))));
  }

  @Test
  void aCombinationsBufferBlocksOnlyItsResourceUntilTheBufferEnds() {
    // Advice and signing by one resource (only Dirk serves both), then 30 minutes' buffer.
    String combination = combination(List.of(bank.service, signing), true, 30);
    List<Map<String, Object>> slots = timeslots(combination);
    assertEquals("2027-05-04T07:30:00.000Z", slots.getFirst().get("endTime"));
    assertEquals("2027-05-04T07:30:00.000Z", slots.get(1).get("startTime"));
    reserve(combination, slots.getFirst()).then().statusCode(201);
    // Dirk is taken until 08:00 UTC: the 07:30 start is gone, the 09:00 one is not.
    List<String> starts = timeslots(combination).stream().map(s -> (String) s.get("startTime")).toList();
    assertTrue(!starts.contains("2027-05-04T07:30:00.000Z") && starts.contains("2027-05-04T09:00:00.000Z"), starts.toString());
    assertEquals(1, Db.count("SELECT count(*) FROM slot_claim WHERE resource_id = '" + dirk + "' AND NOT released"
        + " AND upper(during) = '2027-05-04T08:00:00Z'"));
    // Only Dirk: An, Bram and Chloé are free for the advice alone from 07:00 to 08:00.
    assertEquals(3, ((List<?>) bank.timeslots(DAY, DAY, 1).stream()
        .filter(s -> s.get("startTime").equals("2027-05-04T07:00:00.000Z")).findFirst().orElseThrow()
        .get("availableResources")).size());
  }

  @Test
  void combinationsRefuseWhatCannotBeBooked() {
    String combination = combination(List.of(bank.service, check), true, 0);
    Map<String, Object> slot = timeslots(combination).getFirst();
    // Not a start the combination offers (the advice's own 09:00 slot), an unknown combination, a bad id.
    bank.request().contentType(ContentType.JSON).body(Map.of("serviceCombinationId", combination,
            "startTime", "2027-05-04T07:00:00.000Z", "endTime", "2027-05-04T08:30:00.000Z"))
        .post("/external/v1/serviceCombination/reservations").then().statusCode(422)
        .body("messages", hasItem(containsString("not offered")));
    bank.request().contentType(ContentType.JSON).body(Map.of("serviceCombinationId", bank.service,
            "startTime", slot.get("startTime"), "endTime", slot.get("endTime")))
        .post("/external/v1/serviceCombination/reservations").then().statusCode(404);
    bank.request().contentType(ContentType.JSON).body(Map.of("serviceCombinationId", "nope",
            "startTime", slot.get("startTime"), "endTime", slot.get("endTime")))
        .post("/external/v1/serviceCombination/reservations").then().statusCode(422)
        .body("messages", hasItem(containsString("serviceCombinationId")));
    bank.request().get("/external/v1/serviceCombination/" + bank.service + "/timeslots").then().statusCode(404);
    // A service that is not bookable online makes its combination so too (listed as such, refused).
    String offline = admin("/admin/v1/services", Map.of("names", Map.of("en_US", "Back office"), "durationMinutes", 30,
        "onlineBookable", false, "maxNumberOfReservations", 1));
    String withOffline = combination(List.of(bank.service, offline), false, 0);
    List<Map<String, Object>> listed = bank.request().get("/external/v1/serviceCombination/branch").then()
        .statusCode(200).extract().path("[0].serviceCombinations");
    assertEquals(Map.of(combination, true, withOffline, false), listed.stream()
        .collect(java.util.stream.Collectors.toMap(c -> c.get("id"), c -> c.get("onlineBookable"))));
    bank.request().contentType(ContentType.JSON).body(Map.of("serviceCombinationId", withOffline,
            "startTime", slot.get("startTime"), "endTime", slot.get("endTime")))
        .post("/external/v1/serviceCombination/reservations").then().statusCode(422)
        .body("messages", hasItem(containsString("not bookable online")));
    // Another tenant neither sees nor books it.
    BookingFixture other = BookingFixture.create(false, Map.of());
    other.request().get("/external/v1/serviceCombination/" + combination + "/timeslots").then().statusCode(404);
    other.request().get("/external/v1/serviceCombination/branch").then().statusCode(200).body("$", hasSize(0));
    // An admin combination naming a service twice, or another tenant's service, is refused.
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).header("Tenant", bank.tenant)
        .contentType(ContentType.JSON).body(Map.of("branchId", bank.branch, "names", Map.of("en_US", "Twice"),
            "serviceIds", List.of(check, check))).post("/admin/v1/service-combinations").then().statusCode(422);
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).header("Tenant", bank.tenant)
        .contentType(ContentType.JSON).body(Map.of("branchId", bank.branch, "names", Map.of("en_US", "Theirs"),
            "serviceIds", List.of(check, other.service))).post("/admin/v1/service-combinations").then().statusCode(422);
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + bank.tenant + "'"));
  }

  private String combination(List<String> services, boolean sameResource, int bufferMinutes) {
    return admin("/admin/v1/service-combinations", Map.of("branchId", bank.branch,
        "names", Map.of("en_US", "Advice and signing", "nl_NL", "Advies en ondertekening"), "serviceIds", services,
        "sameResource", sameResource, "trailingBufferMinutes", bufferMinutes));
  }

  private List<Map<String, Object>> timeslots(String combination) {
    return bank.request().queryParam("from", DAY).queryParam("to", DAY)
        .get("/external/v1/serviceCombination/" + combination + "/timeslots").then().statusCode(200)
        .extract().path("$");
  }

  private io.restassured.response.Response reserve(String combination, Map<String, Object> slot) {
    return bank.request().contentType(ContentType.JSON).body(Map.of("serviceCombinationId", combination,
        "startTime", slot.get("startTime"), "endTime", slot.get("endTime")))
        .post("/external/v1/serviceCombination/reservations");
  }

  private String admin(String path, Map<String, Object> body) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).header("Tenant", bank.tenant)
        .contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract().path("id");
  }
}

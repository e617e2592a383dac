package io.slotgate.api.wholesale;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static io.slotgate.testing.WholesaleFixture.encode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, serviceability and purpose: a supplier covers the UPRNs and postcode prefixes it lists (every address
 * while it lists none), the booker can ask which of its serviceSpecifications an address can get, and a schedule rule
 * limited to purposes gives only those purposes its slots. Through real HTTP with real tokens.
 */
@QuarkusTest
class ServiceabilityTest {

  static final String COVERED = "200004033694";
  static final String UNCOVERED = "100023336956";

  @AfterEach
  void capacityIntact() {
    Db.assertCapacityIntact();
  }

  private static String booker() {
    return "T-SVC-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Response search(WholesaleFixture supplier, String tenant, String addressId, String type,
      String purpose) {
    return given().spec(Requests.gateway(tenant)).urlEncodingEnabled(false)
        .queryParam("address", encode("{\"id\":\"" + addressId + "\",\"type\":\"" + type + "\"}"))
        .queryParam("serviceSpecification", encode("{\"id\":\"" + supplier.specification + "\"}"))
        .queryParam("appointmentPurpose", purpose)
        .get(BASE + "/available-appointments");
  }

  private static Response hold(WholesaleFixture supplier, String tenant, long id, String addressId, String purpose,
      Map<String, Object> slot) {
    Map<String, Object> body = new HashMap<>(supplier.holdBody(id, slot));
    body.put("address", Map.of("id", addressId, "type", "UPRN"));
    body.put("purpose", purpose);
    return given().spec(Requests.gateway(tenant)).contentType(ContentType.JSON).body(body).post(BASE + "/appointments");
  }

  private static Response importCsv(WholesaleFixture supplier, String csv) {
    return supplier.asOwner().contentType("text/csv").body(csv)
        .put("/admin/v1/suppliers/" + supplier.supplierId + "/coverage");
  }

  private static long id() {
    return System.nanoTime() & 0xFFFFFFFFFFL;
  }

  @Test
  void anUncoveredUprnIsRefusedNamingTheAddressForSearchAndHoldAndACoveredOneGetsSlots() {
    String tenant = booker();
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, tenant);
    // No coverage listed: every address is covered (today's behaviour).
    Map<String, Object> slot = supplier.available(tenant).getFirst();
    importCsv(supplier, "type,value\nUPRN," + COVERED + "\n").then().statusCode(200)
        .body("uprns", equalTo(1)).body("postcodePrefixes", equalTo(0));

    search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200)
        .body("availableTimeslots.size()", org.hamcrest.Matchers.greaterThan(0));
    search(supplier, tenant, UNCOVERED, "UPRN", "PROVIDE").then().statusCode(422)
        .body("code", equalTo("INVALID_REQUEST")).body("messages[0]", containsString("address"));

    long refused = id();
    hold(supplier, tenant, refused, UNCOVERED, "PROVIDE", slot).then().statusCode(422)
        .body("code", equalTo("INVALID_REQUEST")).body("messages[0]", containsString("address"));
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + tenant + "' AND external_id = '"
        + refused + "'"), "a refused hold changes nothing");
    hold(supplier, tenant, id(), COVERED, "PROVIDE", slot).then().statusCode(201);
  }

  @Test
  void aPostcodePrefixCoversEveryPostcodeStartingWithIt() {
    String tenant = booker();
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, tenant);
    importCsv(supplier, "POSTCODE,SW1A\npostcode,e1 6\n").then().statusCode(200).body("postcodePrefixes", equalTo(2));
    search(supplier, tenant, "SW1A 1AA", "POSTCODE", "PROVIDE").then().statusCode(200);
    search(supplier, tenant, "sw1a2aa", "POSTCODE", "PROVIDE").then().statusCode(200);
    search(supplier, tenant, "E1 6AN", "POSTCODE", "PROVIDE").then().statusCode(200);
    search(supplier, tenant, "E16 1AA", "POSTCODE", "PROVIDE").then().statusCode(422)
        .body("messages[0]", containsString("address"));
    search(supplier, tenant, "SW1B 1AA", "POSTCODE", "PROVIDE").then().statusCode(422);
    // A supplier listing only postcodes covers no UPRN.
    search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(422);
  }

  @Test
  void twentyThousandUprnsImportInOneRequestAndALookupStaysOneProbe() {
    String tenant = booker();
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, tenant);
    long before = median(() -> search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200));
    StringBuilder csv = new StringBuilder("type,value\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append("UPRN,").append(100_000_000_000L + i * 7L).append('\n');
    }
    csv.append("UPRN,").append(COVERED).append('\n');
    assertTrue(csv.length() > 65536, "larger than the general body limit: " + csv.length());
    long started = System.nanoTime();
    importCsv(supplier, csv.toString()).then().statusCode(200).body("uprns", equalTo(20_001));
    long importMs = (System.nanoTime() - started) / 1_000_000;
    long after = median(() -> search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200));
    search(supplier, tenant, String.valueOf(100_000_000_000L + 7L * 19_999), "UPRN", "PROVIDE").then().statusCode(200);
    search(supplier, tenant, String.valueOf(100_000_000_000L + 1), "UPRN", "PROVIDE").then().statusCode(422);
    System.out.printf("coverage: imported 20,001 UPRNs (%d bytes of CSV) in %d ms; search median %.1f ms without "
        + "coverage, %.1f ms with%n", csv.length(), importMs, before / 1e6, after / 1e6);

    supplier.asOwner().queryParam("limit", 5).get("/admin/v1/suppliers/" + supplier.supplierId + "/coverage")
        .then().statusCode(200).body("uprns", equalTo(20_001)).body("entries.size()", equalTo(5))
        .body("next", org.hamcrest.Matchers.notNullValue());
    // The lookup is an index probe on the coverage's primary key.
    String plan = Db.text("EXPLAIN SELECT 1 FROM supplier_coverage WHERE tenant = '" + supplier.owner
        + "' AND supplier_id = '" + supplier.supplierId + "' AND kind = 'UPRN' AND value = '" + COVERED + "'");
    assertTrue(plan.contains("Index"), plan);

    // The general limit stays: a JSON body over 64 KiB elsewhere is 413.
    supplier.asOwner().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(70_000), "timeZone", "Europe/London"))
        .post("/admin/v1/branches").then().statusCode(413);
    // And the coverage import has its own: 8 MiB.
    importCsv(supplier, "UPRN,1\n".repeat(1_300_000)).then().statusCode(413);
  }

  private static long median(Runnable call) {
    long[] times = new long[21];
    for (int i = 0; i < times.length; i++) {
      long t = System.nanoTime();
      call.run();
      times[i] = System.nanoTime() - t;
    }
    java.util.Arrays.sort(times);
    return times[times.length / 2];
  }

  @Test
  void aBadCsvLineIsNamedWithItsNumberAndNothingIsImported() {
    String tenant = booker();
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, false, tenant);
    importCsv(supplier, "UPRN," + COVERED + "\n").then().statusCode(200);
    Response bad = importCsv(supplier, "type,value\nUPRN,1\nUPRN,12ab\nUPRN,3\nREGION,north\n");
    bad.then().statusCode(422).body("code", equalTo("INVALID_REQUEST"))
        .body("messages", hasItem(containsString("line 3")))
        .body("messages", hasItem(containsString("12ab")))
        .body("messages", hasItem(containsString("line 5")));
    // All or nothing: the earlier list stands.
    supplier.asOwner().get("/admin/v1/suppliers/" + supplier.supplierId + "/coverage").then().statusCode(200)
        .body("uprns", equalTo(1)).body("entries[0].value", equalTo(COVERED));
    search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200);
    search(supplier, tenant, "1", "UPRN", "PROVIDE").then().statusCode(422);
    // A few entries added and removed.
    supplier.asOwner().contentType(ContentType.JSON)
        .body(Map.of("add", List.of(Map.of("type", "UPRN", "value", UNCOVERED)),
            "remove", List.of(Map.of("type", "UPRN", "value", COVERED))))
        .patch("/admin/v1/suppliers/" + supplier.supplierId + "/coverage").then().statusCode(200).body("uprns", equalTo(1));
    search(supplier, tenant, UNCOVERED, "UPRN", "PROVIDE").then().statusCode(200);
    search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(422);
    // Another owner's supplier: 404, as a missing one.
    String other = "T-OTHER-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, other)).header("Tenant", other).contentType("text/csv")
        .body("UPRN,1\n").put("/admin/v1/suppliers/" + supplier.supplierId + "/coverage").then().statusCode(404);
  }

  @Test
  void serviceQualificationAnswersTheRoutedSpecificationsThatCoverTheAddress() {
    String tenant = booker();
    WholesaleFixture everywhere = WholesaleFixture.create(1, 900, false, tenant);
    WholesaleFixture listed = WholesaleFixture.create(1, 900, false, tenant);
    importCsv(listed, "UPRN," + COVERED + "\n").then().statusCode(200);
    WholesaleFixture notRouted = WholesaleFixture.offer(1, 900, false, Map.of(), tenant);
    WholesaleFixture foreign = WholesaleFixture.create(1, 900, false, "T-SOMEONE-ELSE");

    List<String> atCovered = qualify(tenant, COVERED).then().statusCode(200)
        .body("address.id", equalTo(COVERED)).body("qualificationResult", equalTo("qualified"))
        .header("X-Request-ID", org.hamcrest.Matchers.notNullValue())
        .extract().path("serviceQualificationItem.serviceSpecification.id");
    assertTrue(atCovered.contains(everywhere.specification) && atCovered.contains(listed.specification), atCovered.toString());
    assertFalse(atCovered.contains(notRouted.specification) || atCovered.contains(foreign.specification), atCovered.toString());

    List<String> elsewhere = qualify(tenant, UNCOVERED).then().statusCode(200)
        .extract().path("serviceQualificationItem.serviceSpecification.id");
    assertEquals(List.of(everywhere.specification), elsewhere);

    String lonely = booker();
    qualify(lonely, COVERED).then().statusCode(200).body("qualificationResult", equalTo("unqualified"))
        .body("serviceQualificationItem.size()", equalTo(0));
    given().spec(Requests.gateway(tenant)).get(BASE + "/serviceQualification").then().statusCode(400)
        .body("code", equalTo("MALFORMED_REQUEST"));
  }

  private static Response qualify(String tenant, String uprn) {
    return given().spec(Requests.gateway(tenant)).urlEncodingEnabled(false)
        .queryParam("address", encode("{\"id\":\"" + uprn + "\",\"type\":\"UPRN\"}"))
        .get(BASE + "/serviceQualification");
  }

  @Test
  void aRepairRuleGivesRepairSearchesItsSlotsAndProvideOnesNot() {
    String tenant = booker();
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, tenant);
    // The fixture's rules serve every purpose; an evening window serves repairs only.
    supplier.asOwner().contentType(ContentType.JSON).body(Map.of("branchId", supplier.branch,
            "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
            "startTime", "18:00", "endTime", "21:00", "wholeWindow", true, "classification", "WEEKDAY_EVENING",
            "purposes", List.of("REPAIR")))
        .post("/admin/v1/schedule-rules").then().statusCode(201).body("purposes", equalTo(List.of("REPAIR")));
    // Both orders, so that a cached answer of one purpose is never served for the other.
    List<String> provide = search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200)
        .extract().path("availableTimeslots.classification");
    List<Map<String, Object>> repair = search(supplier, tenant, COVERED, "UPRN", "REPAIR").then().statusCode(200)
        .extract().path("availableTimeslots");
    List<String> provideAgain = search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200)
        .extract().path("availableTimeslots.classification");
    assertFalse(provide.contains("WEEKDAY_EVENING"), provide.toString());
    assertEquals(provide, provideAgain);
    Map<String, Object> evening = repair.stream().filter(s -> "WEEKDAY_EVENING".equals(s.get("classification")))
        .findFirst().orElseThrow(() -> new AssertionError("no repair evening slot: " + repair));
    assertTrue(repair.size() > provide.size(), "repairs get the evening windows too");

    long provideId = id();
    hold(supplier, tenant, provideId, COVERED, "PROVIDE", evening).then().statusCode(422)
        .body("code", equalTo("INVALID_REQUEST"));
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + tenant + "' AND external_id = '"
        + provideId + "'"));
    hold(supplier, tenant, id(), COVERED, "REPAIR", evening).then().statusCode(201).body("purpose", equalTo("REPAIR"));

    // A PROVIDE-only rule: a repair hold on its slot is refused.
    String rule = supplier.asOwner().contentType(ContentType.JSON).body(Map.of("branchId", supplier.branch,
            "days", List.of("SUNDAY"), "startTime", "08:00", "endTime", "12:00", "wholeWindow", true,
            "purposes", List.of("PROVIDE")))
        .post("/admin/v1/schedule-rules").then().statusCode(201).extract().path("id");
    Map<String, Object> sunday = search(supplier, tenant, COVERED, "UPRN", "PROVIDE").then().statusCode(200)
        .extract().<List<Map<String, Object>>>path("availableTimeslots").stream()
        .filter(s -> "SUNDAY_AM".equals(s.get("classification"))).findFirst().orElseThrow();
    List<String> repairs = search(supplier, tenant, COVERED, "UPRN", "REPAIR").then().statusCode(200)
        .extract().path("availableTimeslots.classification");
    assertFalse(repairs.contains("SUNDAY_AM"), repairs.toString());
    hold(supplier, tenant, id(), COVERED, "REPAIR", sunday).then().statusCode(422)
        .body("messages[0]", containsString("REPAIR"));
    hold(supplier, tenant, id(), COVERED, "PROVIDE", sunday).then().statusCode(201);
    supplier.asOwner().contentType(ContentType.JSON).body(Map.of("branchId", supplier.branch,
            "days", List.of("SUNDAY"), "startTime", "08:00", "endTime", "12:00", "purposes", List.of("UPGRADE")))
        .post("/admin/v1/schedule-rules").then().statusCode(not(equalTo(201)));
    assertTrue(rule != null);
  }
}

package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Concurrently;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Issue 14: each hostile input once answered 500 or was stored unbounded; now each is refused clearly. */
@QuarkusTest
class HostileInputTest {

  static final String TENANT = "T-HOSTILE";

  @Test
  void aBearerTokenThatIsNotAJwtIs401() {
    for (String token : List.of(".", "..", "...", "a.b", "a.b.c.d", "%%%.%%%.%%%", " ")) {
      given().header("Authorization", "Bearer " + token).header("X-Request-ID", "r").header("X-Conversation-ID", "c")
          .header("Tenant", TENANT).get(BASE + "/appointments/1").then().statusCode(401)
          .body("code", equalTo("NOT_AUTHORISED"));
      given().header("Authorization", "Bearer " + token).get("/enterprises/" + TENANT + "/appointments/x")
          .then().statusCode(401).body("errors[0].code", equalTo("NOT_AUTHORISED"));
    }
  }

  @Test
  void aTokenLivingLongerThanAllowedIs401() {
    String forever = Jwt.issuer(Tokens.ISSUER).subject("eve").claim("tenants", List.of(TENANT))
        .claim("scope", Tokens.BOOK).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(100L * 365 * 86400))
        .jws().keyId("1").sign("privateKey.jwk");
    given().auth().oauth2(forever).header("X-Request-ID", "r").header("X-Conversation-ID", "c").header("Tenant", TENANT)
        .get(BASE + "/appointments/1").then().statusCode(401).body("code", equalTo("NOT_AUTHORISED"));
  }

  @Test
  void aRepeatedJsonKeyIs400AndHoldsNothing() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    long first = id();
    long second = id();
    String body = "{\"id\": " + first + ", \"address\": {\"id\": \"200004033694\", \"type\": \"UPRN\"}, "
        + "\"serviceSpecification\": {\"id\": \"" + supplier.specification + "\"}, \"timeslot\": {"
        + "\"timeslotStartDateTime\": \"" + slot.get("timeslotStartDateTime") + "\", \"timeslotEndDateTime\": \""
        + slot.get("timeslotEndDateTime") + "\"}, \"id\": " + second + "}";
    given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON).body(body).post(BASE + "/appointments")
        .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("messages[0]", containsString("id"));
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + TENANT + "' AND external_id IN ('"
        + first + "', '" + second + "')"));
  }

  @Test
  void controlCharactersAreRefusedNamingTheField() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    for (String bad : List.of("a\u0000b", "a\u0007b", "line\u001bbreak")) {
      long id = id();
      Map<String, Object> body = new HashMap<>(supplier.holdBody(id, slot));
      body.put("address", Map.of("id", bad, "type", "UPRN"));
      given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON).body(body).post(BASE + "/appointments")
          .then().statusCode(422).body("code", equalTo("INVALID_REQUEST"))
          .body("messages[0]", containsString("address.id"));
      assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + TENANT + "' AND external_id = '" + id + "'"));
    }
    // In the path and the query too.
    given().spec(Requests.gateway(TENANT)).urlEncodingEnabled(false).get(BASE + "/appointments/1%00").then().statusCode(400)
        .body("code", equalTo("MALFORMED_REQUEST"));
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, TENANT)).urlEncodingEnabled(false)
        .get("/enterprises/" + TENANT + "/appointments/SG-%00").then().statusCode(400)
        .body("errors[0].code", equalTo("MALFORMED_REQUEST"));
    BookingFixture bank = BookingFixture.create(false, Map.of());
    bank.request().contentType(ContentType.JSON)
        .body(Map.of("serviceId", bank.service, "branchId", bank.branch, "startTime", "2030-01-01T09:00:00Z",
            "endTime", "2030-01-01T10:00:00Z", "notes", "hi\u0000there"))
        .post("/external/v1/reservations").then().statusCode(422).body("messages[0]", containsString("notes"));
  }

  @Test
  void instantsOutsideASaneRangeAndBeyondTheHorizonAreRefused() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    for (String extreme : List.of("+999999999-12-31T08:00:00.000Z", "-999999999-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00.000Z")) {
      Map<String, Object> body = new HashMap<>(supplier.holdBody(id(), slot));
      body.put("timeslot", Map.of("timeslotStartDateTime", extreme, "timeslotEndDateTime", extreme.replace("08:00", "13:00")));
      int status = given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON).body(body)
          .post(BASE + "/appointments").then().extract().statusCode();
      assertTrue(status == 400 || status == 422, extreme + " answered " + status);
    }
    BookingFixture bank = BookingFixture.create(false, Map.of());
    Response reservation = bank.request().contentType(ContentType.JSON)
        .body(Map.of("serviceId", bank.service, "branchId", bank.branch, "startTime", "+999999999-12-31T08:00:00.000Z",
            "endTime", "+999999999-12-31T09:00:00.000Z"))
        .post("/external/v1/reservations");
    assertTrue(reservation.statusCode() == 400 || reservation.statusCode() == 422, reservation.asString());
    bank.request().queryParam("branchId", bank.branch).queryParam("from", "9999-12-25")
        .get("/external/v1/services/" + bank.service + "/timeslots").then().statusCode(422)
        .body("messages[0]", containsString("from"));
    bank.request().queryParam("branchId", bank.branch).queryParam("from", "+999999999-12-25")
        .get("/external/v1/services/" + bank.service + "/timeslots").then().statusCode(400);
  }

  @Test
  void aCodeOrIdThatExistsIs409EvenWhenCreatedConcurrently() throws Exception {
    String owner = "T-HOSTILE-ADMIN-" + ThreadLocalRandom.current().nextInt(1_000_000);
    Map<String, Object> service = Map.of("code", "dup", "names", Map.of("en_US", "Dup"), "durationMinutes", 30,
        "onlineBookable", true, "maxNumberOfReservations", 1);
    Map<String, Object> supplier = Map.of("id", "dup", "adapter", "calendar");
    for (Map.Entry<String, Map<String, Object>> create : Map.of("/admin/v1/services", service,
        "/admin/v1/suppliers", supplier).entrySet()) {
      assertEquals(Map.of(201, 1, 409, 7), Concurrently.statuses(8, i -> manage(owner).contentType(ContentType.JSON)
          .body(create.getValue()).post(create.getKey()).statusCode()), create.getKey());
      manage(owner).contentType(ContentType.JSON).body(create.getValue()).post(create.getKey()).then().statusCode(409)
          .body("code", equalTo("CONFLICT"));
    }
    manage(owner).contentType(ContentType.JSON).body(Map.of("serviceSpecification", "dup", "supplierId", "dup"))
        .post("/admin/v1/routes").then().statusCode(201);
    manage(owner).contentType(ContentType.JSON).body(Map.of("serviceSpecification", "dup", "supplierId", "dup"))
        .post("/admin/v1/routes").then().statusCode(409).body("code", equalTo("CONFLICT"));
  }

  @Test
  void everythingIsBounded() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    long huge = id();
    Map<String, Object> body = new HashMap<>(supplier.holdBody(huge, slot));
    body.put("address", Map.of("id", "9".repeat(5 * 1024 * 1024), "type", "UPRN"));
    given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON).body(body).post(BASE + "/appointments")
        .then().statusCode(413).body("code", equalTo("MALFORMED_REQUEST"));
    long longId = id();
    body = new HashMap<>(supplier.holdBody(longId, slot));
    body.put("address", Map.of("id", "9".repeat(300), "type", "UPRN"));
    given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON).body(body).post(BASE + "/appointments")
        .then().statusCode(422).body("messages[0]", containsString("address.id"));
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = '" + TENANT + "' AND external_id IN ('"
        + huge + "', '" + longId + "')"));

    long held = id();
    supplier.hold(TENANT, held, slot).then().statusCode(201);
    given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON)
        .body(Map.of("orderReference", "O".repeat(5 * 1024 * 1024)))
        .post(BASE + "/appointments/" + held + "/_actions/confirm").then().statusCode(413);
    given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON).body(Map.of("orderReference", "O".repeat(256)))
        .post(BASE + "/appointments/" + held + "/_actions/confirm").then().statusCode(422)
        .body("messages[0]", containsString("orderReference"));
    given().spec(Requests.gateway(TENANT)).get(BASE + "/appointments/" + held).then().body("status", equalTo("RESERVED"));

    BookingFixture bank = BookingFixture.create(false, Map.of());
    String reservation = bank.reserveFirstSlot();
    Map<String, Object> customer = new HashMap<>(BookingFixture.customer());
    List<Map<String, Object>> answers = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      answers.add(Map.of("questionId", "q" + i, "value", "x"));
    }
    customer.put("answers", answers);
    bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/reservations/" + reservation)
        .then().statusCode(422).body("messages[0]", containsString("answers"));
  }

  private static io.restassured.specification.RequestSpecification manage(String tenant) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant);
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 47, 1L << 48);
  }
}

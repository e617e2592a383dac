package io.slotgate.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.TenantCatalogue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: an unknown request-body field is refused on every face with a 400 that names it by its JSON path, in
 * that face's error format, and changes nothing; seed 003's own spellings (accepted as aliases) are known fields.
 */
@QuarkusTest
class UnknownFieldsTest {

  private static TenantCatalogue catalogue;

  private static synchronized TenantCatalogue catalogue() {
    if (catalogue == null) {
      catalogue = TenantCatalogue.build("UNK-" + UUID.randomUUID().toString().substring(0, 8));
    }
    return catalogue;
  }

  @Test
  void wholesaleRefusesAMisspeltNestedFieldAnUnknownTopLevelFieldAndAnUnknownConfirmField() {
    TenantCatalogue c = catalogue();
    String before = TenantCatalogue.snapshot(c.tenant, c.grantee);
    // Refused while the body is read: the slot need not even be offered.
    Map<String, Object> timeslot = Map.of("timeslotStartDateTime", "2030-01-07T08:00:00.000Z",
        "timeslotEndDateTime", "2030-01-07T09:00:00.000Z");
    Map<String, Object> hold = new HashMap<>(Map.of("id", System.nanoTime() & 0xFFFFFFFFFFL,
        "address", Map.of("id", "100", "tpye", "UPRN"), "serviceSpecification", Map.of("id", c.specification),
        "timeslot", timeslot, "appointmentRef", "X1"));
    refused(c.as().contentType(ContentType.JSON).body(hold).post("/WholesaleGateway/v1.0/gateway/appointments"),
        false, "address.tpye", "appointmentRef");

    String id = c.id("wholesale");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("orderReference", "ORD-1", "orderRef", "ORD-1"))
        .post("/WholesaleGateway/v1.0/gateway/appointments/" + id + "/_actions/confirm"), false, "orderRef");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("timeslot", Map.of("timeslotStartDateTime",
            "2030-01-07T08:00:00.000Z", "timeslotEnd", "2030-01-07T09:00:00.000Z")))
        .patch("/WholesaleGateway/v1.0/gateway/appointments/" + id), false, "timeslot.timeslotEnd");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("callback", "https://isp.example/events",
        "callbackUrl", "https://isp.example/events")).post("/WholesaleGateway/v1.0/gateway/hub"), false, "callbackUrl");
    assertEquals(before, TenantCatalogue.snapshot(c.tenant, c.grantee), "a refused body changed stored rows");
  }

  @Test
  void bookingRefusesUnknownFieldsAtTheTopAndInsideAnArrayElementButReadsSeed003sSpellings() {
    TenantCatalogue c = catalogue();
    String reservation = c.id("reservation");
    String before = TenantCatalogue.snapshot(c.tenant, c.grantee);
    refused(c.as().contentType(ContentType.JSON).body(Map.of("serviceId", c.id("service"), "branchId", c.id("branch"),
            "startTime", "2030-01-01T08:00:00.000Z", "endTime", "2030-01-01T09:00:00.000Z", "numberofReservations", 1))
        .post("/external/v1/reservations"), false, "numberofReservations");
    Map<String, Object> customer = new HashMap<>(Map.of("personalIdentifier", "CUST1234567890", "firstName", "Els",
        "lastName", "Peeters", "email", "els@example.com", "dateofBirth", "1990-05-01"));
    Map<String, Object> misspelt = new HashMap<>(customer);
    misspelt.put("informationQuestions", List.of(Map.of("id", "purpose", "answer", "A new home", "remark", "x")));
    misspelt.put("emial", "els@example.com");
    refused(c.as().contentType(ContentType.JSON).body(misspelt).put("/external/v1/reservations/" + reservation),
        false, "informationQuestions[0].remark", "emial");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("startTime", "2030-01-01T08:00:00.000Z",
        "endTime", "2030-01-01T09:00:00.000Z", "branchId", c.id("branch")))
        .put("/external/v1/appointments/" + reservation + "/timeslot"), false, "branchId");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("callback", "https://isp.example/events", "secret", "s"))
        .post("/external/v1/hub"), false, "secret");
    assertEquals(before, TenantCatalogue.snapshot(c.tenant, c.grantee), "a refused body changed stored rows");

    // Seed 003's spellings are known fields: dateofBirth and informationQuestions with id and answer.
    customer.put("informationQuestions", List.of());
    c.as().contentType(ContentType.JSON).body(customer).put("/external/v1/reservations/" + reservation)
        .then().statusCode(201);
  }

  @Test
  void lifecycleRefusesAnUnknownFieldInsideAParticipantInItsOwnErrorFormat() {
    TenantCatalogue c = catalogue();
    String before = TenantCatalogue.snapshot(c.tenant, c.grantee);
    Map<String, Object> invite = Map.of("start", "2030-01-07T08:00:00.000Z", "end", "2030-01-07T09:00:00.000Z",
        "subject", Map.of("id", c.id("service")), "office", Map.of("id", c.id("branch")),
        "appointmentParticipants", List.of(Map.of("role", "PRIMARY", "type", "CUSTOMER",
            "participant", Map.of("id", "CUST1234567890", "nmae", "Els"))),
        "meetingTpye", "OFFICE");
    refused(c.as().contentType(ContentType.JSON).body(invite).post("/enterprises/" + c.tenant + "/appointments"),
        true, "appointmentParticipants[0].participant.nmae", "meetingTpye");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("callback", "https://crm.example/events", "qeury", "x"))
        .post("/enterprises/" + c.tenant + "/hub"), true, "qeury");
    assertEquals(before, TenantCatalogue.snapshot(c.tenant, c.grantee), "a refused body changed stored rows");
  }

  @Test
  void adminRefusesUnknownFieldsNamingThemAndLeavesTheCatalogueAlone() {
    TenantCatalogue c = catalogue();
    // The keys of a map (names per locale) are data, not fields: still accepted.
    c.as().contentType(ContentType.JSON).body(Map.of("names", Map.of("en_US", "Group", "fr_FR", "Groupe")))
        .put("/admin/v1/service-groups/" + c.id("group")).then().statusCode(200);
    String before = TenantCatalogue.snapshot(c.tenant, c.grantee);
    refused(c.as().contentType(ContentType.JSON).body(Map.of("name", "Gent", "timeZone", "Europe/Brussels",
        "nmae", "Gent")).post("/admin/v1/branches"), false, "nmae");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("names", Map.of("en_US", "Advice"), "durationMinutes", 30,
            "onlineBookable", true, "maxNumberOfReservations", 1, "informationQuestions",
            List.of(Map.of("id", "q", "questionText", Map.of("en_US", "Why?")),
                Map.of("id", "r", "questionText", Map.of("en_US", "When?"), "mandatory", true))))
        .put("/admin/v1/services/" + c.id("service")), false, "informationQuestions[1].mandatory");
    refused(c.as().contentType(ContentType.JSON).body(Map.of("holdTTL", 600)).put("/admin/v1/settings"),
        false, "holdTTL");
    // A value of an unknown field may be anything, however deep: still a 400 naming the field, never a 500.
    refused(c.as().contentType(ContentType.JSON).body("{\"name\":\"Gent\",\"timeZone\":\"Europe/Brussels\","
        + "\"extra\":{\"a\":[1,{\"b\":[[[]]]},null]},\"" + "y".repeat(500) + "\":1}").post("/admin/v1/branches"),
        false, "extra", "y".repeat(64) + "...");
    assertEquals(before, TenantCatalogue.snapshot(c.tenant, c.grantee), "a refused body changed stored rows");
  }

  /** A 400 MALFORMED_REQUEST in the face's error format with one message per unknown field, naming its path. */
  private static void refused(Response response, boolean lifecycle, String... paths) {
    String messages = lifecycle ? "errors.message" : "messages";
    var then = response.then().statusCode(400).body(messages, hasSize(paths.length));
    if (lifecycle) {
      then.body("errors.code", everyItem(equalTo("MALFORMED_REQUEST"))).body("errors.statusCode", everyItem(equalTo("400")));
    } else {
      then.body("code", equalTo("MALFORMED_REQUEST")).body("uuid", not(equalTo(null)));
    }
    for (String path : paths) {
      then.body(messages, hasItem(containsString("Unknown field '" + path + "'")));
    }
  }
}

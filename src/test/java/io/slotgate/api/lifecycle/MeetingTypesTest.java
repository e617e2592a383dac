package io.slotgate.api.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Db;
import io.slotgate.testing.Tokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's meeting types through real HTTP: a service says how it is met, an invitation may choose otherwise,
 * and a video appointment's participants get its branch's link for that appointment, which they keep.
 */
@QuarkusTest
class MeetingTypesTest {

  @AfterEach
  void capacityIntact() {
    Db.assertCapacityIntact();
  }

  @Test
  void aVideoServiceGivesBothParticipantsTheBranchsLinkForThatAppointmentAndTheyKeepIt() {
    BookingFixture bank = BookingFixture.create(false, Map.of("meetingType", "VIDEO"));
    bank.updateBranch(Map.of("videoUrlTemplate", "https://meet.example/gent/{appointmentId}",
        "videoTestUrl", "https://meet.example/test"));
    String id = reserve(bank, 0);
    String link = "https://meet.example/gent/" + id;
    owner(bank).get("/enterprises/" + bank.tenant + "/appointments/" + id).then().statusCode(200)
        .body("data.meetingType", equalTo("VIDEO")).body("data.hybrid", equalTo(false))
        .body("data.appointmentParticipants.videoUrl", equalTo(List.of(link, link)))
        .body("data.appointmentParticipants.videoTestUrl",
            equalTo(List.of("https://meet.example/test", "https://meet.example/test")));
    // A new template is for new appointments: this one's participants keep the link they were given.
    bank.updateBranch(Map.of("videoUrlTemplate", "https://other.example/{appointmentId}"));
    owner(bank).get("/enterprises/" + bank.tenant + "/appointments/" + id).then().statusCode(200)
        .body("data.appointmentParticipants[0].videoUrl", equalTo(link));
    String next = reserve(bank, 1);
    owner(bank).get("/enterprises/" + bank.tenant + "/appointments/" + next).then().statusCode(200)
        .body("data.appointmentParticipants[1].videoUrl", equalTo("https://other.example/" + next));
  }

  @Test
  void anInvitationChoosesItsMeetingTypeAndOnlyVideoOrHybridMeetingsCarryLinks() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    bank.updateBranch(Map.of("videoUrlTemplate", "https://meet.example/{appointmentId}"));
    // The service is met at the office (the default for a branch service): no links.
    String office = reserve(bank, 0);
    owner(bank).get("/enterprises/" + bank.tenant + "/appointments/" + office).then().statusCode(200)
        .body("data.meetingType", equalTo("OFFICE")).body("data.hybrid", equalTo(false))
        .body("data.appointmentParticipants[0].videoUrl", nullValue());
    List<Map<String, Object>> slots = bank.timeslots(null, null, 1);
    owner(bank).contentType(ContentType.JSON).body(invite(bank, slots.get(1), Map.of("meetingType", "PHONE")))
        .post("/enterprises/" + bank.tenant + "/appointments").then().statusCode(201)
        .body("data.meetingType", equalTo("PHONE")).body("data.appointmentParticipants[0].videoUrl", nullValue());
    String hybrid = owner(bank).contentType(ContentType.JSON).body(invite(bank, slots.get(2), Map.of("hybrid", true)))
        .post("/enterprises/" + bank.tenant + "/appointments").then().statusCode(201)
        .body("data.meetingType", equalTo("OFFICE")).body("data.hybrid", equalTo(true))
        .extract().path("data.id");
    owner(bank).get("/enterprises/" + bank.tenant + "/appointments/" + hybrid).then()
        .body("data.appointmentParticipants[0].videoUrl", equalTo("https://meet.example/" + hybrid));
    // An unknown meeting type is refused in the lifecycle face's format, and nothing is made.
    long before = Db.count("SELECT count(*) FROM appointment WHERE owner = '" + bank.tenant + "'");
    owner(bank).contentType(ContentType.JSON).body(invite(bank, slots.get(3), Map.of("meetingType", "ZOOM")))
        .post("/enterprises/" + bank.tenant + "/appointments").then().statusCode(422)
        .body("errors[0].message", containsString("meetingType"));
    assertEquals(before, Db.count("SELECT count(*) FROM appointment WHERE owner = '" + bank.tenant + "'"));
  }

  @Test
  void theAdminApiRefusesAnUnknownMeetingTypeAndALinkTemplateThatIsNotHttps() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    RequestSpecification admin = given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant))
        .header("Tenant", bank.tenant).contentType(ContentType.JSON);
    admin.body(Map.of("names", Map.of("en_US", "Call"), "durationMinutes", 30, "onlineBookable", true,
        "maxNumberOfReservations", 1, "meetingType", "ZOOM")).post("/admin/v1/services").then().statusCode(422)
        .body(containsString("meetingType"));
    admin.body(Map.of("names", Map.of("en_US", "Call"), "durationMinutes", 30, "onlineBookable", true,
        "maxNumberOfReservations", 1, "meetingType", "PHONE", "hybrid", true)).post("/admin/v1/services").then()
        .statusCode(201).body("meetingType", equalTo("PHONE")).body("hybrid", equalTo(true));
    Map<String, Object> branch = new HashMap<>(Map.of("name", "Brugge", "timeZone", "Europe/Brussels",
        "videoUrlTemplate", "javascript:alert(1)"));
    admin.body(branch).post("/admin/v1/branches").then().statusCode(422).body(containsString("videoUrlTemplate"));
  }

  private static RequestSpecification owner(BookingFixture bank) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant));
  }

  /** Holds the {@code n}th free slot on the booking face; answers the appointment's id. */
  private static String reserve(BookingFixture bank, int n) {
    Map<String, Object> slot = bank.timeslots(null, null, 1).get(n);
    return bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 1, null))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
  }

  private static Map<String, Object> invite(BookingFixture bank, Map<String, Object> slot, Map<String, Object> extra) {
    Map<String, Object> invite = new HashMap<>(Map.of("externalId", "INV-" + UUID.randomUUID(),
        "start", slot.get("startTime"), "end", slot.get("endTime"),
        "subject", Map.of("id", bank.service), "office", Map.of("id", bank.branch),
        "appointmentParticipants", List.of(Map.of("role", "PRIMARY", "participant", Map.of("id", "CUST42"),
            "type", "CUSTOMER"))));
    invite.putAll(extra);
    return invite;
  }
}

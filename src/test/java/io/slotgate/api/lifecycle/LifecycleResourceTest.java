package io.slotgate.api.lifecycle;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.slotgate.core.appointment.Action;
import io.slotgate.core.appointment.AppointmentStatus;
import io.slotgate.testing.ClockedTest;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Face 3: the whole state machine, generated, plus the race of two moves and the seed 002 shape. */
@QuarkusTest
class LifecycleResourceTest extends ClockedTest {

  static final String TENANT = "T-LIFECYCLE";
  static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 41, 1L << 42));
  static final Map<String, Action> ACTIONS = Map.of("accept", Action.ACCEPT,
      "request-alternative-date", Action.REQUEST_ALTERNATIVE_DATE, "complete", Action.COMPLETE,
      "no-show", Action.NO_SHOW_, "cancel", Action.CANCEL);

  @Test
  void everyAllowedMoveSucceedsAndEveryOtherIsRefusedWithoutChange() {
    WholesaleFixture supplier = WholesaleFixture.create(60, 60, true, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    for (AppointmentStatus status : AppointmentStatus.values()) {
      for (Map.Entry<String, Action> action : ACTIONS.entrySet()) {
        String id = appointmentIn(status, supplier, slot);
        AppointmentStatus target = action.getValue().target(status);
        Response response = supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/" + action.getKey());
        String label = status + " --" + action.getKey() + "-->";
        if (target != null) {
          response.then().statusCode(200).body("data.status", equalTo(target.name()));
        } else {
          response.then().statusCode(422)
              .body("errors[0].code", equalTo("APPOINTMENT_STATUS_INVALID"))
              .body("errors[0].statusCode", equalTo("422"))
              .body("errors[0].arguments.currentStatus", equalTo(status.name()))
              .body("errors[0].arguments.action", equalTo(action.getKey()));
          assertEquals(status.name(), statusOf(supplier, id), label + " changed nothing");
        }
      }
    }
  }

  @Test
  void twoConcurrentMovesOnOneAppointmentHaveExactlyOneWinner() throws Exception {
    WholesaleFixture supplier = WholesaleFixture.create(20, 900, true, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    for (int round = 0; round < 10; round++) {
      String id = appointmentIn(AppointmentStatus.INCOMING_REQUEST, supplier, slot);
      long before = Db.count("SELECT count(*) FROM appointment_event WHERE appointment_id = '" + id + "'");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      // Hold the row so both requests read it and then queue on the lock: a real overlap every round.
      try (Db.RowLock lock = Db.lockRow("appointment", id)) {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String action : List.of("accept", "cancel")) {
          calls.add(() -> supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/" + action).statusCode());
        }
        List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
        lock.releaseWhenWaiting(2);
        Map<Integer, Integer> outcomes = new HashMap<>();
        for (Future<Integer> f : futures) {
          outcomes.merge(f.get(), 1, Integer::sum);
        }
        assertEquals(Map.of(200, 1, 422, 1), outcomes);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(before + 1, Db.count("SELECT count(*) FROM appointment_event WHERE appointment_id = '" + id + "'"));
    }
  }

  @Test
  void aWholesaleAppointmentReadsBackInTheSeedShapeWithHistory() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, true, TENANT);
    Map<String, Object> slot = supplier.available(TENANT).getFirst();
    String id = appointmentIn(AppointmentStatus.INCOMING_REQUEST, supplier, slot);
    supplier.asOwner().get(supplier.lifecycle(id)).then().statusCode(200)
        .body("data.id", equalTo(id))
        .body("data.start", equalTo(slot.get("timeslotStartDateTime")))
        .body("data.meetingType", equalTo("ON_LOCATION"))
        .body("data.status", equalTo("INCOMING_REQUEST"))
        .body("data.appointmentParticipants", hasSize(2))
        .body("data.appointmentParticipants[0].type", equalTo("CUSTOMER"))
        .body("data.appointmentParticipants[1].type", equalTo("EMPLOYEE"))
        .body("data.subject.id", notNullValue())
        .body("data.office.id", notNullValue())
        .body("data.createdFrom", equalTo("PARTNER_BOOKING_APP"))
        .body("data.createdByType", equalTo("OTHER"));
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/accept")
        .then().statusCode(200).body("data.updatedFrom", equalTo("BACKOFFICE_APP"))
        .body("data.updatedByType", equalTo("EMPLOYEE"));
    supplier.asOwner().get(supplier.lifecycle(id) + "/history").then()
        .statusCode(200)
        .body("data.toStatus", equalTo(List.of("RESERVED", "INCOMING_REQUEST", "ACCEPTED")))
        .body("data[2].source", equalTo("BACKOFFICE_APP"));
  }

  @Test
  void anotherEnterprisesOrAnUnknownIdIs404AndAForeignEnterpriseIs403() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    String id = appointmentIn(AppointmentStatus.RESERVED, supplier, supplier.available(TENANT).getFirst());
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "T-ELSEWHERE"))
        .get("/enterprises/T-ELSEWHERE/appointments/" + id).then().statusCode(404)
        .body("errors[0].code", equalTo("NOT_FOUND"));
    supplier.asOwner().get(supplier.lifecycle("not-an-id")).then().statusCode(404);
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/teleport").then().statusCode(404);
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "T-ELSEWHERE"))
        .get(supplier.lifecycle(id)).then().statusCode(403)
        .body("errors[0].code", equalTo("NOT_AUTHORISED"));
  }

  @Test
  void requestingAnAlternativeDateFreesTheSlotAndTheBookersRescheduleReturnsItToIncomingRequest() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, true, TENANT);
    List<Map<String, Object>> slots = supplier.available(TENANT);
    long clientId = IDS.incrementAndGet();
    supplier.hold(TENANT, clientId, slots.get(0)).then().statusCode(201);
    given().spec(Requests.gateway(TENANT)).post(BASE + "/appointments/" + clientId + "/_actions/confirm").then().statusCode(200);
    String id = internalId(clientId);
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/request-alternative-date")
        .then().statusCode(200).body("data.status", equalTo("ALTERNATIVE_DATE_REQUESTED"));
    assertEquals(true, supplier.available(TENANT).contains(slots.get(0)), "the slot is free again");
    given().spec(Requests.gateway(TENANT)).contentType("application/json")
        .body(Map.of("timeslot", Map.of("timeslotStartDateTime", slots.get(1).get("timeslotStartDateTime"),
            "timeslotEndDateTime", slots.get(1).get("timeslotEndDateTime"))))
        .patch(BASE + "/appointments/" + clientId).then().statusCode(200)
        .body("status", equalTo("INCOMING_REQUEST"))
        .body("timeslot.timeslotStartDateTime", equalTo(slots.get(1).get("timeslotStartDateTime")));
  }

  /** A fresh appointment of the tenant in {@code status}, reached through the API (OUTGOING_INVITE by SQL). */
  private String appointmentIn(AppointmentStatus status, WholesaleFixture supplier, Map<String, Object> slot) {
    long clientId = IDS.incrementAndGet();
    supplier.hold(TENANT, clientId, slot).then().statusCode(201);
    String id = internalId(clientId);
    switch (status) {
      case RESERVED -> { }
      case EXPIRED -> clock.advance(Duration.ofMinutes(20));
      case INCOMING_REQUEST -> confirm(clientId);
      case ACCEPTED -> {
        confirm(clientId);
        lifecycle(supplier, id, "accept");
      }
      case ALTERNATIVE_DATE_REQUESTED -> {
        confirm(clientId);
        lifecycle(supplier, id, "request-alternative-date");
      }
      case CANCELLED -> lifecycle(supplier, id, "cancel");
      case COMPLETED, NO_SHOW -> {
        confirm(clientId);
        lifecycle(supplier, id, "accept");
        lifecycle(supplier, id, status == AppointmentStatus.COMPLETED ? "complete" : "no-show");
      }
      case OUTGOING_INVITE -> {
        // Cancel this hold and let the owner's back office invite for the same slot instead.
        lifecycle(supplier, id, "cancel");
        id = invite(supplier, slot);
      }
    }
    assertEquals(status.name(), statusOf(supplier, id));
    if (status == AppointmentStatus.EXPIRED) {
      clock.reset();
      // Keep it expired for the assertions that follow.
      Db.count("WITH u AS (UPDATE appointment SET expires_at = now() - interval '1 minute' WHERE id = '" + id
          + "' RETURNING 1) SELECT count(*) FROM u");
    }
    return id;
  }

  private void confirm(long clientId) {
    given().spec(Requests.gateway(TENANT)).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
        .then().statusCode(200);
  }

  private static void lifecycle(WholesaleFixture supplier, String id, String action) {
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/" + action).then().statusCode(200);
  }

  private static String statusOf(WholesaleFixture supplier, String id) {
    return supplier.asOwner().get(supplier.lifecycle(id)).then().statusCode(200).extract().path("data.status");
  }

  /** An OUTGOING_INVITE from the owner's back office for the slot; answers its id. */
  static String invite(WholesaleFixture supplier, Map<String, Object> slot) {
    return supplier.asOwner().contentType("application/json")
        .body(Map.of("start", slot.get("timeslotStartDateTime"), "end", slot.get("timeslotEndDateTime"),
            "subject", Map.of("id", supplier.service), "office", Map.of("id", supplier.branch),
            "appointmentParticipants", List.of(Map.of("role", "PRIMARY", "participant", Map.of("id", "CUST0000000001"),
                "type", "CUSTOMER"))))
        .post("/enterprises/" + supplier.owner + "/appointments")
        .then().statusCode(201).body("data.status", equalTo("OUTGOING_INVITE")).extract().path("data.id");
  }

  private String internalId(long clientId) {
    return given().spec(Requests.gateway(TENANT)).get(BASE + "/appointments/" + clientId).then().statusCode(200)
        .extract().path("supplierReference") == null ? null
        : Db.text("SELECT id::text FROM appointment WHERE tenant = '" + TENANT + "' AND external_id = '" + clientId + "'");
  }
}

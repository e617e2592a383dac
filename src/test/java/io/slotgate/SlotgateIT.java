package io.slotgate;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, the jar ({@code ./mvnw verify}) or the native executable ({@code -Dnative}): per face
 * (wholesale, booking, lifecycle, admin) a full flow and a refusal, and the race on a full window. The refusals
 * check the face's error body: a native image answers 500 where a body class is not registered for reflection.
 */
@QuarkusIntegrationTest
class SlotgateIT {

  @Test
  void wholesaleSearchHoldRaceConfirmAndLifecycleView() throws Exception {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, "IT-1", "IT-2");
    Map<String, Object> slot = supplier.available("IT-1").getFirst();
    long base = ThreadLocalRandom.current().nextLong(1L << 45, 1L << 46);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    Map<Integer, Integer> outcomes = new HashMap<>();
    List<Long> winners = new ArrayList<>();
    try {
      List<Callable<int[]>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        String tenant = n % 2 == 0 ? "IT-1" : "IT-2";
        calls.add(() -> new int[] {supplier.hold(tenant, base + n, slot).statusCode(), n});
      }
      for (Future<int[]> f : pool.invokeAll(calls)) {
        int[] r = f.get();
        outcomes.merge(r[0], 1, Integer::sum);
        if (r[0] == 201) {
          winners.add(base + r[1]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Map.of(201, 2, 409, 48), outcomes);
    assertEquals(2, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
        + "WHERE a.supplier_id = '" + supplier.supplierId + "' AND NOT c.released"));
    long winner = winners.getFirst();
    String tenant = (winner - base) % 2 == 0 ? "IT-1" : "IT-2";
    given().spec(Requests.gateway(tenant)).post(BASE + "/appointments/" + winner + "/_actions/confirm")
        .then().statusCode(200).body("status", equalTo("ACCEPTED"));
    String id = Db.text("SELECT id::text FROM appointment WHERE tenant = '" + tenant + "' AND external_id = '" + winner + "'");
    supplier.asOwner().get(supplier.lifecycle(id))
        .then().statusCode(200).body("data.status", equalTo("ACCEPTED")).body("data.meetingType", equalTo("ON_LOCATION"));
  }

  @Test
  void bookingListReserveConfirm() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    bank.request().get("/external/v1/services").then().statusCode(200).body("[0].service.name", equalTo("Hypotheekadvies"));
    Map<String, Object> slot = bank.timeslots(null, null, 2).getFirst();
    String id = bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 2, null))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    bank.request().contentType(ContentType.JSON).body(BookingFixture.customer()).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));
  }

  @Test
  void wholesaleRefusesAnUnknownAppointmentAndAMissingToken() {
    given().spec(Requests.gateway("IT-1")).post(BASE + "/appointments/" + Long.MAX_VALUE + "/_actions/confirm")
        .then().statusCode(404).body("code", equalTo("NOT_FOUND")).body("uuid", notNullValue());
    given().post(BASE + "/appointments/1/_actions/confirm").then().statusCode(401);
  }

  @Test
  void bookingWithInformationAndScreeningQuestionsRefusesAMissingAnswerThenConfirms() {
    BookingFixture bank = BookingFixture.create(false, Map.of(
        "informationQuestions", List.of(Map.of("id", "purpose", "required", true, "questionText", Map.of("en_US", "Why?"))),
        "screeningQuestions", List.of(Map.of("id", "adult", "yesRequiredAnswer", true,
            "questionText", Map.of("en_US", "Are you 18 or older?"), "answerDeniedMessage", Map.of("en_US", "Sorry")))));
    Map<String, Object> slot = bank.timeslots(null, null, 1).getFirst();
    String id = bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, 1, null))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
    bank.request().contentType(ContentType.JSON).body(BookingFixture.customer()).put("/external/v1/reservations/" + id)
        .then().statusCode(422).body("code", equalTo("INVALID_REQUEST"));
    Map<String, Object> customer = new HashMap<>(BookingFixture.customer());
    customer.put("answers", List.of(Map.of("questionId", "purpose", "value", "A new home"),
        Map.of("questionId", "adult", "value", "true")));
    bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/reservations/" + id)
        .then().statusCode(201).body("status", equalTo("ACCEPTED"));
  }

  @Test
  void lifecycleAcceptsAnIncomingRequestAndRefusesAMoveItsStatusDoesNotAllow() {
    WholesaleFixture supplier = WholesaleFixture.create(1, 900, true, "IT-3");
    Map<String, Object> slot = supplier.available("IT-3").getFirst();
    long external = ThreadLocalRandom.current().nextLong(1L << 45, 1L << 46);
    supplier.hold("IT-3", external, slot).then().statusCode(201);
    given().spec(Requests.gateway("IT-3")).post(BASE + "/appointments/" + external + "/_actions/confirm")
        .then().statusCode(200).body("status", equalTo("INCOMING_REQUEST"));
    String id = Db.text("SELECT id::text FROM appointment WHERE tenant = 'IT-3' AND external_id = '" + external + "'");
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/complete").then().statusCode(422)
        .body("errors[0].code", equalTo("APPOINTMENT_STATUS_INVALID")).body("errors[0].statusCode", equalTo("422"));
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/accept")
        .then().statusCode(200).body("data.status", equalTo("ACCEPTED"));
    supplier.asOwner().post(supplier.lifecycle(id) + "/_actions/complete")
        .then().statusCode(200).body("data.status", equalTo("COMPLETED"));
  }

  @Test
  void adminCreatesReplacesListsAndRetiresAServiceWithQuestionsAndRefusesABadOne() {
    String tenant = "IT-ADMIN-" + ThreadLocalRandom.current().nextInt(1_000_000);
    Supplier<RequestSpecification> manage = () -> given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant))
        .header("Tenant", tenant).contentType(ContentType.JSON);
    Map<String, Object> service = new HashMap<>(Map.of("names", Map.of("en_US", "Advice"), "durationMinutes", 30,
        "onlineBookable", true, "maxNumberOfReservations", 1,
        "informationQuestions", List.of(Map.of("id", "topic", "required", false, "questionText", Map.of("en_US", "Topic?"))),
        "screeningQuestions", List.of(Map.of("id", "client", "yesRequiredAnswer", true,
            "questionText", Map.of("en_US", "Client?"), "answerDeniedMessage", Map.of("en_US", "Clients only")))));
    String id = manage.get().body(service).post("/admin/v1/services").then().statusCode(201)
        .body("informationQuestions[0].id", equalTo("topic")).body("screeningQuestions[0].id", equalTo("client"))
        .extract().path("id");
    service.put("durationMinutes", 45);
    manage.get().body(service).put("/admin/v1/services/" + id).then().statusCode(200)
        .body("durationMinutes", equalTo(45)).body("informationQuestions[0].questionText.en_US", equalTo("Topic?"));
    manage.get().get("/admin/v1/services").then().statusCode(200).body("id", hasItem(id));
    manage.get().delete("/admin/v1/services/" + id).then().statusCode(200).body("retiredAt", notNullValue());
    service.put("durationMinutes", -5);
    manage.get().body(service).post("/admin/v1/services").then().statusCode(422)
        .body("code", equalTo("INVALID_REQUEST"));
    given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, tenant)).header("Tenant", tenant).get("/admin/v1/services")
        .then().statusCode(403);
  }

  @Test
  void healthMetricsAndOpenApi() {
    given().spec(Requests.ops()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200);
    given().spec(Requests.ops()).get("/q/openapi").then().statusCode(200);
  }
}

package io.slotgate;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
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
import org.junit.jupiter.api.Test;

/** The packaged application (the jar CI builds): a happy path per face, and the race on a full window. */
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
  void healthMetricsAndOpenApi() {
    given().spec(Requests.ops()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200);
    given().spec(Requests.ops()).get("/q/openapi").then().statusCode(200);
  }
}

package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.Await;
import io.slotgate.testing.Db;
import io.slotgate.testing.PostgresResource;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: every write takes an Idempotency-Key, and a retry with it gets the first answer, also when that answer
 * was lost: a confirm and a cancel that committed while their client saw a 503 (our database frozen past the request
 * bound) get their original answers; without a key the seeds' strict 422 stays.
 */
@QuarkusTest
class IdempotencyKeyTest {

  static final String TENANT = "T-IDEM";

  @Test
  void aConfirmAndACancelThatCommittedBehindA503GetTheirAnswersOnRetry() throws Exception {
    WholesaleFixture supplier = WholesaleFixture.create(4, 900, false, TENANT);
    List<Map<String, Object>> slots = supplier.available(TENANT);
    long toConfirm = id();
    long toCancel = id();
    supplier.hold(TENANT, toConfirm, slots.get(0)).then().statusCode(201);
    supplier.hold(TENANT, toCancel, slots.get(1)).then().statusCode(201);
    confirm(toCancel, null).then().statusCode(200);
    String confirmKey = UUID.randomUUID().toString();
    String cancelKey = UUID.randomUUID().toString();
    ExecutorService clients = Executors.newFixedThreadPool(2);
    PostgresResource.postgres().pause();
    Future<Response> confirmed;
    Future<Response> cancelled;
    try {
      confirmed = clients.submit(() -> confirm(toConfirm, confirmKey));
      cancelled = clients.submit(() -> cancel(toCancel, cancelKey));
      assertEquals(503, confirmed.get(30, TimeUnit.SECONDS).statusCode(), "the client saw the request bound");
      assertEquals(503, cancelled.get(30, TimeUnit.SECONDS).statusCode());
    } finally {
      PostgresResource.postgres().resume();
      clients.shutdownNow();
    }
    Await.until(() -> "ACCEPTED".equals(status(toConfirm)) && "CANCELLED".equals(status(toCancel)),
        Duration.ofSeconds(20), "both writes committed once the database resumed");

    Response confirmRetry = confirm(toConfirm, confirmKey);
    confirmRetry.then().statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("ACCEPTED"))
        .body("id", equalTo(toConfirm));
    Response cancelRetry = cancel(toCancel, cancelKey);
    cancelRetry.then().statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("CANCELLED"));
    // Without a key, the seeds' strict answers stay.
    confirm(toConfirm, null).then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"));
    cancel(toCancel, null).then().statusCode(422).body("code", equalTo("APPOINTMENT_STATUS_INVALID"));
    Db.assertCapacityIntact();
  }

  @Test
  void aRetryAnswersExactlyWhatTheFirstDidAndAnotherRequestWithTheKeyIs409() {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    List<Map<String, Object>> slots = supplier.available(TENANT);
    long id = id();
    supplier.hold(TENANT, id, slots.get(0)).then().statusCode(201);
    String key = "order-" + UUID.randomUUID();
    Response first = confirm(id, key);
    first.then().statusCode(200);
    assertNull(first.header("Idempotent-Replayed"));
    Response again = confirm(id, key);
    again.then().statusCode(200).header("Idempotent-Replayed", "true");
    assertEquals(first.asString(), again.asString(), "the same body, byte for byte");

    // The same key for another request: another body, another appointment, another operation.
    given().spec(Requests.gateway(TENANT)).header("Idempotency-Key", key).contentType(ContentType.JSON)
        .body("{\"orderReference\": \"ORD-2\"}").post(BASE + "/appointments/" + id + "/_actions/confirm")
        .then().statusCode(409).body("code", equalTo("DUPLICATE_ID"));
    cancel(id, key).then().statusCode(409).body("code", equalTo("DUPLICATE_ID"));
    assertEquals("ACCEPTED", status(id), "nothing changed");

    // A create: the retry answers 201 with the same entry, and no second one exists.
    String owner = supplier.owner;
    String branchKey = UUID.randomUUID().toString();
    String name = "Idem branch " + branchKey;
    Response created = supplier.asOwner().header("Idempotency-Key", branchKey).contentType(ContentType.JSON)
        .body(Map.of("name", name, "timeZone", "Europe/London")).post("/admin/v1/branches");
    created.then().statusCode(201);
    Response replayed = supplier.asOwner().header("Idempotency-Key", branchKey).contentType(ContentType.JSON)
        .body(Map.of("name", name, "timeZone", "Europe/London")).post("/admin/v1/branches");
    replayed.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertEquals(created.asString(), replayed.asString());
    assertEquals(created.header("Location"), replayed.header("Location"));
    assertEquals(1, Db.count("SELECT count(*) FROM branch WHERE tenant = '" + owner + "' AND name = '" + name + "'"));

    // Keys are per tenant: another tenant's identical key is its own.
    String other = "T-IDEM-OTHER-" + ThreadLocalRandom.current().nextInt(1_000_000);
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, other)).header("Tenant", other)
        .header("Idempotency-Key", branchKey).contentType(ContentType.JSON)
        .body(Map.of("name", name, "timeZone", "Europe/London")).post("/admin/v1/branches")
        .then().statusCode(201).header("Idempotent-Replayed", (String) null);
  }

  @Test
  void concurrentRetriesRunTheWriteOnceAndARefusalGivesTheKeyUp() throws Exception {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, TENANT);
    List<Map<String, Object>> slots = supplier.available(TENANT);
    long id = id();
    supplier.hold(TENANT, id, slots.get(0)).then().statusCode(201);
    confirm(id, null).then().statusCode(200);
    String key = UUID.randomUUID().toString();
    ExecutorService clients = Executors.newFixedThreadPool(12);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      answers.add(clients.submit(() -> cancel(id, key)));
    }
    int fresh = 0;
    for (Future<Response> answer : answers) {
      Response response = answer.get(30, TimeUnit.SECONDS);
      int status = response.statusCode();
      assertTrue(status == 200 || status == 503, "200 (run or replayed) or 503 (still being answered), not "
          + status + ": " + response.asString());
      if (status == 200) {
        assertEquals("CANCELLED", response.path("status"));
        fresh += response.header("Idempotent-Replayed") == null ? 1 : 0;
      } else {
        assertEquals("1", response.header("Retry-After"));
      }
    }
    clients.shutdownNow();
    assertTrue(fresh <= 1, "the cancel ran once: " + fresh + " answers were not replays");
    cancel(id, key).then().statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("CANCELLED"));
    assertEquals(1, Db.count("SELECT count(*) FROM appointment_event h JOIN appointment a ON a.id = h.appointment_id"
        + " WHERE a.tenant = '" + TENANT + "' AND a.external_id = '" + id + "' AND h.to_status = 'CANCELLED'"));

    // A refused request keeps nothing: the key is free for the request that follows.
    String refusedKey = UUID.randomUUID().toString();
    confirm(id, refusedKey).then().statusCode(422);
    long next = id();
    supplier.hold(TENANT, next, slots.get(1)).then().statusCode(201);
    given().spec(Requests.gateway(TENANT)).header("Idempotency-Key", refusedKey).contentType(ContentType.JSON)
        .post(BASE + "/appointments/" + next + "/_actions/confirm").then().statusCode(200)
        .header("Idempotent-Replayed", (String) null);

    // Keys are bounded like every input.
    given().spec(Requests.gateway(TENANT)).header("Idempotency-Key", "k".repeat(256)).contentType(ContentType.JSON)
        .post(BASE + "/appointments/" + next + "/_actions/cancel").then().statusCode(400)
        .body("code", equalTo("MALFORMED_REQUEST"));
    assertEquals("ACCEPTED", status(next));
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 44, 1L << 45);
  }

  private static Response confirm(long id, String key) {
    var request = given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post(BASE + "/appointments/" + id + "/_actions/confirm");
  }

  private static Response cancel(long id, String key) {
    var request = given().spec(Requests.gateway(TENANT));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post(BASE + "/appointments/" + id + "/_actions/cancel");
  }

  private static String status(long id) {
    return Db.text("SELECT status FROM appointment WHERE tenant = '" + TENANT + "' AND external_id = '" + id + "'");
  }
}

package io.slotgate.api.events;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.testing.MutableClock;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 11: the outbox delivered as signed webhooks to a real HTTP receiver. */
@QuarkusTest
class EventsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EventDelivery delivery;
  @Inject AppointmentService appointments;
  @Inject MutableClock clock;

  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(200);

  record Received(String eventId, String signature, String body, JsonNode json) {}

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestHeaders().getFirst("X-Slotgate-Event-Id"),
          exchange.getRequestHeaders().getFirst("X-Slotgate-Signature"), body, JSON.readTree(body)));
      exchange.sendResponseHeaders(answer.get(), -1);
      exchange.close();
    });
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
    clock.reset();
  }

  String callback() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
  }

  @Test
  void holdConfirmAndCancelArriveInOrderSignedAndOnlyToTheirTenants() throws Throwable {
    String booker = "T-HUB-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String other = booker + "-OTHER";
    WholesaleFixture supplier = WholesaleFixture.create(3, 900, false, booker, other);
    Map<String, Object> subscription = given().spec(Requests.gateway(booker)).contentType(ContentType.JSON)
        .body(Map.of("callback", callback())).post(BASE + "/hub").then().statusCode(201)
        .body("id", notNullValue()).body("secret", notNullValue()).body("callback", equalTo(callback()))
        .extract().as(Map.class);
    String owner = given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, supplier.owner)).contentType(ContentType.JSON)
        .body(Map.of("callback", callback() + "?owner", "query", "eventType=AppointmentCreateEvent"))
        .post("/enterprises/" + supplier.owner + "/hub").then().statusCode(201).extract().path("secret");

    Map<String, Object> slot = supplier.available(booker).getFirst();
    long mine = id();
    supplier.hold(booker, mine, slot).then().statusCode(201);
    given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + mine + "/_actions/confirm").then().statusCode(200);
    given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + mine + "/_actions/cancel").then().statusCode(200);
    long theirs = id();
    supplier.hold(other, theirs, slot).then().statusCode(201);

    pumpUntil(() -> forAppointment(mine).size() == 3 && ownerEvents().size() == 2);
    List<Received> events = forAppointment(mine);
    assertEquals(List.of("AppointmentCreateEvent", "AppointmentStateChangeEvent", "AppointmentStateChangeEvent"),
        events.stream().map(e -> e.json().get("eventType").asText()).toList());
    assertEquals(List.of("RESERVED", "ACCEPTED", "CANCELLED"),
        events.stream().map(e -> e.json().at("/event/appointment/status").asText()).toList());
    for (Received event : events) {
      assertEquals(event.json().get("eventId").asText(), event.eventId());
      assertValidSignature(event, (String) subscription.get("secret"));
    }
    assertEquals(3, events.stream().map(Received::eventId).distinct().count());
    assertTrue(received.stream().noneMatch(e -> e.json().at("/event/appointment/id").asLong() == theirs),
        "another tenant's changes never arrive");
    // The owner's back office hears of both bookers' holds, in its own (seed 002) shape, and only the type it asked for.
    List<Received> ownerEvents = ownerEvents();
    assertTrue(ownerEvents.stream().allMatch(e -> e.json().get("eventType").asText().equals("AppointmentCreateEvent")));
    assertTrue(ownerEvents.stream().allMatch(e -> e.json().at("/event/appointment/meetingType").asText().equals("ON_LOCATION")));
    ownerEvents.forEach(e -> assertValidSignature(e, owner));
  }

  @Test
  void aFailingReceiverGetsTheSameEventAgainAndIsParkedUntilResumed() throws Throwable {
    String booker = "T-HUB-FAIL-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, booker);
    String subscription = given().spec(Requests.gateway(booker)).contentType(ContentType.JSON)
        .body(Map.of("callback", callback())).post(BASE + "/hub").then().statusCode(201).extract().path("id");
    answer.set(500);
    long mine = id();
    supplier.hold(booker, mine, supplier.available(booker).getFirst()).then().statusCode(201);
    pumpUntil(() -> forAppointment(mine).size() == 1);
    given().spec(Requests.gateway(booker)).get(BASE + "/hub/" + subscription).then().statusCode(200)
        .body("failingSince", notNullValue()).body("lastError", equalTo("HTTP 500")).body("pending", equalTo(1));
    clock.advance(Duration.ofSeconds(5));
    pumpUntil(() -> forAppointment(mine).size() == 2);
    // A day of failures parks the subscription; resuming sends the same event again.
    clock.advance(Duration.ofHours(25));
    pumpUntil(() -> given().spec(Requests.gateway(booker)).get(BASE + "/hub/" + subscription).path("parkedAt") != null);
    answer.set(200);
    given().spec(Requests.gateway(booker)).post(BASE + "/hub/" + subscription + "/_actions/resume").then().statusCode(200)
        .body("parkedAt", nullValue());
    pumpUntil(() -> forAppointment(mine).size() == 4);
    assertEquals(1, forAppointment(mine).stream().map(Received::eventId).distinct().count(), "one event, sent again");
    given().spec(Requests.gateway(booker)).get(BASE + "/hub/" + subscription).then().statusCode(200)
        .body("failingSince", nullValue()).body("pending", equalTo(0));
  }

  @Test
  void aDeletedSubscriptionGetsNothingAndAnExpiryBySweeperIsAnEvent() throws Throwable {
    String booker = "T-HUB-DEL-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(2, 60, false, booker);
    String deleted = given().spec(Requests.gateway(booker)).contentType(ContentType.JSON)
        .body(Map.of("callback", callback() + "?deleted")).post(BASE + "/hub").then().statusCode(201).extract().path("id");
    given().spec(Requests.gateway(booker)).delete(BASE + "/hub/" + deleted).then().statusCode(204);
    given().spec(Requests.gateway(booker)).get(BASE + "/hub/" + deleted).then().statusCode(404);
    given().spec(Requests.gateway(booker)).contentType(ContentType.JSON)
        .body(Map.of("callback", callback(), "query", "eventType=AppointmentStateChangeEvent")).post(BASE + "/hub")
        .then().statusCode(201);
    long mine = id();
    supplier.hold(booker, mine, supplier.available(booker).getFirst()).then().statusCode(201);
    clock.advance(Duration.ofMinutes(2));
    VertxContextSupport.subscribeAndAwait(() -> appointments.expireLapsedHolds(1000));
    pumpUntil(() -> forAppointment(mine).size() == 1);
    assertEquals("EXPIRED", forAppointment(mine).getFirst().json().at("/event/appointment/status").asText());
    assertTrue(received.stream().noneMatch(e -> e.body().contains("deleted")), "nothing for the deleted subscription");
  }

  @Test
  void twoDeliverersSendEachOfAThousandEventsExactlyOnce() throws Throwable {
    String booker = "T-HUB-MANY-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(20, 900, false, booker);
    given().spec(Requests.gateway(booker)).contentType(ContentType.JSON).body(Map.of("callback", callback()))
        .post(BASE + "/hub").then().statusCode(201);
    List<Map<String, Object>> slots = supplier.available(booker);
    List<Long> ids = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < 334; i++) {
        long id = id();
        ids.add(id);
        Map<String, Object> slot = slots.get(i % slots.size());
        work.add(pool.submit(() -> {
          supplier.hold(booker, id, slot).then().statusCode(201);
          given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + id + "/_actions/confirm").then().statusCode(200);
          given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + id + "/_actions/cancel").then().statusCode(200);
        }));
      }
      for (Future<?> done : work) {
        done.get();
      }
      // Two deliverers at once, as two instances on one database would run.
      List<Future<?>> deliverers = new ArrayList<>();
      for (int d = 0; d < 2; d++) {
        deliverers.add(pool.submit(() -> {
          pumpUntil(() -> ids.stream().allMatch(id -> forAppointment(id).size() >= 3));
          return null;
        }));
      }
      for (Future<?> deliverer : deliverers) {
        deliverer.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> eventIds = ids.stream().flatMap(id -> forAppointment(id).stream()).map(Received::eventId).toList();
    Set<String> distinct = new HashSet<>(eventIds);
    assertEquals(1002, distinct.size());
    assertEquals(distinct.size(), eventIds.size(), "no event was sent twice");
    for (long id : ids) {
      assertEquals(List.of("RESERVED", "ACCEPTED", "CANCELLED"), forAppointment(id).stream()
          .map(e -> e.json().at("/event/appointment/status").asText()).toList(), "in order for " + id);
    }
  }

  @Test
  void aCallbackMustBeAnHttpUrl() {
    for (String bad : List.of("ftp://example.com/x", "not a url", "http://user:pw@example.com/x", "/relative")) {
      given().spec(Requests.gateway("T-HUB-BAD")).contentType(ContentType.JSON).body(Map.of("callback", bad))
          .post(BASE + "/hub").then().statusCode(422).body("code", equalTo("INVALID_REQUEST"));
    }
    given().spec(Requests.gateway("T-HUB-BAD")).contentType(ContentType.JSON)
        .body(Map.of("callback", "http://127.0.0.1/x", "query", "eventType=Whatever")).post(BASE + "/hub")
        .then().statusCode(422);
    given().spec(Requests.gateway("T-HUB-BAD")).contentType(ContentType.JSON)
        .body(Map.of("callback", "http://127.0.0.1/x", "timeoutSeconds", 31)).post(BASE + "/hub")
        .then().statusCode(422).body("messages[0]", org.hamcrest.Matchers.containsString("timeoutSeconds"));
    String id = given().spec(Requests.gateway("T-HUB-BAD")).contentType(ContentType.JSON)
        .body(Map.of("callback", "http://127.0.0.1/x", "timeoutSeconds", 12)).post(BASE + "/hub")
        .then().statusCode(201).body("timeoutSeconds", equalTo(12)).extract().path("id");
    given().spec(Requests.gateway("T-HUB-BAD")).get(BASE + "/hub/" + id).then().statusCode(200)
        .body("timeoutSeconds", equalTo(12)).body("secret", nullValue());
  }

  private List<Received> forAppointment(long clientId) {
    return received.stream().filter(e -> !e.body().contains("ON_LOCATION"))
        .filter(e -> e.json().at("/event/appointment/id").asLong() == clientId).toList();
  }

  private List<Received> ownerEvents() {
    return received.stream().filter(e -> e.body().contains("ON_LOCATION")).toList();
  }

  private static void assertValidSignature(Received event, String secret) {
    String[] parts = event.signature().split(",");
    String t = parts[0].substring(2);
    assertEquals("v1=" + EventDelivery.sign(secret, t + "." + event.body()), parts[1], "signature");
  }

  /** Runs delivery rounds (the scheduler is off in tests) until the condition holds. */
  private void pumpUntil(BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not delivered in time; received " + received.size());
      }
      try {
        VertxContextSupport.subscribeAndAwait(() -> delivery.publish().chain(() -> delivery.deliver()));
      } catch (Exception e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 43, 1L << 44);
  }
}

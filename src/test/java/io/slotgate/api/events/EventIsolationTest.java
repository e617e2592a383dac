package io.slotgate.api.events;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.slotgate.testing.Await;
import io.slotgate.testing.Db;
import io.slotgate.testing.HostileReceivers;
import io.slotgate.testing.MutableClock;
import io.slotgate.testing.Requests;
import io.slotgate.testing.TestResolver;
import io.slotgate.testing.WholesaleFixture;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: one tenant's hostile webhook receivers (answering 500, trickling, a 1 GiB answer, a black
 * hole, a closed port) delay only themselves; an event that cannot be rendered is parked with its
 * reason and the rest go on; a callback re-pointed by DNS after subscribing is refused at delivery.
 * Receivers are real local servers; delivery runs in scheduled-style rounds on a background thread.
 */
@QuarkusTest
class EventIsolationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  /** Less than one hostile receiver's deadline (5 s): a round that waited on one would miss it. */
  static final Duration PROMPT = Duration.ofSeconds(3);

  @Inject EventDelivery delivery;
  @Inject MutableClock clock;
  @Inject io.micrometer.core.instrument.MeterRegistry metrics;

  final HostileReceivers receivers = new HostileReceivers();
  final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
  final AtomicBoolean pumping = new AtomicBoolean();

  record Received(String eventId, String host, JsonNode json, Instant at) {
    long appointment() {
      return json.at("/event/appointment/id").asLong();
    }
  }

  @AfterEach
  void stop() throws Exception {
    pumping.set(false);
    receivers.close();
    ticks.shutdownNow();
    clock.reset();
  }

  @Test
  void hostileReceiversOfOneTenantDelayNeitherItsHealthyReceiverNorAnotherTenants() throws Exception {
    String hostile = "T-HOSTILE-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String neighbour = hostile + "-NEXT";
    WholesaleFixture supplier = WholesaleFixture.create(6, 900, false, hostile, neighbour);
    List<Received> healthyOfHostile = new CopyOnWriteArrayList<>();
    List<Received> healthyOfNeighbour = new CopyOnWriteArrayList<>();
    Map<String, String> hostileCallbacks = Map.of(
        "500", receivers.status500(),
        "trickle", receivers.trickle(),
        "huge", receivers.huge(),
        "blackhole", receivers.blackHole(),
        "refused", HostileReceivers.refused());
    Map<String, String> ids = new java.util.HashMap<>();
    hostileCallbacks.forEach((kind, callback) -> ids.put(kind, subscribe(hostile, callback)));
    subscribe(hostile, healthy(healthyOfHostile));
    subscribe(neighbour, healthy(healthyOfNeighbour));
    pump();

    List<Map<String, Object>> slots = supplier.available(hostile);
    List<Long> mine = new ArrayList<>();
    List<Long> theirs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long a = id();
      long b = id();
      supplier.hold(hostile, a, slots.get(i)).then().statusCode(201);
      supplier.hold(neighbour, b, slots.get(i)).then().statusCode(201);
      given().spec(Requests.gateway(hostile)).post(BASE + "/appointments/" + a + "/_actions/confirm").then().statusCode(200);
      given().spec(Requests.gateway(neighbour)).post(BASE + "/appointments/" + b + "/_actions/confirm").then().statusCode(200);
      mine.add(a);
      theirs.add(b);
    }
    Await.until(() -> healthyOfNeighbour.size() >= 6 && healthyOfHostile.size() >= 6, Duration.ofSeconds(20),
        "both healthy receivers get their 6 events");
    for (List<Received> got : List.of(healthyOfNeighbour, healthyOfHostile)) {
      for (Received event : got) {
        Duration late = Duration.between(Instant.parse(event.json().get("eventTime").asText()), event.at());
        assertTrue(late.compareTo(PROMPT) < 0, "event " + event.eventId() + " arrived " + late + " after the change");
      }
    }
    assertEquals(theirs.stream().sorted().toList(),
        healthyOfNeighbour.stream().map(Received::appointment).distinct().sorted().toList(),
        "the neighbour gets its own appointments, all of them");
    assertTrue(healthyOfHostile.stream().allMatch(e -> mine.contains(e.appointment())));

    // Each hostile receiver is told apart in its subscription's lastError, naming no address or port.
    Map<String, String> expected = Map.of("500", "HTTP 500", "trickle", "timeout", "blackhole", "timeout",
        "refused", "connection refused");
    for (var kind : expected.entrySet()) {
      Await.until(() -> kind.getValue().equals(lastError(hostile, ids.get(kind.getKey()))), Duration.ofSeconds(20),
          kind.getKey() + " shows " + kind.getValue() + ", was " + lastError(hostile, ids.get(kind.getKey())));
      assertNoAddress(lastError(hostile, ids.get(kind.getKey())));
    }
    // The 1 GiB answer is a 200: delivered, its body dropped after a few KiB instead of read into memory.
    Await.until(() -> pending(hostile, ids.get("huge")) == 0, Duration.ofSeconds(20), "huge-body receiver served");
    assertTrue(receivers.hugeWritten.get() < 64L << 20, "read of the 1 GiB answer stopped early; written "
        + receivers.hugeWritten.get());
  }

  @Test
  void anEventThatCannotBeRenderedIsParkedWithItsReasonAndTheOthersGoOn() throws Exception {
    String booker = "T-UNREND-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(3, 900, false, booker);
    List<Received> got = new CopyOnWriteArrayList<>();
    String subscription = subscribe(booker, healthy(got));
    List<Map<String, Object>> slots = supplier.available(booker);
    long broken = id();
    long fine = id();
    supplier.hold(booker, broken, slots.get(0)).then().statusCode(201);
    supplier.hold(booker, fine, slots.get(1)).then().statusCode(201);
    // Stored data that no longer reads back (as a too-long answer did in issue 20): only its events stop.
    String where = "tenant = '" + booker + "' AND external_id = '" + broken + "'";
    assertEquals("1", Db.text("WITH u AS (UPDATE appointment SET answers = '{\"not\": \"a list\"}' WHERE " + where
        + " RETURNING 1) SELECT count(*)::text FROM u"));
    try {
      pump();
      Await.until(() -> got.stream().anyMatch(e -> e.appointment() == fine), Duration.ofSeconds(20),
          "the other appointment's event arrives");
      Await.until(() -> String.valueOf(lastError(booker, subscription)).contains("could not be rendered"),
          Duration.ofSeconds(20), "the owner sees why an event never came; was " + lastError(booker, subscription));
      given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + fine + "/_actions/confirm").then().statusCode(200);
      Await.until(() -> got.stream().filter(e -> e.appointment() == fine).count() == 2, Duration.ofSeconds(20),
          "later events keep flowing");
      assertTrue(got.stream().noneMatch(e -> e.appointment() == broken));
      assertEquals(0, pending(booker, subscription), "the parked event is not pending");
    } finally {
      Db.text("WITH u AS (UPDATE appointment SET answers = '[]' WHERE " + where + " RETURNING 1) SELECT 'x'");
    }
  }

  @Test
  void aCallbackRepointedByDnsAfterSubscribingIsRefusedAtDelivery() throws Exception {
    String booker = "T-REBIND-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, booker);
    List<Received> got = new CopyOnWriteArrayList<>();
    String local = healthy(got);
    int port = Integer.parseInt(local.replaceAll(".*:(\\d+)/.*", "$1"));
    System.setProperty(TestResolver.PROPERTY, "127.0.0.1");
    try {
      String callback = "http://" + TestResolver.NAME + ":" + port + "/events";
      String subscription = subscribe(booker, callback);
      pump();
      long id = id();
      supplier.hold(booker, id, supplier.available(booker).getFirst()).then().statusCode(201);
      Await.until(() -> got.size() == 1, Duration.ofSeconds(20), "delivered while the name resolves to the receiver");
      assertEquals(TestResolver.NAME + ":" + port, got.getFirst().host(), "the Host header keeps the callback's name");
      // The name now points at the cloud metadata address: checked at delivery, refused, never connected.
      System.setProperty(TestResolver.PROPERTY, "169.254.169.254");
      given().spec(Requests.gateway(booker)).post(BASE + "/appointments/" + id + "/_actions/confirm").then().statusCode(200);
      Await.until(() -> "address refused".equals(lastError(booker, subscription)), Duration.ofSeconds(20),
          "refused at delivery; lastError " + lastError(booker, subscription));
      assertEquals(1, got.size());
      assertEquals(1, pending(booker, subscription));
    } finally {
      System.clearProperty(TestResolver.PROPERTY);
    }
  }

  @Test
  void aDeadInstancesDeliveryIsSentAgainOnceItsShortLeaseLapsesAndCountedAsRedelivered() throws Throwable {
    String booker = "T-LEASE-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, booker);
    List<Received> got = new CopyOnWriteArrayList<>();
    String subscription = subscribe(booker, healthy(got));
    supplier.hold(booker, id(), supplier.available(booker).getFirst()).then().statusCode(201);
    VertxContextSupport.subscribeAndAwait(() -> delivery.publish());
    // Claimed by an instance that was then SIGKILLed: leased, an attempt counted, no outcome ever recorded.
    assertEquals("1", Db.text("WITH u AS (UPDATE hub_delivery SET leased_until = now() + interval '6 seconds', "
        + "attempts = attempts + 1 WHERE subscription_id = '" + subscription + "' RETURNING 1) SELECT count(*)::text FROM u"));
    double before = metrics.counter("slotgate.events.redelivered").count();
    VertxContextSupport.subscribeAndAwait(() -> delivery.deliver());
    assertEquals(0, got.size(), "not while the lease holds");
    clock.advance(Duration.ofSeconds(7));
    VertxContextSupport.subscribeAndAwait(() -> delivery.deliver());
    Await.until(() -> got.size() == 1, Duration.ofSeconds(10), "sent again within the lease (6 s) and a round");
    // Other tests' deliveries whose leases the same clock jump lapsed may count too: at least this one did.
    assertTrue(metrics.counter("slotgate.events.redelivered").count() >= before + 1, "counted as a redelivery");
    assertEquals("2", Db.text("SELECT attempts::text FROM hub_delivery WHERE subscription_id = '" + subscription + "'"),
        "the dead instance's attempt and the one that delivered");
  }

  // --- delivery rounds, as the scheduler runs them (it is off in tests)

  private void pump() {
    if (!pumping.compareAndSet(false, true)) {
      return;
    }
    ticks.scheduleWithFixedDelay(() -> {
      if (!pumping.get()) {
        return;
      }
      try {
        VertxContextSupport.subscribeAndAwait(() -> delivery.round());
      } catch (Throwable e) {
        // The next round tries again; an assertion above says what did not arrive.
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
  }

  // --- receivers

  private String subscribe(String tenant, String callback) {
    return given().spec(Requests.gateway(tenant)).contentType(ContentType.JSON).body(Map.of("callback", callback))
        .post(BASE + "/hub").then().statusCode(201).extract().path("id");
  }

  private String lastError(String tenant, String id) {
    return given().spec(Requests.gateway(tenant)).get(BASE + "/hub/" + id).then().statusCode(200).extract().path("lastError");
  }

  private int pending(String tenant, String id) {
    return given().spec(Requests.gateway(tenant)).get(BASE + "/hub/" + id).then().statusCode(200).extract().path("pending");
  }

  private String healthy(List<Received> received) throws IOException {
    return receivers.serve(exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestHeaders().getFirst("X-Slotgate-Event-Id"),
          exchange.getRequestHeaders().getFirst("Host"), JSON.readTree(body), Instant.now()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    }, 8);
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 43, 1L << 44);
  }

  static void assertNoAddress(String error) {
    assertFalse(error.contains("127.0.0.1") || error.matches(".*:\\d+.*"), error);
  }
}

package io.slotgate.supplier.http;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.RemoteSupplierResource.FAKE;
import static io.slotgate.testing.RemoteSupplierResource.LOOP_TENANT;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.Await;
import io.slotgate.testing.Db;
import io.slotgate.testing.FakeSupplier;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import io.slotgate.core.wholesale.RemoteSuppliers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http supplier adapter against real HTTP peers: this app as a remote slotgate, and a fake supplier. */
@QuarkusTest
class HttpSupplierAdapterTest {

  static final String OWNER = "GW-OWNER";

  @Inject RemoteSuppliers remoteSuppliers;

  @AfterEach
  void healthySupplier() {
    FAKE.mode = FakeSupplier.Mode.OK;
    FAKE.holdSeconds = 0;
    FAKE.slowMillis = 2500;
    FAKE.failReads = false;
  }

  @Test
  void aConfirmThatTimedOutIsSettledByReadingTheSuppliersRecord() {
    long id = heldThrough("fake-confirm-read", "GW-CONFIRM-READ", "fttp-confirm-read");
    FAKE.mode = FakeSupplier.Mode.SLOW_CONFIRM;
    act("GW-CONFIRM-READ", id, "confirm").then().statusCode(200).body("status", equalTo("ACCEPTED"));
  }

  @Test
  void aConfirmWhoseAnswerWasLostIsRecognisedWhenRetried() {
    long id = heldThrough("fake-confirm", "GW-CONFIRM", "fttp-confirm");
    // The supplier confirms but its answer is lost, and so is the read that would have told us.
    FAKE.mode = FakeSupplier.Mode.SLOW_CONFIRM;
    FAKE.failReads = true;
    act("GW-CONFIRM", id, "confirm").then().statusCode(504).body("code", equalTo("SUPPLIER_TIMED_OUT"));
    long remote = RemoteSuppliers.remoteId("GW-CONFIRM", String.valueOf(id));
    assertEquals("ACCEPTED", FAKE.statuses.get(remote), "the supplier did confirm");
    FAKE.mode = FakeSupplier.Mode.OK;
    FAKE.failReads = false;
    // The retry meets "already ACCEPTED" there, reads the supplier's record and agrees.
    act("GW-CONFIRM", id, "confirm").then().statusCode(200).body("status", equalTo("ACCEPTED"));
  }

  @Test
  void theGatewayNeverPromisesAHoldLongerThanTheSupplierKeepsIt() {
    connect("fake-short", "GW-SHORT", "fttp-short");
    FAKE.holdSeconds = 8;
    String expiry = hold("GW-SHORT", "fttp-short", id()).then().statusCode(201).extract().path("expiryDateTime");
    assertTrue(java.time.Instant.parse(expiry).isBefore(java.time.Instant.now().plusSeconds(9)),
        "the supplier's 8 s, not our 15 minutes: " + expiry);
  }

  @Test
  void aHoldRetriedAfterA504ReachesTheSameRemoteAppointmentAndKeepsIt() throws Exception {
    connect("fake-retry", "GW-RETRY", "fttp-retry");
    FAKE.mode = FakeSupplier.Mode.SLOW;
    long id = id();
    hold("GW-RETRY", "fttp-retry", id).then().statusCode(504);
    FAKE.mode = FakeSupplier.Mode.OK;
    hold("GW-RETRY", "fttp-retry", id).then().statusCode(201);
    long remote = RemoteSuppliers.remoteId("GW-RETRY", String.valueOf(id));
    assertEquals(List.of(remote, remote), FAKE.holdsReceived.stream().filter(r -> r == remote).toList(),
        "both attempts reached the same remote appointment");
    Await.until(() -> FAKE.holdsAnswered.stream().filter(r -> r == remote).count() == 2, Duration.ofSeconds(10),
        "the supplier answered the slow first attempt too");
    assertEquals("RESERVED", FAKE.statuses.get(remote), "the background release left the retried hold alone");
    given().spec(Requests.gateway("GW-RETRY")).get(BASE + "/appointments/" + id).then().statusCode(200)
        .body("status", equalTo("RESERVED"));
  }

  @Test
  void theReconcilerRepairsWhatTheTwoSidesDisagreeOn() throws Throwable {
    connect("fake-reconcile", "GW-RECONCILE", "fttp-reconcile");
    long lostConfirm = id();
    long cancelledThere = id();
    long lostRelease = id();
    for (long id : List.of(lostConfirm, cancelledThere, lostRelease)) {
      hold("GW-RECONCILE", "fttp-reconcile", id).then().statusCode(201);
    }
    FAKE.mode = FakeSupplier.Mode.SLOW_CONFIRM;
    FAKE.failReads = true;
    act("GW-RECONCILE", lostConfirm, "confirm").then().statusCode(504);
    FAKE.mode = FakeSupplier.Mode.OK;
    FAKE.failReads = false;
    FAKE.statuses.put(RemoteSuppliers.remoteId("GW-RECONCILE", String.valueOf(cancelledThere)), "CANCELLED");
    // A cancel whose release never reached the supplier: cancelled here, still held there.
    Db.count("WITH u AS (UPDATE appointment SET status = 'CANCELLED' WHERE tenant = 'GW-RECONCILE' AND external_id = '"
        + lostRelease + "' RETURNING 1) SELECT count(*) FROM u");

    int repaired = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> remoteSuppliers.reconcile());
    assertTrue(repaired >= 3, "repaired " + repaired);
    given().spec(Requests.gateway("GW-RECONCILE")).get(BASE + "/appointments/" + lostConfirm).then()
        .body("status", equalTo("ACCEPTED"));
    given().spec(Requests.gateway("GW-RECONCILE")).get(BASE + "/appointments/" + cancelledThere).then()
        .body("status", equalTo("CANCELLED"));
    assertEquals("CANCELLED", FAKE.statuses.get(RemoteSuppliers.remoteId("GW-RECONCILE", String.valueOf(lostRelease))));
  }

  @Test
  void searchHoldConfirmAndCancelGoThroughToTheRemoteSupplier() throws Exception {
    WholesaleFixture remote = WholesaleFixture.create(2, 900, false, LOOP_TENANT);
    connect("loop", "GW-LOOP", remote.specification);
    List<Map<String, Object>> slots = remote.available("GW-LOOP");
    assertEquals(remote.available(LOOP_TENANT), slots, "the gateway answers the supplier's availability");
    Map<String, Object> slot = slots.getFirst();
    long first = id();
    remote.hold("GW-LOOP", first, slot).then().statusCode(201).body("serviceSpecification.id", equalTo(remote.specification));
    String mine = "supplier_id = '" + remote.supplierId + "' AND tenant = '" + LOOP_TENANT + "'";
    assertEquals(1, Db.count("SELECT count(*) FROM appointment WHERE " + mine),
        "the supplier holds the appointment under the gateway's tenant");

    act("GW-LOOP", first, "confirm").then().statusCode(200).body("status", equalTo("ACCEPTED"));
    assertEquals("ACCEPTED", Db.text("SELECT status FROM appointment WHERE " + mine));

    remote.hold("GW-LOOP", id(), slot).then().statusCode(201);
    long third = id();
    remote.hold("GW-LOOP", third, slot).then().statusCode(409).body("code", equalTo("SLOT_UNAVAILABLE"));
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = 'GW-LOOP' AND external_id = '" + third + "'"),
        "a hold the supplier refused leaves nothing here");

    act("GW-LOOP", first, "cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
    Await.until(() -> Db.count("SELECT count(*) FROM appointment WHERE " + mine + " AND status = 'CANCELLED'") == 1,
        Duration.ofSeconds(10), "the supplier released the cancelled appointment");
  }

  @Test
  void aCancelFromTheOwnersLifecycleFaceReleasesAtTheRemoteSupplier() throws Exception {
    WholesaleFixture remote = WholesaleFixture.create(2, 900, false, LOOP_TENANT);
    String owner = "GW-OWNER-LIFECYCLE";
    connect(owner, "loop", "GW-LOOP-2", remote.specification);
    long id = id();
    String reference = remote.hold("GW-LOOP-2", id, remote.available("GW-LOOP-2").getFirst()).then().statusCode(201)
        .extract().path("supplierReference");
    act("GW-LOOP-2", id, "confirm").then().statusCode(200).body("status", equalTo("ACCEPTED"));
    String atSupplier = "supplier_id = '" + remote.supplierId + "' AND tenant = '" + LOOP_TENANT + "'";
    assertEquals("ACCEPTED", Db.text("SELECT status FROM appointment WHERE " + atSupplier));
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, owner))
        .post("/enterprises/" + owner + "/appointments/" + reference + "/_actions/cancel")
        .then().statusCode(200).body("data.status", equalTo("CANCELLED"));
    Await.until(() -> "CANCELLED".equals(Db.text("SELECT status FROM appointment WHERE " + atSupplier)),
        Duration.ofSeconds(10), "the supplier released the appointment the gateway's owner cancelled");
  }

  @Test
  void aSlowSupplierAnswers504InTimeAndNoHoldRemainsOnEitherSide() throws Exception {
    connect("fake-slow", "GW-SLOW", "fttp-slow");
    FAKE.mode = FakeSupplier.Mode.SLOW;
    long id = id();
    long started = System.nanoTime();
    hold("GW-SLOW", "fttp-slow", id).then().statusCode(504).body("code", equalTo("SUPPLIER_TIMED_OUT"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis < 2000, "504 within the 1 s timeout + 1 s, took " + millis + " ms");
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE tenant = 'GW-SLOW' AND external_id = '" + id + "'"));
    long remoteId = FAKE.holdsReceived.getLast();
    FAKE.released(remoteId).get(30, TimeUnit.SECONDS);
    assertFalse(FAKE.holds.contains(remoteId), "the supplier's late hold was released");
  }

  @Test
  void aSupplierTalkingGarbageIsASupplierFault() {
    searchIsASupplierFault("garbage", FakeSupplier.Mode.GARBAGE, "not JSON");
  }

  /** Issue 23: a closed connection is our database's 503 only when it is our database's; a supplier's stays its fault. */
  @Test
  void aSupplierDroppingTheConnectionIsASupplierFaultNotOurDatabase() {
    searchIsASupplierFault("drop", FakeSupplier.Mode.DROP, "cannot be reached");
    hold("GW-DROP", "fttp-drop", id()).then().statusCode(500).body("code", equalTo("SUPPLIER_FAULT"));
  }

  @Test
  void aDownSupplierGives500Then503UntilItIsBack() throws Exception {
    connect("fake-down", "GW-DOWN", "fttp-down");
    FAKE.mode = FakeSupplier.Mode.FAIL;
    for (int i = 0; i < 4; i++) {
      search("GW-DOWN", "fttp-down").then().statusCode(500).body("code", equalTo("SUPPLIER_FAULT"));
    }
    search("GW-DOWN", "fttp-down").then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE"))
        .header("Retry-After", "2");
    FAKE.mode = FakeSupplier.Mode.OK;
    Await.until(() -> search("GW-DOWN", "fttp-down").statusCode() == 200, Duration.ofSeconds(10),
        "the breaker closes once the supplier is back");
    hold("GW-DOWN", "fttp-down", id()).then().statusCode(201);
  }

  private static Response search(String tenant, String specification) {
    return given().spec(Requests.gateway(tenant)).urlEncodingEnabled(false)
        .queryParam("address", WholesaleFixture.encode("{\"id\":\"200004033694\",\"type\":\"UPRN\"}"))
        .queryParam("serviceSpecification", WholesaleFixture.encode("{\"id\":\"" + specification + "\"}"))
        .queryParam("appointmentPurpose", "PROVIDE")
        .get(BASE + "/available-appointments");
  }

  private static Response hold(String tenant, String specification, long id) {
    return given().spec(Requests.gateway(tenant)).contentType(ContentType.JSON)
        .body(Map.of("id", id, "address", Map.of("id", "200004033694", "type", "UPRN"),
            "serviceSpecification", Map.of("id", specification),
            "timeslot", Map.of("timeslotStartDateTime", FakeSupplier.START, "timeslotEndDateTime", FakeSupplier.END)))
        .post(BASE + "/appointments");
  }

  /**
   * Connects fake supplier "fake-NAME" for tenant GW-NAME and specification fttp-NAME, has it answer in {@code mode},
   * and checks that a search there is the supplier's fault (500 SUPPLIER_FAULT) with a message that {@code says} why.
   */
  private static void searchIsASupplierFault(String name, FakeSupplier.Mode mode, String says) {
    connect("fake-" + name, "GW-" + name.toUpperCase(), "fttp-" + name);
    FAKE.mode = mode;
    search("GW-" + name.toUpperCase(), "fttp-" + name).then().statusCode(500).body("code", equalTo("SUPPLIER_FAULT"))
        .body("messages[0]", containsString(says));
  }

  /** A confirm or cancel ({@code action}) of the tenant's appointment {@code id} through the wholesale face. */
  private static Response act(String tenant, long id, String action) {
    return given().spec(Requests.gateway(tenant)).post(BASE + "/appointments/" + id + "/_actions/" + action);
  }

  /** Connects the fake supplier for {@code tenant} and holds its slot there: answers the hold's id. */
  private static long heldThrough(String supplier, String tenant, String specification) {
    connect(supplier, tenant, specification);
    long id = id();
    hold(tenant, specification, id).then().statusCode(201);
    return id;
  }

  /** A supplier of adapter "http" (its URL and token come from configuration) routed for the tenant. */
  private static void connect(String supplier, String tenant, String specification) {
    connect(OWNER, supplier, tenant, specification);
  }

  private static void connect(String owner, String supplier, String tenant, String specification) {
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, owner)).header("Tenant", owner).contentType(ContentType.JSON)
        .body(Map.of("id", supplier, "adapter", "http", "holdTtlSeconds", 900, "horizonDays", 14)).post("/admin/v1/suppliers")
        .then().statusCode(201);
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, owner)).header("Tenant", owner).contentType(ContentType.JSON)
        .body(Map.of("tenant", tenant, "serviceSpecifications", List.of(specification)))
        .post("/admin/v1/suppliers/" + supplier + "/grants").then().statusCode(201);
    // The grant only offers the supplier; the booker routes to it itself.
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant).contentType(ContentType.JSON)
        .body(Map.of("serviceSpecification", specification, "supplierId", supplier, "supplierTenant", owner))
        .post("/admin/v1/routes").then().statusCode(201);
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 49, 1L << 50);
  }
}

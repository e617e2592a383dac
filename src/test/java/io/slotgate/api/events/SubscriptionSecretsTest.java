package io.slotgate.api.events;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.slotgate.testing.Db;
import io.slotgate.testing.MutableClock;
import io.slotgate.testing.Requests;
import io.slotgate.testing.WebhookReceiver;
import io.slotgate.testing.WholesaleFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 20: subscriptions are bounded per tenant, their secrets sealed at rest and rotatable without a gap. */
@QuarkusTest
class SubscriptionSecretsTest {

  @Inject EventDelivery delivery;
  @Inject MutableClock clock;

  WebhookReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    clock.reset();
  }

  String callback() {
    return receiver.callback();
  }

  @Test
  void aTenantHasAtMostTenSubscriptionsPerFace() {
    String tenant = "T-FANOUT-" + ThreadLocalRandom.current().nextInt(1_000_000);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(subscribe(tenant).then().statusCode(201).extract().path("id"));
    }
    subscribe(tenant).then().statusCode(409).body("code", equalTo("CONFLICT"))
        .body("messages[0]", org.hamcrest.Matchers.containsString("at most 10"));
    assertEquals(10, Db.count("SELECT count(*) FROM hub_subscription WHERE tenant = '" + tenant + "' AND deleted_at IS NULL"));
    // A deleted subscription frees its place.
    given().spec(Requests.gateway(tenant)).delete(BASE + "/hub/" + ids.getFirst()).then().statusCode(204);
    subscribe(tenant).then().statusCode(201);
  }

  @Test
  void secretsAreSealedAtRestAndARotationSignsWithBothUntilTheOverlapEnds() throws Throwable {
    String booker = "T-ROTATE-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(3, 900, false, booker);
    Map<String, Object> created = subscribe(booker).then().statusCode(201).extract().as(Map.class);
    String id = (String) created.get("id");
    String first = (String) created.get("secret");
    String stored = Db.text("SELECT secret FROM hub_subscription WHERE id = '" + id + "'");
    assertTrue(stored.startsWith("v1:"), "sealed");
    assertFalse(stored.contains(first), "the secret is not in the database");

    String second = given().spec(Requests.gateway(booker)).post(BASE + "/hub/" + id + "/_actions/rotate-secret")
        .then().statusCode(200).body("secret", notNullValue()).body("id", equalTo(id)).extract().path("secret");
    assertNotEquals(first, second);
    given().spec(Requests.gateway(booker)).get(BASE + "/hub/" + id).then().statusCode(200).body("secret", nullValue());
    // Another tenant cannot rotate it (nor learn that it exists).
    given().spec(Requests.gateway(booker + "-X")).post(BASE + "/hub/" + id + "/_actions/rotate-secret")
        .then().statusCode(404).body("code", equalTo("NOT_FOUND"));

    List<Map<String, Object>> slots = supplier.available(booker);
    supplier.hold(booker, id(), slots.get(0)).then().statusCode(201);
    pumpUntil(1);
    String[] overlapping = delivery(0);
    assertEquals(List.of(sign(second, overlapping), sign(first, overlapping)), signatures(overlapping[0]),
        "the new secret first, then the old one");

    clock.advance(Duration.ofHours(25));
    supplier.hold(booker, id(), slots.getLast()).then().statusCode(201);
    pumpUntil(2);
    String[] after = delivery(1);
    assertEquals(List.of(sign(second, after)), signatures(after[0]), "after the overlap, the new secret alone");
  }

  @Test
  void aSecretStoredBeforeEncryptionIsSealedByTheRetentionJobAndStillSigns() throws Throwable {
    String booker = "T-LEGACY-" + ThreadLocalRandom.current().nextInt(1_000_000);
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, booker);
    String id = subscribe(booker).then().statusCode(201).extract().path("id");
    String legacy = "legacy-plain-secret-" + UUID.randomUUID();
    Db.count("WITH u AS (UPDATE hub_subscription SET secret = '" + legacy + "' WHERE id = '" + id
        + "' RETURNING 1) SELECT count(*) FROM u");
    VertxContextSupport.subscribeAndAwait(() -> delivery.retention());
    String stored = Db.text("SELECT secret FROM hub_subscription WHERE id = '" + id + "'");
    assertTrue(stored.startsWith("v1:") && !stored.contains(legacy), "re-sealed");
    supplier.hold(booker, id(), supplier.available(booker).getFirst()).then().statusCode(201);
    pumpUntil(1);
    assertEquals(List.of(sign(legacy, delivery(0))), signatures(delivery(0)[0]));
  }

  private io.restassured.response.Response subscribe(String tenant) {
    return given().spec(Requests.gateway(tenant)).contentType(ContentType.JSON).body(Map.of("callback", callback()))
        .post(BASE + "/hub");
  }

  /** The v1 values of {@code t=<unix>,v1=<hex>[,v1=<hex>]}. */
  private static List<String> signatures(String header) {
    return List.of(header.split(",")).stream().filter(p -> p.startsWith("v1=")).map(p -> p.substring(3)).toList();
  }

  private static String sign(String secret, String[] delivery) {
    String t = delivery[0].split(",")[0].substring(2);
    return EventDelivery.sign(secret, t + "." + delivery[1]);
  }

  private void pumpUntil(int count) throws Throwable {
    receiver.pumpUntil(delivery, () -> receiver.received.size() >= count);
  }

  /** Signature header and body of the n-th delivery received. */
  private String[] delivery(int n) {
    WebhookReceiver.Delivery received = receiver.received.get(n);
    return new String[] {received.signature(), received.body()};
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 43, 1L << 44);
  }
}

package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a support desk works from: refusals logged with their uuid and request id, per-action metrics, HELP texts. */
@QuarkusTest
class SupportSignalsTest {

  private final List<ExtLogRecord> refusals = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger("io.slotgate.api.error.ErrorResponses");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      ExtLogRecord ext = (ExtLogRecord) record;
      ext.copyMdc();
      refusals.add(ext);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(capture);
  }

  @Test
  void everyRefusalIsLoggedOnceWithItsUuidAndTheRequestId() {
    String uuid = given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, "LOG1")).header("X-Request-ID", "support-404")
        .header("X-Conversation-ID", "support").header("Tenant", "LOG1")
        .get(WholesaleFixture.BASE + "/appointments/424242").then().statusCode(404).extract().path("uuid");
    List<ExtLogRecord> logged = refusals.stream().filter(r -> r.getFormattedMessage().contains(uuid)).toList();
    assertEquals(1, logged.size(), "one line for the refusal " + uuid + ": " + messages());
    assertTrue(logged.getFirst().getFormattedMessage().startsWith("404 NOT_FOUND"), logged.getFirst().getFormattedMessage());
    assertEquals("support-404", logged.getFirst().getMdc("requestId"));
    assertEquals("LOG1", logged.getFirst().getMdc("tenant"));
  }

  @Test
  void aRefusedTokenIsLoggedWithTheReason() {
    String expired = given().auth().oauth2(Tokens.expired(Tokens.MANAGE, "LOG1")).header("Tenant", "LOG1")
        .get("/admin/v1/branches").then().statusCode(401).extract().path("uuid");
    String none = given().header("Tenant", "LOG1").get("/admin/v1/branches").then().statusCode(401)
        .extract().path("uuid");
    assertTrue(line(expired).toLowerCase().contains("reason:") && line(expired).toLowerCase().contains("expir"),
        line(expired));
    assertTrue(line(none).contains("reason: no Authorization header"), line(none));
    assertTrue(!line(expired).contains(Tokens.expired(Tokens.MANAGE, "LOG1").split("\\.")[1]),
        "the token itself is not logged");
  }

  @Test
  void eachActionHasItsOwnMetricUriAndEveryCounterSaysWhatItCounts() {
    WholesaleFixture fixture = WholesaleFixture.create(2, 900, true, "METRIC1");
    List<Map<String, Object>> slots = fixture.available("METRIC1");
    fixture.hold("METRIC1", 8801, slots.get(0)).then().statusCode(201);
    given().spec(Requests.gateway("METRIC1")).contentType(ContentType.JSON).body("{}")
        .post(WholesaleFixture.BASE + "/appointments/8801/_actions/confirm").then().statusCode(200);
    fixture.hold("METRIC1", 8802, slots.get(1)).then().statusCode(201);
    given().spec(Requests.gateway("METRIC1")).post(WholesaleFixture.BASE + "/appointments/8802/_actions/cancel")
        .then().statusCode(200);
    String reference = given().spec(Requests.gateway("METRIC1")).get(WholesaleFixture.BASE + "/appointments/8801")
        .then().statusCode(200).extract().path("supplierReference");
    fixture.asOwner().post(fixture.lifecycle(reference) + "/_actions/accept").then().statusCode(200);

    String metrics = given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200).extract().asString();
    for (String uri : List.of("/WholesaleGateway/v1.0/gateway/appointments/{id}/_actions/confirm",
        "/WholesaleGateway/v1.0/gateway/appointments/{id}/_actions/cancel",
        "/enterprises/{enterprise}/appointments/{id}/_actions/accept")) {
      assertTrue(metrics.contains("uri=\"" + uri + "\""), "no http_server_requests series for " + uri);
    }
    for (String line : metrics.lines().filter(l -> l.startsWith("# HELP slotgate_")).toList()) {
      String[] parts = line.split(" ", 4);
      assertTrue(parts.length == 4 && parts[3].length() > 10, "empty HELP: " + line);
    }
    String help = String.join("\n", metrics.lines().filter(l -> l.contains("slotgate_")).toList());
    assertTrue(metrics.contains("# HELP slotgate_holds Hold requests"), "slotgate_holds has its HELP: " + help);
    assertTrue(metrics.contains("# HELP slotgate_moves Lifecycle moves"), "slotgate_moves has its HELP");
  }

  private String line(String uuid) {
    return refusals.stream().map(ExtLogRecord::getFormattedMessage).filter(m -> m.contains(uuid)).findFirst()
        .orElse("no line for " + uuid + " in " + messages());
  }

  private List<String> messages() {
    return refusals.stream().map(ExtLogRecord::getFormattedMessage).toList();
  }
}

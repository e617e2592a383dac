package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Security, error formats, health and metrics, through real HTTP with real signed tokens. */
@QuarkusTest
class FoundationTest {

  static final String BRANCHES = "/admin/v1/branches";

  @Test
  void readinessReportsTheDatabaseUp() {
    given().spec(Requests.ops()).get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("database"));
    given().spec(Requests.ops()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void metricsAndOpenApiNeedNoToken() {
    given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    given().spec(Requests.ops()).get("/q/openapi?format=json").then().statusCode(200)
        .body("paths", notNullValue())
        .body(containsString("/WholesaleGateway/v1.0/gateway/appointments"))
        .body("info.description", containsString("scripts/token.sh TENANT1"));
  }

  @Test
  void operationsEndpointsAreNotOnTheApiPortAndMetricsNameNoTenant() {
    for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/dev-ui")) {
      given().get(path).then().statusCode(404);
    }
    given().spec(Requests.ops()).get("/q/swagger-ui/").then().statusCode(200);
    // A booker's hold is counted, but no series is labelled with a tenant name unless configured.
    WholesaleFixture fixture = WholesaleFixture.create(1, 900, false, "LABELS1");
    fixture.hold("LABELS1", 9901, fixture.available("LABELS1").getFirst()).then().statusCode(201);
    String metrics = given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("slotgate_holds_total{outcome=\"created\""), "holds are counted");
    assertTrue(metrics.lines().noneMatch(line -> line.contains("tenant=")), "no tenant label");
  }

  @Test
  void validTokenForTheTenantAnswers200() {
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "ACME")).header("Tenant", "ACME")
        .get(BRANCHES).then().statusCode(200).contentType(ContentType.JSON);
    given().auth().oauth2(Tokens.forTenant(Tokens.MANAGE, "ACME")).header("Tenant", "ACME")
        .get(BRANCHES).then().statusCode(200);
  }

  @Test
  void missingExpiredGarbledOrForeignTokensAnswer401InTheErrorFormat() {
    for (String token : new String[] {null, Tokens.expired(Tokens.MANAGE, "ACME"), "not.a.jwt",
        Tokens.wronglySigned(Tokens.MANAGE, "ACME"), Tokens.wrongIssuer(Tokens.MANAGE, "ACME")}) {
      var request = given().header("Tenant", "ACME");
      if (token != null) {
        request = request.auth().oauth2(token);
      }
      request.get(BRANCHES).then().statusCode(401)
          .header("WWW-Authenticate", containsString("Bearer"))
          .body("code", equalTo("NOT_AUTHORISED"))
          .body("uuid", notNullValue())
          .body("messages[0]", containsString("bearer token"));
    }
  }

  @Test
  void anotherTenantOrAMissingScopeAnswers403() {
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "ACME")).header("Tenant", "OTHER")
        .get(BRANCHES).then().statusCode(403)
        .body("code", equalTo("NOT_AUTHORISED")).body("messages[0]", containsString("OTHER"));
    given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, "ACME")).header("Tenant", "ACME")
        .get(BRANCHES).then().statusCode(403).body("code", equalTo("NOT_AUTHORISED"))
        .body("messages[0]", containsString("needs scope 'appointments:manage'"));
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "ACME")).header("Tenant", "ACME")
        .header("X-Request-ID", "r1").header("X-Conversation-ID", "c1")
        .get(io.slotgate.testing.WholesaleFixture.BASE + "/appointments/1").then().statusCode(403)
        .body("messages[0]", containsString("needs scope 'appointments'"));
  }

  /** The catalogue kinds' list, create, replace and retire are inherited (CatalogueKindResource): each keeps the role. */
  @Test
  void everyCatalogueKindsInheritedOperationsNeedTheManageScope() {
    String book = Tokens.forTenants(Tokens.BOOK, "ACME");
    String id = "/00000000-0000-4000-8000-000000000000";
    for (String kind : List.of(BRANCHES, "/admin/v1/services", "/admin/v1/resources", "/admin/v1/service-groups",
        "/admin/v1/service-combinations")) {
      given().auth().oauth2(book).header("Tenant", "ACME").get(kind).then().statusCode(403);
      given().auth().oauth2(book).header("Tenant", "ACME").contentType(ContentType.JSON).body("{}").post(kind)
          .then().statusCode(403);
      given().auth().oauth2(book).header("Tenant", "ACME").contentType(ContentType.JSON).body("{}").put(kind + id)
          .then().statusCode(403);
      given().auth().oauth2(book).header("Tenant", "ACME").delete(kind + id).then().statusCode(403);
      given().header("Tenant", "ACME").delete(kind + id).then().statusCode(401);
    }
  }

  /**
   * The hub's operations are inherited (SubscriptionsResource) and each face's scope is a permission on its path
   * (HubRoles): every operation of every face refuses another face's scope (403) and a missing token (401) in the
   * face's error format, and lets its own scope through to the operation (404 for an unknown subscription).
   */
  @Test
  void everyHubFacesInheritedOperationsNeedThatFacesScope() {
    record Face(String base, String scope, String otherScope, String codePath, java.util.Map<String, String> headers) {}
    var wholesaleHeaders = java.util.Map.of("Tenant", "ACME", "X-Request-ID", "r1", "X-Conversation-ID", "c1");
    List<Face> faces = List.of(
        new Face("/external/v1/hub", Tokens.BOOK, Tokens.MANAGE, "code", java.util.Map.of("X-TENANT-ID", "ACME")),
        new Face(WholesaleFixture.BASE + "/hub", Tokens.BOOK, Tokens.MANAGE, "code", wholesaleHeaders),
        new Face("/enterprises/ACME/hub", Tokens.MANAGE, Tokens.BOOK, "errors[0].code", java.util.Map.of()));
    String id = "/00000000-0000-4000-8000-000000000000";
    for (Face face : faces) {
      record Caller(String token, int status, String code) {}
      for (Caller caller : List.of(new Caller(null, 401, "NOT_AUTHORISED"),
          new Caller(Tokens.forTenants(face.otherScope(), "ACME"), 403, "NOT_AUTHORISED"),
          new Caller(Tokens.forTenants(face.scope(), "ACME"), 404, "NOT_FOUND"))) {
        java.util.function.Supplier<io.restassured.specification.RequestSpecification> request = () -> {
          var spec = given().headers(face.headers()).contentType(ContentType.JSON);
          return caller.token() == null ? spec : spec.auth().oauth2(caller.token());
        };
        request.get().get(face.base() + id).then().statusCode(caller.status())
            .body(face.codePath(), equalTo(caller.code()));
        request.get().delete(face.base() + id).then().statusCode(caller.status())
            .body(face.codePath(), equalTo(caller.code()));
        request.get().post(face.base() + id + "/_actions/resume").then().statusCode(caller.status())
            .body(face.codePath(), equalTo(caller.code()));
        request.get().post(face.base() + id + "/_actions/rotate-secret").then().statusCode(caller.status())
            .body(face.codePath(), equalTo(caller.code()));
        if (caller.status() != 404) {
          request.get().body("{\"callback\": \"https://isp.example/events\"}").post(face.base()).then()
              .statusCode(caller.status()).body(face.codePath(), equalTo(caller.code()));
        }
      }
    }
  }

  @Test
  void lifecycleFaceAnswers401InItsOwnFormat() {
    given().get("/enterprises/ACME/appointments/123").then().statusCode(401)
        .body("errors[0].code", equalTo("NOT_AUTHORISED"))
        .body("errors[0].statusCode", equalTo("401"));
  }

  @Test
  void malformedJsonWrongContentTypeUnknownPathAndMissingHeaderGetTheDocumented4xx() {
    String token = Tokens.forTenants(Tokens.MANAGE, "ACME");
    given().auth().oauth2(token).header("Tenant", "ACME").contentType(ContentType.JSON).body("{\"name\": ")
        .post(BRANCHES).then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
    given().auth().oauth2(token).header("Tenant", "ACME").contentType(ContentType.TEXT).body("name=x")
        .post(BRANCHES).then().statusCode(415).body("code", equalTo("MALFORMED_REQUEST"))
        .body("messages[0]", containsString("application/json"));
    given().auth().oauth2(token).header("Tenant", "ACME").get("/admin/v1/nothing-here")
        .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    given().auth().oauth2(token).get(BRANCHES).then().statusCode(400)
        .body("code", equalTo("MALFORMED_REQUEST")).body("messages[0]", containsString("Tenant"));
    given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, "ACME")).header("Tenant", "ACME")
        .queryParam("address", "{}").get("/WholesaleGateway/v1.0/gateway/available-appointments")
        .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"))
        .body("messages[0]", containsString("X-Request-ID"));
  }

  @Test
  void validationFailuresAre422NamingTheField() {
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "ACME")).header("Tenant", "ACME")
        .contentType(ContentType.JSON).body("{\"name\": \"\", \"timeZone\": \"Europe/London\"}")
        .post(BRANCHES).then().statusCode(422)
        .body("code", equalTo("INVALID_REQUEST")).body("messages[0]", containsString("name"));
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, "ACME")).header("Tenant", "ACME")
        .contentType(ContentType.JSON).body("{\"name\": \"X\", \"timeZone\": \"Mars/Olympus\"}")
        .post(BRANCHES).then().statusCode(422).body("messages[0]", containsString("timeZone"));
  }

  @Test
  void requestAndConversationIdsAreEchoed() {
    given().header("X-Request-ID", "req-42").header("X-Conversation-ID", "conv-7")
        .get(BRANCHES).then().statusCode(401)
        .header("X-Request-ID", "req-42").header("X-Conversation-ID", "conv-7");
    // Issue 22: seed 002 (the lifecycle face) sends X-Correlation-Id.
    given().header("X-Correlation-Id", "a4f0048e-c983-11ed-afa1-0242ac120002")
        .get("/enterprises/TENANT1/appointments").then().statusCode(401)
        .header("X-Correlation-Id", "a4f0048e-c983-11ed-afa1-0242ac120002");
    // Without one, the id the logs carry is generated and echoed, so a caller can quote it.
    given().get(BRANCHES).then().statusCode(401)
        .header("X-Request-ID", org.hamcrest.Matchers.startsWith("gen-"));
  }
}

package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.slotgate.testing.Db;
import io.slotgate.testing.Tokens;
import io.smallrye.jwt.build.Jwt;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 4 over every endpoint of every face, generated from the OpenAPI document so that a new
 * endpoint is covered without anyone remembering to: tenant B, with both scopes, calls each operation
 * (1) naming tenant A (header or path) → 403, and (2) as itself with A's ids in the path → 404. Each
 * call must leave every row of A, B and A's grantee as it was. A's ids are proven real by A's own reads.
 */
@QuarkusTest
class TenantWallTest {

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String a = "WALL-A-" + suffix;
  private final String b = "WALL-B-" + suffix;
  private final String grantee = "WALL-G-" + suffix;

  /** A's catalogue and appointments, built through the API: the ids B tries. */
  private final Map<String, String> ids = new java.util.HashMap<>();

  @Test
  void noTenantReachesAnotherTenantsItemsThroughAnyEndpoint() throws Exception {
    buildTenantA();
    JsonNode openapi = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    int operations = 0;
    int withIds = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : METHODS) {
        JsonNode operation = path.getValue().get(method);
        if (operation == null) {
          continue;
        }
        operations++;
        String label = method.toUpperCase() + " " + path.getKey();
        String body = body(operation);
        String snapshot = snapshot();

        Response foreignTenant = call(method, resolve(path.getKey(), a), a, body);
        assertEquals(403, foreignTenant.statusCode(), label + " naming tenant " + a + ": " + foreignTenant.asString());
        assertErrorCode(label, foreignTenant, "NOT_AUTHORISED");
        assertEquals(snapshot, snapshot(), label + " naming another tenant changed stored rows");

        if (PARAM.matcher(path.getKey().replace("{enterprise}", "")).find()) {
          withIds++;
          Response foreignIds = call(method, resolve(path.getKey(), b), b, body);
          assertEquals(404, foreignIds.statusCode(), label + " with " + a + "'s ids: " + foreignIds.asString());
          assertErrorCode(label, foreignIds, "NOT_FOUND");
          assertEquals(snapshot, snapshot(), label + " with another tenant's ids changed stored rows");
          if (method.equals("get")) {
            Response own = call(method, resolve(path.getKey(), a), a, null, tokenFor(a));
            assertTrue(own.statusCode() == 200, label + ": " + a + "'s own ids must be real: " + own.asString());
          }
        }
      }
    }
    assertTrue(operations >= 40, "every face's operations were found in the OpenAPI document: " + operations);
    assertTrue(withIds >= 25, "operations naming an id were tried with foreign ids: " + withIds);
  }

  private void buildTenantA() {
    String spec = "wall-" + suffix;
    ids.put("branch", adminPost("/admin/v1/branches", Map.of("name", "Wall", "timeZone", "Europe/London")));
    ids.put("group", adminPost("/admin/v1/service-groups", Map.of("names", Map.of("en_US", "Wall"))));
    ids.put("service", adminPost("/admin/v1/services", Map.of("code", spec, "names", Map.of("en_US", "Wall"),
        "durationMinutes", 60, "groupId", ids.get("group"), "onlineBookable", true, "maxNumberOfReservations", 1)));
    ids.put("resource", adminPost("/admin/v1/resources", Map.of("branchId", ids.get("branch"), "name", "Crew",
        "serviceIds", List.of(ids.get("service")))));
    ids.put("rule", adminPost("/admin/v1/schedule-rules", Map.of("branchId", ids.get("branch"), "days",
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
        "startTime", "08:00", "endTime", "16:00", "slotMinutes", 60)));
    ids.put("supplier", adminPost("/admin/v1/suppliers", Map.of("id", "wall-supplier", "adapter", "calendar",
        "branchId", ids.get("branch"))));
    adminPost("/admin/v1/suppliers/wall-supplier/grants", Map.of("tenant", grantee, "serviceSpecifications", List.of(spec)));
    ids.put("route", adminPost("/admin/v1/routes", Map.of("serviceSpecification", spec, "supplierId", "wall-supplier")));

    Map<String, Object> slot = given().spec(as(a)).urlEncodingEnabled(false)
        .queryParam("address", encode("{\"id\":\"100\",\"type\":\"UPRN\"}"))
        .queryParam("serviceSpecification", encode("{\"id\":\"" + spec + "\"}")).queryParam("appointmentPurpose", "PROVIDE")
        .get("/WholesaleGateway/v1.0/gateway/available-appointments").then().statusCode(200)
        .extract().path("availableTimeslots[3]");
    String clientId = String.valueOf(System.nanoTime() & 0xFFFFFFFFFFL);
    ids.put("wholesale", clientId);
    ids.put("appointment", given().spec(as(a)).contentType(ContentType.JSON).body(Map.of("id", Long.parseLong(clientId),
            "address", Map.of("id", "100", "type", "UPRN"), "serviceSpecification", Map.of("id", spec),
            "timeslot", Map.of("timeslotStartDateTime", slot.get("timeslotStartDateTime"),
                "timeslotEndDateTime", slot.get("timeslotEndDateTime"))))
        .post("/WholesaleGateway/v1.0/gateway/appointments").then().statusCode(201).extract().path("supplierReference"));
    Map<String, Object> free = given().spec(as(a)).queryParam("branchId", ids.get("branch"))
        .get("/external/v1/services/" + ids.get("service") + "/timeslots").then().statusCode(200).extract().path("[5]");
    ids.put("reservation", given().spec(as(a)).contentType(ContentType.JSON).body(Map.of("serviceId", ids.get("service"),
            "branchId", ids.get("branch"), "startTime", free.get("startTime"), "endTime", free.get("endTime")))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id"));
  }

  /** The template with A's ids; {@code enterprise} and the header tenant are {@code tenant}. */
  private String resolve(String template, String tenant) {
    Matcher matcher = PARAM.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String before = template.substring(0, matcher.start());
      String collection = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
      matcher.appendReplacement(path, Matcher.quoteReplacement(value(matcher.group(1), collection, template, tenant)));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private String value(String param, String collection, String template, String tenant) {
    String value = switch (param) {
      case "enterprise" -> tenant;
      case "action" -> "accept";
      case "serviceId" -> ids.get("service");
      case "tenant" -> grantee;
      default -> switch (collection) {
        case "branches" -> ids.get("branch");
        case "service-groups" -> ids.get("group");
        case "services" -> ids.get("service");
        case "resources" -> ids.get("resource");
        case "schedule-rules" -> ids.get("rule");
        case "suppliers" -> "wall-supplier";
        case "routes" -> ids.get("route");
        case "reservations" -> ids.get("reservation");
        case "appointments" -> template.startsWith("/WholesaleGateway") ? ids.get("wholesale")
            : template.startsWith("/external") ? ids.get("reservation") : ids.get("appointment");
        default -> null;
      };
    };
    if (value == null) {
      fail("No foreign id for {" + param + "} in " + template + ": teach TenantWallTest which of A's ids it names");
    }
    return value;
  }

  private Response call(String method, String path, String tenant, String body) {
    return call(method, path, tenant, body, tokenFor(b));
  }

  private Response call(String method, String path, String tenant, String body, String token) {
    RequestSpecification request = given().auth().oauth2(token).header("Tenant", tenant).header("X-TENANT-ID", tenant)
        .header("X-Request-ID", "wall-" + UUID.randomUUID()).header("X-Conversation-ID", "wall")
        .queryParam("branchId", ids.get("branch"))
        .queryParam("address", "{\"id\":\"100\",\"type\":\"UPRN\"}")
        .queryParam("serviceSpecification", "{\"id\":\"wall-" + suffix + "\"}").queryParam("appointmentPurpose", "PROVIDE");
    request = request.contentType(ContentType.JSON);
    if (body != null) {
      request = request.body(body);
    }
    return request.request(method.toUpperCase(), path);
  }

  /** The operation's documented example body, so that a refusal is the wall's and not the body's. */
  private static String body(JsonNode operation) throws Exception {
    JsonNode content = operation.path("requestBody").path("content").path("application/json");
    if (content.isMissingNode()) {
      return null;
    }
    JsonNode example = content.has("example") ? content.get("example")
        : content.path("examples").elements().hasNext() ? content.path("examples").elements().next().get("value") : null;
    if (example == null) {
      return "{}";
    }
    return example.isTextual() ? example.asText() : JSON.writeValueAsString(example);
  }

  private void assertErrorCode(String label, Response response, String code) {
    String found = response.path("code") != null ? response.path("code") : response.path("errors[0].code");
    assertEquals(code, found, label + " answers in its face's error format: " + response.asString());
  }

  /** Every stored row that belongs to A, B or A's grantee, as one fingerprint. */
  private String snapshot() {
    String tenants = "('" + a + "','" + b + "','" + grantee + "')";
    String mine = "SELECT id FROM appointment WHERE tenant IN " + tenants + " OR owner IN " + tenants;
    return Db.text("SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM ("
        + "SELECT 'b' || t::text x FROM branch t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 'g' || t::text FROM service_group t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 's' || t::text FROM service t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 'r' || t::text FROM resource t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 'u' || t::text FROM schedule_rule t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 'p' || t::text FROM supplier t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 'o' || t::text FROM route t WHERE tenant IN " + tenants + " OR supplier_tenant IN " + tenants
        + " UNION ALL SELECT 'e' || t::text FROM tenant_settings t WHERE tenant IN " + tenants
        + " UNION ALL SELECT 'a' || t::text FROM appointment t WHERE tenant IN " + tenants + " OR owner IN " + tenants
        + " UNION ALL SELECT 'c' || t::text FROM slot_claim t WHERE appointment_id IN (" + mine + ")"
        + " UNION ALL SELECT 'h' || t::text FROM appointment_history t WHERE appointment_id IN (" + mine + ")"
        + " UNION ALL SELECT 'x' || t::text FROM outbox t WHERE tenant IN " + tenants + ") s");
  }

  private String adminPost(String path, Map<String, Object> body) {
    return given().spec(as(a)).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201)
        .extract().path(path.endsWith("/grants") ? "tenant" : "id");
  }

  private RequestSpecification as(String tenant) {
    return given().auth().oauth2(tokenFor(tenant)).header("Tenant", tenant).header("X-TENANT-ID", tenant)
        .header("X-Request-ID", "wall-setup").header("X-Conversation-ID", "wall");
  }

  /** A token with both scopes: the wall must hold even for a caller allowed everything on its own tenant. */
  private static String tokenFor(String tenant) {
    return Jwt.issuer(Tokens.ISSUER).subject("wall").claim("tenants", List.of(tenant))
        .claim("scope", Tokens.BOOK + " " + Tokens.MANAGE).expiresIn(600).jws().keyId("1").sign("privateKey.jwk");
  }

  private static String encode(String json) {
    return java.net.URLEncoder.encode(json, java.nio.charset.StandardCharsets.UTF_8);
  }
}

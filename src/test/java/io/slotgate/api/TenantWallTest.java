package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.slotgate.testing.OpenApiOperations;
import io.slotgate.testing.OpenApiOperations.Operation;
import io.slotgate.testing.TenantCatalogue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 4 over every endpoint of every face, generated from the OpenAPI document so that a new
 * endpoint is covered without anyone remembering to: tenant B, with both scopes, calls each operation
 * (1) naming tenant A (header or path) → 403, and (2) as itself with A's ids in the path → 404. Each
 * call must leave every row of A, B and A's grantee as it was. A's ids are proven real by A's own reads.
 */
@QuarkusTest
class TenantWallTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noTenantReachesAnotherTenantsItemsThroughAnyEndpoint() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TenantCatalogue a = TenantCatalogue.build("WALL-A-" + suffix);
    String b = "WALL-B-" + suffix;
    int operations = 0;
    int withIds = 0;
    for (Operation operation : OpenApiOperations.of(OpenApiOperations.document())) {
      String method = operation.method();
      String template = operation.template();
      operations++;
      String label = operation.label();
      String body = exampleBody(operation.spec());
      String snapshot = TenantCatalogue.snapshot(a.tenant, b, a.grantee);
      String foreignPath = a.resolve(template, a.tenant);
      assertNotNull(foreignPath, "No id of tenant A for " + label + ": teach TenantCatalogue which id it names");

      Response foreignTenant = call(method, foreignPath, a.tenant, body, b, a);
      assertEquals(403, foreignTenant.statusCode(), label + " naming tenant " + a.tenant + ": " + foreignTenant.asString());
      assertErrorCode(label, foreignTenant, "NOT_AUTHORISED");
      assertEquals(snapshot, TenantCatalogue.snapshot(a.tenant, b, a.grantee), label + " naming another tenant changed stored rows");

      if (template.replace("{enterprise}", "").contains("{")) {
        withIds++;
        Response foreignIds = call(method, a.resolve(template, b), b, body, b, a);
        assertEquals(404, foreignIds.statusCode(), label + " with " + a.tenant + "'s ids: " + foreignIds.asString());
        assertErrorCode(label, foreignIds, "NOT_FOUND");
        assertEquals(snapshot, TenantCatalogue.snapshot(a.tenant, b, a.grantee), label + " with another tenant's ids changed stored rows");
        if (method.equals("get")) {
          Response own = call(method, foreignPath, a.tenant, null, a.tenant, a);
          assertEquals(200, own.statusCode(), label + ": " + a.tenant + "'s own ids must be real: " + own.asString());
        }
      }
    }
    assertTrue(operations >= 40, "every face's operations were found in the OpenAPI document: " + operations);
    assertTrue(withIds >= 25, "operations naming an id were tried with foreign ids: " + withIds);
  }

  /** A call as {@code caller}, naming {@code tenant} in every face's tenant header. */
  private static Response call(String method, String path, String tenant, String body, String caller,
      TenantCatalogue a) {
    RequestSpecification request = given().auth().oauth2(TenantCatalogue.token(caller)).header("Tenant", tenant)
        .header("X-TENANT-ID", tenant).header("X-Request-ID", "wall-" + UUID.randomUUID())
        .header("X-Conversation-ID", "wall")
        .queryParam("branchId", a.id("branch"))
        .queryParam("address", "{\"id\":\"100\",\"type\":\"UPRN\"}")
        .queryParam("serviceSpecification", "{\"id\":\"" + a.specification + "\"}")
        .queryParam("appointmentPurpose", "PROVIDE")
        .contentType(ContentType.JSON);
    if (body != null) {
      request = request.body(body);
    }
    return request.request(method.toUpperCase(), path);
  }

  /** The operation's documented example body, so that a refusal is the wall's and not the body's. */
  static String exampleBody(JsonNode operation) throws Exception {
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

  private static void assertErrorCode(String label, Response response, String code) {
    String found = response.path("code") != null ? response.path("code") : response.path("errors[0].code");
    assertEquals(code, found, label + " answers in its face's error format: " + response.asString());
  }
}

package io.slotgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh wholesale supplier built through the admin API, so each test owns its capacity: a London
 * service area, {@code crews} crews, AM/PM weekday and Saturday windows, routed for the given tenants.
 */
public final class WholesaleFixture {

  public static final String BASE = "/WholesaleGateway/v1.0/gateway";

  public final String specification;
  public final String supplierId;
  /** The supplier's owner tenant: its back office is /enterprises/{owner}. */
  public final String owner;
  public final String branch;
  public final String service;

  private WholesaleFixture(String specification, String supplierId, String owner, String branch, String service) {
    this.specification = specification;
    this.supplierId = supplierId;
    this.owner = owner;
    this.branch = branch;
    this.service = service;
  }

  /** A token and Tenant header of the supplier's owner, for its admin and lifecycle faces. */
  public io.restassured.specification.RequestSpecification asOwner() {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, owner)).header("Tenant", owner);
  }

  /** The owner's lifecycle path of an appointment ({@code id}: slotgate's id or the supplierReference). */
  public String lifecycle(String id) {
    return "/enterprises/" + owner + "/appointments/" + id;
  }

  /** A supplier granted to {@code tenants}, each of which then routes the specification to it itself. */
  public static WholesaleFixture create(int crews, int holdTtlSeconds, boolean requiresAcceptance, String... tenants) {
    WholesaleFixture fixture = offer(crews, holdTtlSeconds, requiresAcceptance, Map.of(), tenants);
    for (String tenant : tenants) {
      fixture.route(tenant).then().statusCode(201);
    }
    return fixture;
  }

  /** A supplier granted to {@code tenants} (grant fields beyond tenant and specifications in {@code grant}), not routed. */
  public static WholesaleFixture offer(int crews, int holdTtlSeconds, boolean requiresAcceptance,
      Map<String, Object> grant, String... tenants) {
    return offerBy("OWNER-" + UUID.randomUUID().toString().substring(0, 8), crews, holdTtlSeconds, requiresAcceptance,
        grant, tenants);
  }

  /** Like {@link #offer}, owned by the tenant {@code owner}. */
  public static WholesaleFixture offerBy(String owner, int crews, int holdTtlSeconds, boolean requiresAcceptance,
      Map<String, Object> grant, String... tenants) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String specification = "fttp-" + suffix;
    String manage = Tokens.forTenants(Tokens.MANAGE, owner);
    String branch = admin(manage, owner, "/admin/v1/branches",
        Map.of("name", "Area " + suffix, "timeZone", "Europe/London")).path("id");
    String service = admin(manage, owner, "/admin/v1/services", Map.of("code", specification,
        "names", Map.of("en_US", "FTTP"), "durationMinutes", 300, "onlineBookable", true,
        "maxNumberOfReservations", 1)).path("id");
    for (int i = 0; i < crews; i++) {
      admin(manage, owner, "/admin/v1/resources", Map.of("branchId", branch, "name", "Crew " + i,
          "serviceIds", List.of(service)));
    }
    List<String> weekdays = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
    rule(manage, owner, branch, weekdays, "08:00", "13:00", true);
    rule(manage, owner, branch, weekdays, "13:00", "18:00", true);
    rule(manage, owner, branch, List.of("SATURDAY"), "08:00", "13:00", false);
    rule(manage, owner, branch, List.of("SATURDAY"), "13:00", "18:00", false);
    String supplierId = "sup-" + suffix;
    admin(manage, owner, "/admin/v1/suppliers", Map.of("id", supplierId, "adapter", "calendar", "branchId", branch,
        "holdTtlSeconds", holdTtlSeconds, "horizonDays", 14, "requiresAcceptance", requiresAcceptance));
    for (String tenant : tenants) {
      Map<String, Object> body = new java.util.HashMap<>(grant);
      body.put("tenant", tenant);
      body.put("serviceSpecifications", List.of(specification));
      admin(manage, owner, "/admin/v1/suppliers/" + supplierId + "/grants", body);
    }
    return new WholesaleFixture(specification, supplierId, owner, branch, service);
  }

  /** The booker's own admin call choosing this supplier (of its owner) for the specification. */
  public Response route(String tenant) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant)
        .contentType(ContentType.JSON).body(Map.of("serviceSpecification", specification, "supplierId", supplierId,
            "supplierTenant", owner))
        .post("/admin/v1/routes");
  }

  private static void rule(String token, String owner, String branch, List<String> days, String from, String to,
      boolean standard) {
    admin(token, owner, "/admin/v1/schedule-rules", Map.of("branchId", branch, "days", days, "startTime", from,
        "endTime", to, "wholeWindow", true, "standard", standard));
  }

  private static Response admin(String token, String tenant, String path, Map<String, Object> body) {
    Response response = given().auth().oauth2(token).header("Tenant", tenant).contentType(ContentType.JSON)
        .body(body).post(path);
    response.then().statusCode(201);
    return response;
  }

  /** Free slots for the tenant, as the seed-001 body's availableTimeslots. */
  public List<Map<String, Object>> available(String tenant) {
    return search(tenant).then().statusCode(200).extract().path("availableTimeslots");
  }

  /** The tenant's search for this specification, as answered. */
  public Response search(String tenant) {
    return given().spec(Requests.gateway(tenant))
        .queryParam("address", encode("{\"id\":\"200004033694\",\"type\":\"UPRN\"}"))
        .queryParam("serviceSpecification", encode("{\"id\":\"" + specification + "\"}"))
        .queryParam("appointmentPurpose", "PROVIDE")
        .urlEncodingEnabled(false)
        .get(BASE + "/available-appointments");
  }

  public Map<String, Object> holdBody(long id, Map<String, Object> slot) {
    return Map.of("id", id, "address", Map.of("id", "200004033694", "type", "UPRN"),
        "serviceSpecification", Map.of("id", specification), "purpose", "PROVIDE",
        "timeslot", Map.of("timeslotStartDateTime", slot.get("timeslotStartDateTime"),
            "timeslotEndDateTime", slot.get("timeslotEndDateTime")));
  }

  public Response hold(String tenant, long id, Map<String, Object> slot) {
    return given().spec(Requests.gateway(tenant)).contentType(ContentType.JSON).body(holdBody(id, slot))
        .post(BASE + "/appointments");
  }

  public static String encode(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }
}

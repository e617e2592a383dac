package io.slotgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tenant with something behind every id an endpoint can name: a branch, group, service, crew,
 * rule, its own supplier (granted to {@link #grantee}) and route, a wholesale appointment and a branch
 * reservation. Tests that walk the OpenAPI document fill each path template with these ids.
 */
public final class TenantCatalogue {

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  public static final String SUPPLIER = "cat-supplier";

  public final String tenant;
  public final String grantee;
  public final String specification;
  private final Map<String, String> ids = new HashMap<>();

  private TenantCatalogue(String tenant) {
    this.tenant = tenant;
    this.grantee = tenant + "-G";
    this.specification = "spec-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static TenantCatalogue build(String tenant) {
    TenantCatalogue c = new TenantCatalogue(tenant);
    c.ids.put("branch", c.post("/admin/v1/branches", Map.of("name", "Catalogue", "timeZone", "Europe/London")));
    c.ids.put("group", c.post("/admin/v1/service-groups", Map.of("names", Map.of("en_US", "Group"))));
    c.ids.put("service", c.post("/admin/v1/services", Map.of("code", c.specification, "names", Map.of("en_US", "Service"),
        "durationMinutes", 60, "groupId", c.ids.get("group"), "onlineBookable", true, "maxNumberOfReservations", 2)));
    c.ids.put("resource", c.post("/admin/v1/resources", Map.of("branchId", c.ids.get("branch"), "name", "Crew",
        "serviceIds", List.of(c.ids.get("service")))));
    String second = c.post("/admin/v1/services", Map.of("names", Map.of("en_US", "Second"), "durationMinutes", 30,
        "onlineBookable", true, "maxNumberOfReservations", 2));
    c.post("/admin/v1/resources", Map.of("branchId", c.ids.get("branch"), "name", "Crew 2",
        "serviceIds", List.of(c.ids.get("service"), second)));
    c.ids.put("combination", c.post("/admin/v1/service-combinations", Map.of("branchId", c.ids.get("branch"),
        "names", Map.of("en_US", "Both"), "serviceIds", List.of(c.ids.get("service"), second))));
    c.ids.put("rule", c.post("/admin/v1/schedule-rules", Map.of("branchId", c.ids.get("branch"), "days",
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
        "startTime", "08:00", "endTime", "16:00", "slotMinutes", 60)));
    c.post("/admin/v1/suppliers", Map.of("id", SUPPLIER, "adapter", "calendar", "branchId", c.ids.get("branch")));
    c.post("/admin/v1/suppliers/" + SUPPLIER + "/grants", Map.of("tenant", c.grantee,
        "serviceSpecifications", List.of(c.specification)));
    c.ids.put("route", c.post("/admin/v1/routes", Map.of("serviceSpecification", c.specification,
        "supplierId", SUPPLIER)));

    Map<String, Object> slot = c.as().urlEncodingEnabled(false)
        .queryParam("address", encode("{\"id\":\"100\",\"type\":\"UPRN\"}"))
        .queryParam("serviceSpecification", encode("{\"id\":\"" + c.specification + "\"}"))
        .queryParam("appointmentPurpose", "PROVIDE")
        .get("/WholesaleGateway/v1.0/gateway/available-appointments").then().statusCode(200)
        .extract().path("availableTimeslots[3]");
    String clientId = String.valueOf(System.nanoTime() & 0xFFFFFFFFFFL);
    c.ids.put("wholesale", clientId);
    c.ids.put("appointment", c.as().contentType(ContentType.JSON).body(Map.of("id", Long.parseLong(clientId),
            "address", Map.of("id", "100", "type", "UPRN"), "serviceSpecification", Map.of("id", c.specification),
            "timeslot", Map.of("timeslotStartDateTime", slot.get("timeslotStartDateTime"),
                "timeslotEndDateTime", slot.get("timeslotEndDateTime"))))
        .post("/WholesaleGateway/v1.0/gateway/appointments").then().statusCode(201).extract().path("supplierReference"));
    Map<String, Object> free = c.as().queryParam("branchId", c.ids.get("branch"))
        .get("/external/v1/services/" + c.ids.get("service") + "/timeslots").then().statusCode(200).extract().path("[5]");
    c.ids.put("reservation", c.as().contentType(ContentType.JSON).body(Map.of("serviceId", c.ids.get("service"),
            "branchId", c.ids.get("branch"), "startTime", free.get("startTime"), "endTime", free.get("endTime")))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id"));
    for (String[] face : new String[][] {{"hub-wholesale", "/WholesaleGateway/v1.0/gateway/hub"},
        {"hub-booking", "/external/v1/hub"}, {"hub-owner", "/enterprises/" + tenant + "/hub"}}) {
      c.ids.put(face[0], c.as().contentType(ContentType.JSON).body(Map.of("callback", "http://127.0.0.1:9/events"))
          .post(face[1]).then().statusCode(201).extract().path("id"));
    }
    return c;
  }

  public String id(String kind) {
    return ids.get(kind);
  }

  /** The template with this tenant's ids, {@code {enterprise}} being {@code enterprise}; null for an unknown parameter. */
  public String resolve(String template, String enterprise) {
    Matcher matcher = PARAM.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String before = template.substring(0, matcher.start());
      String collection = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
      String value = value(matcher.group(1), collection, template, enterprise);
      if (value == null) {
        return null;
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private String value(String param, String collection, String template, String enterprise) {
    return switch (param) {
      case "enterprise" -> enterprise;
      case "action" -> "accept";
      case "serviceId" -> ids.get("service");
      case "serviceCombinationId" -> ids.get("combination");
      case "tenant" -> grantee;
      default -> switch (collection) {
        case "branches" -> ids.get("branch");
        case "service-groups" -> ids.get("group");
        case "service-combinations" -> ids.get("combination");
        case "services" -> ids.get("service");
        case "resources" -> ids.get("resource");
        case "schedule-rules" -> ids.get("rule");
        case "suppliers" -> SUPPLIER;
        case "routes" -> ids.get("route");
        case "reservations" -> ids.get("reservation");
        case "hub" -> ids.get(template.startsWith("/WholesaleGateway") ? "hub-wholesale"
            : template.startsWith("/external") ? "hub-booking" : "hub-owner");
        case "appointments" -> template.startsWith("/WholesaleGateway") ? ids.get("wholesale")
            : template.startsWith("/external") ? ids.get("reservation") : ids.get("appointment");
        default -> null;
      };
    };
  }

  /** Requests as this tenant: both scopes, every face's tenant header. */
  public RequestSpecification as() {
    return given().auth().oauth2(token(tenant)).header("Tenant", tenant).header("X-TENANT-ID", tenant)
        .header("X-Request-ID", "cat-" + UUID.randomUUID()).header("X-Conversation-ID", "cat");
  }

  /** A token with both scopes for {@code tenant}. */
  public static String token(String tenant) {
    return Jwt.issuer(Tokens.ISSUER).subject("catalogue").claim("tenants", List.of(tenant))
        .claim("scope", Tokens.BOOK + " " + Tokens.MANAGE).expiresIn(600).jws().keyId("1").sign("privateKey.jwk");
  }

  /** Every stored row that belongs to these tenants (as owner, booker or grantee), as one fingerprint. */
  public static String snapshot(String... tenants) {
    String in = "('" + String.join("','", tenants) + "')";
    String mine = "SELECT id FROM appointment WHERE tenant IN " + in + " OR owner IN " + in;
    StringBuilder sql = new StringBuilder("SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (SELECT '' x WHERE false");
    for (String table : List.of("branch", "service_group", "service", "resource", "schedule_rule", "supplier",
        "tenant_settings", "service_combination")) {
      sql.append(" UNION ALL SELECT '").append(table).append("' || t::text FROM ").append(table)
          .append(" t WHERE tenant IN ").append(in);
    }
    sql.append(" UNION ALL SELECT 'route' || t::text FROM route t WHERE tenant IN ").append(in)
        .append(" OR supplier_tenant IN ").append(in)
        .append(" UNION ALL SELECT 'coverage' || t::text FROM supplier_coverage t WHERE tenant IN ").append(in)
        .append(" UNION ALL SELECT 'grant' || t::text FROM supplier_grant t WHERE tenant IN ").append(in)
        .append(" OR supplier_tenant IN ").append(in)
        .append(" UNION ALL SELECT 'appointment' || t::text FROM appointment t WHERE tenant IN ").append(in)
        .append(" OR owner IN ").append(in)
        .append(" UNION ALL SELECT 'claim' || t::text FROM slot_claim t WHERE appointment_id IN (").append(mine).append(")")
        .append(" UNION ALL SELECT 'event' || t::text FROM appointment_event t WHERE appointment_id IN (")
        .append(mine).append(")) s");
    return Db.text(sql.toString());
  }

  private String post(String path, Map<String, Object> body) {
    return as().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201)
        .extract().path(path.endsWith("/grants") ? "tenant" : "id");
  }

  private static String encode(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }
}

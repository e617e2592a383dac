package io.slotgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh booking tenant built through the admin API: one branch in Europe/Brussels open every day
 * 08:00-16:00, a 60-minute service taking up to 4 reservations, three staff, names in en_US and nl_NL.
 */
public final class BookingFixture {

  public final String tenant;
  public final String branch;
  public final String service;
  public final List<String> staff;

  private BookingFixture(String tenant, String branch, String service, List<String> staff) {
    this.tenant = tenant;
    this.branch = branch;
    this.service = service;
    this.staff = staff;
  }

  public static BookingFixture create(boolean requiresAcceptance, Map<String, Object> serviceOverrides) {
    return create("BANK-" + UUID.randomUUID().toString().substring(0, 8), requiresAcceptance, serviceOverrides);
  }

  /** Like {@link #create(boolean, Map)}, for the tenant {@code tenant} (once per test run: its catalogue is new). */
  public static BookingFixture create(String tenant, boolean requiresAcceptance, Map<String, Object> serviceOverrides) {
    String token = Tokens.forTenants(Tokens.MANAGE, tenant);
    given().auth().oauth2(token).header("Tenant", tenant).contentType(ContentType.JSON)
        .body(Map.of("defaultLocale", "nl_NL", "holdTtlSeconds", 900)).put("/admin/v1/settings").then().statusCode(200);
    String branch = post(token, tenant, "/admin/v1/branches", Map.of("name", "Gent", "timeZone", "Europe/Brussels",
        "city", "Gent", "country", "BE", "streetName", "Korenmarkt 1", "zipCode", "9000", "latitude", 51.0547,
        "longitude", 3.7215, "requiresAcceptance", requiresAcceptance));
    String group = post(token, tenant, "/admin/v1/service-groups", Map.of("names", Map.of("en_US", "Advice", "nl_NL", "Advies")));
    Map<String, Object> service = new java.util.HashMap<>(Map.of("names", Map.of("en_US", "Mortgage advice",
        "nl_NL", "Hypotheekadvies"), "durationMinutes", 60, "groupId", group, "onlineBookable", true,
        "maxNumberOfReservations", 4, "resourceSelection", true));
    service.putAll(serviceOverrides);
    String serviceId = post(token, tenant, "/admin/v1/services", service);
    List<String> staff = List.of("An", "Bram", "Chloé").stream().map(name -> post(token, tenant, "/admin/v1/resources",
        Map.of("branchId", branch, "name", name, "serviceIds", List.of(serviceId)))).toList();
    post(token, tenant, "/admin/v1/schedule-rules", Map.of("branchId", branch, "days", List.of("MONDAY", "TUESDAY",
        "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), "startTime", "08:00", "endTime", "16:00"));
    return new BookingFixture(tenant, branch, serviceId, staff);
  }

  private static String post(String token, String tenant, String path, Map<String, Object> body) {
    return given().auth().oauth2(token).header("Tenant", tenant).contentType(ContentType.JSON).body(body).post(path)
        .then().statusCode(201).extract().path("id");
  }

  /** Changes some of the branch's fields through the admin API (a PUT of the branch as read, with the changes). */
  public void updateBranch(Map<String, Object> changes) {
    RequestSpecification admin = given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant);
    Map<String, Object> body = new java.util.HashMap<>(admin.get("/admin/v1/branches/" + branch).then().statusCode(200)
        .extract().<Map<String, Object>>path("$"));
    body.remove("id");
    body.remove("retiredAt");
    body.putAll(changes);
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant)).header("Tenant", tenant)
        .contentType(ContentType.JSON).body(body).put("/admin/v1/branches/" + branch).then().statusCode(200);
  }

  public RequestSpecification request() {
    return given().auth().oauth2(Tokens.forTenants(Tokens.BOOK, tenant)).header("X-TENANT-ID", tenant);
  }

  public List<Map<String, Object>> timeslots(String from, String to, int need) {
    RequestSpecification request = request().queryParam("branchId", branch).queryParam("numberOfReservations", need);
    if (from != null) {
      request = request.queryParam("from", from).queryParam("to", to);
    }
    return request.get("/external/v1/services/" + service + "/timeslots").then().statusCode(200).extract().path("$");
  }

  /** Reserves one place in the first free slot and answers the reservation's id: where most customer tests start. */
  public String reserveFirstSlot() {
    return request().contentType(ContentType.JSON).body(reservation(timeslots(null, null, 1).getFirst(), 1, null))
        .post("/external/v1/reservations").then().statusCode(201).extract().path("id");
  }

  public Map<String, Object> reservation(Map<String, Object> slot, int count, String resource) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("serviceId", service, "branchId", branch,
        "startTime", slot.get("startTime"), "endTime", slot.get("endTime"), "numberOfReservations", count));
    if (resource != null) {
      body.put("requestedResourceId", resource);
    }
    return body;
  }

  public static Map<String, Object> customer() {
    return Map.of("personalIdentifier", "CUST1234567890", "firstName", "Els", "lastName", "Peeters",
        "email", "els@example.com", "phoneNumber", "+32 9 123 45 67", "dateOfBirth", "1990-05-01");
  }
}

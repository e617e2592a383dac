package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.slotgate.testing.OpenApiOperations;
import io.slotgate.testing.OpenApiOperations.Operation;
import io.slotgate.testing.TenantCatalogue;
import io.slotgate.testing.Tokens;
import io.smallrye.jwt.build.Jwt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bad input over every endpoint, generated from the OpenAPI document with a fixed seed: wrong types,
 * missing and extra fields, huge and control-character strings, extreme numbers and dates, duplicate
 * keys, broken JSON, odd headers, tokens and content types, odd path and query values. Never a 5xx,
 * every refusal in its face's error format, and a refused request changes no stored row.
 */
@QuarkusTest
class FuzzTest {

  static final long SEED = Long.getLong("fuzz.seed", 20261124L);
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 2000);

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> ODD_IDS = List.of("", "0", "-1", "9223372036854775808", "99999999999999999999999",
      "null", "%00", "a%00b", "%FF%FE", "..%2F..%2Fetc", "x".repeat(300), "%27%20OR%201%3D1%20--", "%F0%9F%98%80",
      "%E2%80%AE", "SG-", "00000000-0000-0000-0000-000000000000", "1e10", "%20", "%0A", "NaN");
  private static final List<String> ODD_VALUES = List.of("", "0", "-1", "1.5", "9223372036854775808", "NaN", "true",
      "x".repeat(3000), "a\u0000b", "\u001b[31m", "+999999999-12-31T08:00:00.000Z", "9999-12-31", "0000-00-00",
      "2026-13-45", "{", "[]", "{\"id\":5}", "{\"id\":\"x\",\"type\":\"a\\u0000\"}", "%00", "WEEKDAY_AM,NOPE",
      "\u202e", "😀".repeat(50));
  private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x", "garbage", "application/x-www-form-urlencoded",
      "application/json");

  @Test
  void noRequestAnswers5xxAndNoRefusalChangesAnything() throws Exception {
    TenantCatalogue f = TenantCatalogue.build("FUZZ-" + UUID.randomUUID().toString().substring(0, 8));
    List<Operation> operations = OpenApiOperations.of(OpenApiOperations.document());
    Random random = new Random(SEED);
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    String snapshot = TenantCatalogue.snapshot(f.tenant, f.grantee);
    long sending = 0;
    long snapshotting = 0;
    // Every status an operation answers must be in its OpenAPI responses (a mutated path is another operation).
    java.util.Set<String> undocumented = new java.util.TreeSet<>();
    for (int i = 0; i < REQUESTS; i++) {
      Operation operation = operations.get(i % operations.size());
      Fuzzed request = fuzz(operation, random, f);
      kinds.merge(request.kind, 1, Integer::sum);
      Reply response;
      long sent = System.nanoTime();
      try {
        response = request.send();
        sending += System.nanoTime() - sent;
      } catch (java.io.IOException e) {
        // Only a body over the size limit may see the connection closed (413 answered before it was read).
        assertTrue(request.body != null && request.body.getBytes(StandardCharsets.UTF_8).length > 65536,
            "#" + i + " " + request + " lost its connection: " + e);
        statuses.merge(-1, 1, Integer::sum);
        continue;
      }
      int status = response.statusCode();
      statuses.merge(status, 1, Integer::sum);
      if (!request.kind.equals("path") && !operation.spec().get("responses").has(String.valueOf(status))) {
        undocumented.add(operation.label() + " " + status + " (" + request.kind + ")");
      }
      if (status >= 500) {
        fail("#" + i + " " + request + " answered " + status + ": " + response.asString());
      }
      if (status >= 400) {
        assertErrorFormat(i, request, response);
        long checking = System.nanoTime();
        String after = TenantCatalogue.snapshot(f.tenant, f.grantee);
        snapshotting += System.nanoTime() - checking;
        assertEquals(snapshot, after, "#" + i + " " + request + " was refused with " + status + " but changed stored rows");
      } else {
        snapshot = TenantCatalogue.snapshot(f.tenant, f.grantee);
      }
    }
    System.out.printf("fuzz: seed %d, %d requests over %d operations; statuses %s; mutations %s; %d ms sending, "
        + "%d ms checking rows%n", SEED, REQUESTS, operations.size(), statuses, kinds, sending / 1_000_000,
        snapshotting / 1_000_000);
    assertTrue(operations.size() >= 40, "operations found: " + operations.size());
    assertTrue(undocumented.isEmpty(), "statuses answered but not in the operation's OpenAPI responses: "
        + String.join("\n", undocumented));
    assertTrue(statuses.keySet().stream().filter(s -> s >= 400).count() >= 6, "many kinds of refusal: " + statuses);
    assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300), "some requests still succeed: " + statuses);
  }

  /**
   * Issue 22: every operation with a JSON body refuses an unknown field with a 400 naming its path, in the face's
   * error format, changing nothing: one at the top of the documented example, one in each nested object and array
   * element it has. The documented example itself carries no unknown field.
   */
  @Test
  void everyOperationWithABodyRefusesAnUnknownFieldNamingItsPath() throws Exception {
    TenantCatalogue f = TenantCatalogue.build("PROBE-" + UUID.randomUUID().toString().substring(0, 8));
    int probed = 0;
    List<String> failures = new ArrayList<>();
    JsonNode document = OpenApiOperations.document();
    for (Operation operation : OpenApiOperations.of(document)) {
      String example = TenantWallTest.exampleBody(operation.spec());
      String path = f.resolve(operation.template(), f.tenant);
      if (example == null || path == null || !(JSON.readTree(example) instanceof ObjectNode root)) {
        continue;
      }
      Map<String, ObjectNode> objects = new LinkedHashMap<>();
      objects.put("", root);
      objectsByPath(document, operation.spec().path("requestBody").path("content").path("application/json")
          .path("schema"), root, "", objects);
      for (String where : objects.keySet()) {
        ObjectNode probe = (ObjectNode) JSON.readTree(example);
        String field = "unknownProbe" + probed % 7;
        ObjectNode target = where.isEmpty() ? probe : objectAt(probe, where);
        target.put(field, "x");
        String named = where.isEmpty() ? field : where + "." + field;
        Fuzzed request = probeRequest(operation, path, f, JSON.writeValueAsString(probe));
        String snapshot = TenantCatalogue.snapshot(f.tenant, f.grantee);
        Reply reply = request.send();
        probed++;
        if (reply.statusCode() != 400 || !reply.asString().contains("Unknown field '" + named + "'")) {
          failures.add(request + " answered " + reply.statusCode() + " without naming " + named + ": " + reply.asString());
          continue;
        }
        assertErrorFormat(probed, request, reply);
        assertEquals(snapshot, TenantCatalogue.snapshot(f.tenant, f.grantee), request + " was refused but changed rows");
      }
      Fuzzed plain = probeRequest(operation, path, f, example);
      Reply reply = plain.send();
      if (reply.asString().contains("Unknown field")) {
        failures.add("the documented example of " + operation.label() + " has an unknown field: " + reply.asString());
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(probed >= 25, "unknown-field probes sent: " + probed);
  }

  private static Fuzzed probeRequest(Operation operation, String path, TenantCatalogue f, String body) {
    Fuzzed request = new Fuzzed();
    request.kind = "unknown-field";
    request.method = operation.method();
    request.path = path;
    request.headers.put("Authorization", "Bearer " + TenantCatalogue.token(f.tenant));
    request.headers.put("Tenant", f.tenant);
    request.headers.put("X-TENANT-ID", f.tenant);
    request.headers.put("X-Request-ID", "probe-" + UUID.randomUUID());
    request.headers.put("X-Conversation-ID", "probe");
    request.headers.put("Content-Type", "application/json");
    request.query.put("branchId", f.id("branch"));
    request.body = body;
    return request;
  }

  /**
   * Every object in {@code node} that its schema closes (lists its properties; a map such as names per locale takes
   * any key), by its JSON path ("" for the root, "a.b[0]" below it).
   */
  private static void objectsByPath(JsonNode document, JsonNode schema, JsonNode node, String path,
      Map<String, ObjectNode> objects) {
    JsonNode resolved = resolve(document, schema);
    if (node instanceof ObjectNode object) {
      if (resolved.has("properties")) {
        objects.put(path, object);
      }
      object.fields().forEachRemaining(e -> objectsByPath(document, resolved.path("properties").path(e.getKey()),
          e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), objects));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        objectsByPath(document, resolved.path("items"), array.get(i), path + "[" + i + "]", objects);
      }
    }
  }

  /** The schema behind a {@code $ref} (also one wrapped in allOf, as the scanner writes a described reference). */
  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    for (int depth = 0; depth < 10; depth++) {
      if (schema.has("$ref")) {
        String ref = schema.get("$ref").asText();
        schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
      } else if (schema.path("allOf").size() == 1) {
        schema = schema.path("allOf").get(0);
      } else {
        return schema;
      }
    }
    return schema;
  }

  private static ObjectNode objectAt(ObjectNode root, String path) {
    JsonNode node = root;
    for (String step : path.replace("[", ".[").split("\\.")) {
      node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : node.get(step);
    }
    return (ObjectNode) node;
  }

  private record Reply(int statusCode, String asString) {}

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One generated request, printable so that a failure can be replayed by hand. */
  private static final class Fuzzed {
    String kind;
    String method;
    String path;
    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, String> query = new LinkedHashMap<>();
    String body;

    /** Sent with the JDK's client, which puts any header and any body bytes on the wire as given. */
    Reply send() throws Exception {
      StringBuilder uri = new StringBuilder("http://localhost:" + io.restassured.RestAssured.port + path);
      String separator = path.contains("?") ? "&" : "?";
      for (Map.Entry<String, String> parameter : query.entrySet()) {
        uri.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
        separator = "&";
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(20))
          .method(method.toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach((name, value) -> {
        if (value != null) {
          request.header(name, value);
        }
      });
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    }

    @Override
    public String toString() {
      String shown = body == null ? "" : " body=" + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
      String headersShown = headers.toString().replaceAll("Bearer [^,}]+", "Bearer …");
      return "[" + kind + "] " + method.toUpperCase() + " " + path + " query=" + query + " headers=" + headersShown + shown;
    }
  }

  private Fuzzed fuzz(Operation operation, Random random, TenantCatalogue f) throws Exception {
    Fuzzed request = new Fuzzed();
    request.method = operation.method();
    request.path = f.resolve(operation.template(), f.tenant);
    request.headers.put("Authorization", "Bearer " + TenantCatalogue.token(f.tenant));
    request.headers.put("Tenant", f.tenant);
    request.headers.put("X-TENANT-ID", f.tenant);
    request.headers.put("X-Request-ID", "fuzz-" + random.nextInt(1_000_000));
    request.headers.put("X-Conversation-ID", "fuzz");
    request.headers.put("Content-Type", "application/json");
    request.query.put("branchId", f.id("branch"));
    request.query.put("address", "{\"id\":\"100\",\"type\":\"UPRN\"}");
    request.query.put("serviceSpecification", "{\"id\":\"" + f.specification + "\"}");
    request.query.put("appointmentPurpose", "PROVIDE");
    String example = TenantWallTest.exampleBody(operation.spec());
    request.body = example;
    String csv = csvExample(operation.spec());
    if (csv != null) {
      // A body read as CSV (a supplier's coverage): its documented example, or that example broken line by line.
      request.headers.put("Content-Type", "text/csv");
      request.body = csv;
      if (random.nextInt(8) >= 3) {
        request.kind = "csv";
        request.body = oddCsv(csv, random);
        return request;
      }
    }
    switch (random.nextInt(8)) {
      case 0 -> {
        request.kind = "path";
        request.path = oddPath(operation.template(), random, f);
      }
      case 1 -> {
        request.kind = "header";
        oddHeader(request, random, f);
      }
      case 2 -> {
        request.kind = "query";
        List<String> names = new ArrayList<>(request.query.keySet());
        operation.spec().path("parameters").forEach(p -> {
          if ("query".equals(p.path("in").asText())) {
            names.add(p.path("name").asText());
          }
        });
        names.add("unknownParam");
        request.query.put(pick(names, random), pick(ODD_VALUES, random));
      }
      case 3, 4, 5 -> {
        request.kind = "body-field";
        request.body = mutateField(example == null ? "{}" : example, random);
      }
      case 6 -> {
        request.kind = "body-shape";
        request.body = oddBody(example == null ? "{}" : example, random);
      }
      default -> {
        request.kind = "content-type";
        request.headers.put("Content-Type", pick(CONTENT_TYPES, random));
        if (request.body == null && random.nextBoolean()) {
          request.body = "{\"id\": 1}";
        }
      }
    }
    return request;
  }

  private static String oddPath(String template, Random random, TenantCatalogue f) {
    Matcher matcher = PARAM.matcher(template);
    List<String> params = new ArrayList<>();
    while (matcher.find()) {
      params.add(matcher.group());
    }
    if (params.isEmpty()) {
      return f.resolve(template, f.tenant) + pick(List.of("/", "//", "/extra", "%00", ";x=1", "/..", "?"), random);
    }
    String victim = pick(params, random);
    String odd = pick(ODD_IDS, random);
    return f.resolve(template.replace(victim, "\u0001"), f.tenant).replace("\u0001", odd);
  }

  private static void oddHeader(Fuzzed request, Random random, TenantCatalogue f) {
    String tenant = f.tenant;
    switch (random.nextInt(12)) {
      case 0 -> request.headers.remove("Authorization");
      case 1 -> request.headers.put("Authorization", pick(List.of("Bearer", "Bearer ", "Basic YTpi", "Bearer a.b.c",
          "Bearer " + "x".repeat(5000), "bearer ..", "Token abc", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."), random));
      case 2 -> request.headers.put("Authorization", "Bearer " + Jwt.issuer(Tokens.ISSUER).subject("x")
          .claim("tenants", List.of(tenant)).claim("scope", "appointments appointments:manage")
          .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
          .jws().keyId("1").sign("privateKey.jwk"));
      case 3 -> request.headers.put("Authorization", "Bearer " + Jwt.issuer(Tokens.ISSUER).subject("x")
          .claim("scope", "appointments appointments:manage").expiresIn(300).jws().keyId("1").sign("privateKey.jwk"));
      case 4 -> request.headers.put("Authorization", "Bearer " + Jwt.issuer(Tokens.ISSUER).subject("x")
          .claim("tenants", List.of(tenant)).claim("scope", "").expiresIn(300).jws().keyId("1").sign("privateKey.jwk"));
      case 5 -> {
        request.headers.remove("Tenant");
        request.headers.remove("X-TENANT-ID");
      }
      case 6 -> {
        String other = pick(List.of("", " ", "OTHER", "x".repeat(300), "%00", tenant.toLowerCase()), random);
        request.headers.put("Tenant", other);
        request.headers.put("X-TENANT-ID", other);
      }
      case 7 -> request.headers.remove(pick(List.of("X-Request-ID", "X-Conversation-ID"), random));
      case 8 -> request.headers.put("Accept", pick(List.of("text/html", "application/xml", "*/*;q=0", "image/png"), random));
      case 9 -> request.headers.put("Accept-Language", pick(List.of("xx_XX", "", "x".repeat(500), "nl_NL;q=abc"), random));
      case 10 -> request.headers.put("Idempotency-Key", pick(List.of("", "x".repeat(300), "k e y", "k%00"), random));
      default -> request.headers.put("X-Forwarded-For", pick(List.of("6.6.6.6", "garbage", "::::"), random));
    }
  }

  /** The example with one field (at any depth) removed, added, or set to an odd value. */
  private static String mutateField(String example, Random random) throws Exception {
    JsonNode root;
    try {
      root = JSON.readTree(example);
    } catch (Exception e) {
      return example;
    }
    if (!(root instanceof ObjectNode object)) {
      return example;
    }
    List<ObjectNode> objects = new ArrayList<>();
    collect(object, objects);
    ObjectNode target = pick(objects, random);
    List<String> fields = new ArrayList<>();
    target.fieldNames().forEachRemaining(fields::add);
    int choice = random.nextInt(3);
    if (choice == 0 && !fields.isEmpty()) {
      target.remove(pick(fields, random));
    } else if (choice == 1 || fields.isEmpty()) {
      target.set("unexpected" + random.nextInt(10), oddValue(random));
    } else {
      target.set(pick(fields, random), oddValue(random));
    }
    return JSON.writeValueAsString(root);
  }

  private static void collect(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
    }
    node.elements().forEachRemaining(child -> collect(child, objects));
  }

  private static JsonNode oddValue(Random random) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (random.nextInt(16)) {
      case 0 -> nodes.nullNode();
      case 1 -> nodes.numberNode(-1);
      case 2 -> nodes.numberNode(1.5);
      case 3 -> nodes.numberNode(new java.math.BigInteger("92233720368547758080"));
      case 4 -> nodes.numberNode(new java.math.BigDecimal("1e400"));
      case 5 -> nodes.textNode("");
      case 6 -> nodes.textNode("x".repeat(2100 + random.nextInt(3000)));
      case 7 -> nodes.textNode("a\u0000b");
      case 8 -> nodes.booleanNode(true);
      case 9 -> nodes.arrayNode();
      case 10 -> nodes.objectNode();
      case 11 -> nodes.textNode("+999999999-12-31T08:00:00.000Z");
      case 12 -> nodes.textNode("9999-12-31T23:59:59.999Z");
      case 13 -> {
        ArrayNode many = nodes.arrayNode();
        for (int i = 0; i < 200; i++) {
          many.add("item" + i);
        }
        yield many;
      }
      case 14 -> nodes.textNode("'; DROP TABLE appointment; --");
      default -> nodes.textNode("\u202e\u0007bell");
    };
  }

  /** The documented text/csv example of an operation, or null when it takes no CSV. */
  static String csvExample(JsonNode operation) {
    JsonNode content = operation.path("requestBody").path("content").path("text/csv");
    if (content.isMissingNode()) {
      return null;
    }
    JsonNode example = content.has("example") ? content.get("example")
        : content.path("examples").elements().hasNext() ? content.path("examples").elements().next().get("value") : null;
    return example == null ? "" : example.asText();
  }

  /** The CSV example with one line broken, added or duplicated, or a CSV that is odd as a whole. */
  private static String oddCsv(String example, Random random) {
    List<String> lines = new ArrayList<>(List.of(example.split("\n", -1)));
    String odd = pick(List.of("UPRN,", ",", "UPRN,12ab", "REGION,north", "POSTCODE,12", "UPRN,1,2", "\"UPRN\",\"1\"",
        "UPRN," + "9".repeat(13), "POSTCODE," + "A".repeat(20), "UPRN,1\u0000", "\u202e", "😀", "type,value",
        "POSTCODE,e1 6", "UPRN,-1", "UPRN, 42 "), random);
    switch (random.nextInt(5)) {
      case 0 -> lines.set(random.nextInt(lines.size()), odd);
      case 1 -> lines.add(random.nextInt(lines.size() + 1), odd);
      case 2 -> lines.add(lines.get(random.nextInt(lines.size())));
      case 3 -> {
        return pick(List.of("", "\n\n", "\uFEFFtype,value\r\nUPRN,1\r\n", "{\"id\": 1}", "UPRN,1\n".repeat(9000),
            "\u00ff\u00fe"), random);
      }
      default -> lines.replaceAll(line -> line.replace(",", pick(List.of(";", "\t", ",,"), random)));
    }
    return String.join("\n", lines);
  }

  /** Broken or odd JSON documents as a whole. */
  private static String oddBody(String example, Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> example.isEmpty() ? "{" : example.substring(0, random.nextInt(example.length()));
      case 1 -> example.startsWith("{") && example.length() > 2
          ? "{" + example.substring(1, example.length() - 1) + "," + example.substring(1) : "{\"a\":1,\"a\":2}";
      case 2 -> "null";
      case 3 -> "[]";
      case 4 -> "\"just a string\"";
      case 5 -> "[".repeat(3000) + "]".repeat(3000);
      case 6 -> "";
      case 7 -> "{\"id\": 1} trailing";
      case 8 -> "{\"a\": \"" + "é".repeat(40_000) + "\"}";
      default -> "\u00ff\u00fe{";
    };
  }

  private static void assertErrorFormat(int i, Fuzzed request, Reply response) {
    String body = response.asString();
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (Exception e) {
      fail("#" + i + " " + request + " answered " + response.statusCode() + " without a JSON body: " + body);
      return;
    }
    boolean lifecycle = request.path.startsWith("/enterprises/");
    boolean ok = lifecycle
        ? json != null && json.path("errors").path(0).hasNonNull("code") && json.path("errors").path(0).hasNonNull("message")
        : json != null && json.hasNonNull("code") && json.hasNonNull("uuid") && json.path("messages").isArray();
    assertTrue(ok, "#" + i + " " + request + " answered " + response.statusCode() + " outside its face's error format: " + body);
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

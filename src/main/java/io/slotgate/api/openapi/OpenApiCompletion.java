package io.slotgate.api.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.slotgate.api.error.ErrorCatalogue;
import io.slotgate.api.error.ErrorResponses;
import io.slotgate.api.http.IdempotentWrites;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes every operation of the OpenAPI document with what all operations of its face share, so that no
 * operation forgets one: the error statuses it can answer (from {@link ErrorCatalogue}, in the face's error
 * schema, with an example per code), the wholesale face's required headers, and the error catalogue in the
 * description, each operation's tag and security; and it lays the operations' own words over the scanned document
 * (META-INF/openapi-texts.yaml), so resource methods carry none. OpenApiContractTest checks the result,
 * and FuzzTest checks that every status it sees is documented. It runs when the app is built, so the finished
 * document ships in the jar and no start-up completes it again.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiCompletion implements OASFilter {

  private static final String JSON = "application/json";
  /** Each face's tag, by the first segment of its paths. */
  private static final Map<String, String> FACES = Map.of("WholesaleGateway", "Wholesale", "external", "Booking",
      "enterprises", "Lifecycle", "admin", "Admin");
  private static final List<String> WHOLESALE_HEADERS = List.of("X-Request-ID", "X-Conversation-ID", "Tenant");
  /** The operations that place a new appointment, each face's hold (and the back office's invitation). */
  private static final List<String> HOLDS = List.of("/WholesaleGateway/v1.0/gateway/appointments",
      "/external/v1/reservations", "/enterprises/{enterprise}/appointments");
  private static final Map<String, String> HEADER_EXAMPLES = Map.of("X-Request-ID", "qwerty",
      "X-Conversation-ID", "abcde", "Tenant", "TENANT1");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null) {
      return;
    }
    OpenApiTexts.layOver(openAPI);
    // Paths in their natural order whatever the build visited first (the Postman collection follows it; CI diffs it).
    openAPI.getPaths().setPathItems(new java.util.TreeMap<>(openAPI.getPaths().getPathItems()));
    openAPI.getPaths().getPathItems().forEach((path, item) -> complete(openAPI, path, item));
    errorSchemas(openAPI);
    closeRequestBodies(openAPI);
    if (openAPI.getInfo() == null) {
      openAPI.setInfo(OASFactory.createInfo()); // at build time the configured title is not applied yet
    }
    // The whole description is set here: a configured one would replace it when the document is served.
    openAPI.getInfo().description("Appointment-slot reservation gateway: wholesale gateway, branch booking, "
        + "appointment lifecycle and admin faces.\n\n## Trying it\n\nEvery operation needs a bearer JWT whose "
        + "`scope` holds `appointments` (booking faces) or `appointments:manage` (lifecycle, admin) and whose "
        + "`tenants` claim names the tenants it acts for. In dev mode (`scripts/dev.sh`) make one with "
        + "`scripts/token.sh TENANT1` (both scopes, an hour; signed by the dev key in dev/; demo tenants TENANT1, RETAIL1, "
        + "OPENFIBRE, BANK1) and paste it under Authorize. In production, tokens come from your OIDC provider "
        + "(docs/operations.md: Production in ten minutes).\n\n## Errors\n\nEvery error body carries a stable code (and, "
        + "outside the lifecycle face, a uuid that the service logs with the request id). The codes:\n\n"
        + ErrorCatalogue.markdown());
  }

  private void complete(OpenAPI openAPI, String path, PathItem item) {
    String face = path.indexOf('/', 1) < 0 ? null : FACES.get(path.substring(1, path.indexOf('/', 1)));
    if (face == null) {
      return;
    }
    boolean lifecycle = face.equals("Lifecycle");
    boolean wholesale = face.equals("Wholesale");
    item.getOperations().forEach((method, operation) -> {
      operation.setTags(List.of(face));
      operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
      if (operation.getOperationId() == null) {
        throw new IllegalStateException(method + " " + path + " has no operationId in " + OpenApiTexts.FILE);
      }
      boolean body = operation.getRequestBody() != null;
      if (method.name().equals("POST") && creates(path)) {
        created(operation);
      }
      withoutScannerDefaults(operation);
      boolean reachesSupplier = wholesale && !path.contains("/hub");
      if (wholesale) {
        WHOLESALE_HEADERS.forEach(header -> requireHeader(operation, header));
      }
      // The lifecycle face answers a branch's location in the first wanted language the branch has (LifecycleMapper).
      if (lifecycle && path.contains("/appointments")) {
        operation.addParameter(OASFactory.createParameter().name("Accept-Language").in(Parameter.In.HEADER)
            .description("The language of the location's texts (city, street), where the branch has it; else the "
                + "branch's own language")
            .example("fr-BE, nl;q=0.8").schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(256)));
      }
      // Seed 003: "X-TENANT-ID ... yes" on every operation of the branch face (the resources all read it).
      if (face.equals("Booking")) {
        requireHeader(operation, "X-TENANT-ID");
      }
      if (!method.name().equals("GET")) {
        idempotencyKey(operation);
      }
      // Any request may carry a body: 413 past 64 KiB (before anything is read), 415 when not JSON.
      List<Integer> statuses = new java.util.ArrayList<>(List.of(400, 401, 403, 406, 413, 415, 503));
      // An id in the path, or one a body refers to (a supplier, a branch), may name nothing of the tenant's.
      if (path.contains("{") || lifecycle || body) {
        statuses.add(404);
      }
      if (body) {
        statuses.add(422);
      }
      if (operation.getParameters() != null
          && !operation.getParameters().stream().allMatch(p -> p.getIn() == Parameter.In.HEADER)) {
        statuses.add(422);
      }
      if (!method.name().equals("GET")) {
        statuses.add(409);
      }
      if (reachesSupplier) {
        statuses.addAll(List.of(500, 504));
      }
      // A new hold (or invitation) spends a token of the tenant's rate limit (core/appointment/HoldRateLimiter).
      if (method.name().equals("POST") && HOLDS.contains(path)) {
        statuses.add(429);
      }
      statuses.stream().distinct().sorted().forEach(status -> addError(openAPI, operation, status, lifecycle));
    });
  }

  /** A POST to a collection creates (every such resource method answers 201 Created with the new entry). */
  private static boolean creates(String path) {
    return !path.endsWith("}") && !path.contains("/_actions/") && !path.endsWith("/demo");
  }

  private static void created(Operation operation) {
    var responses = operation.getResponses();
    if (!responses.hasAPIResponse("201") && responses.hasAPIResponse("200")) {
      APIResponse ok = responses.getAPIResponse("200");
      responses.removeAPIResponse("200");
      responses.addAPIResponse("201", ok.description("Created"));
    }
  }

  /**
   * What the scanner adds that the code's answers contradict: a default 200 beside a documented 201 (a method
   * answering RestResponse 201 Created), and text/plain beside JSON for a body read as a String to parse it.
   */
  private static void withoutScannerDefaults(Operation operation) {
    var responses = operation.getResponses();
    if (responses.hasAPIResponse("201") && responses.hasAPIResponse("200")
        && "OK".equals(responses.getAPIResponse("200").getDescription())) {
      // A documented 201 without a schema takes the scanned one, found from the method's return type.
      APIResponse created = responses.getAPIResponse("201");
      Content scanned = responses.getAPIResponse("200").getContent();
      if (created.getContent() == null) {
        created.setContent(scanned);
      } else if (scanned != null) {
        scanned.getMediaTypes().forEach((type, media) -> {
          MediaType documented = created.getContent().getMediaType(type);
          if (documented != null && documented.getSchema() == null) {
            documented.setSchema(media.getSchema());
          }
        });
      }
      responses.removeAPIResponse("200");
    }
    var body = operation.getRequestBody();
    if (body != null && body.getContent() != null && body.getContent().hasMediaType(JSON)) {
      body.getContent().removeMediaType("text/plain");
    }
  }

  private static void requireHeader(Operation operation, String name) {
    Parameter declared = operation.getParameters() == null ? null : operation.getParameters().stream()
        .filter(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName())).findFirst().orElse(null);
    if (declared != null) {
      declared.required(true);
    } else {
      operation.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(true)
          .description("Required on every wholesale request; echoed on the response")
          .example(HEADER_EXAMPLES.get(name)).schema(OASFactory.createSchema()
              .addType(SchemaType.STRING).maxLength(2048)));
    }
  }

  /** Every write takes an Idempotency-Key (IdempotentWrites; the booking face's reservation declares its own). */
  private static void idempotencyKey(Operation operation) {
    if (operation.getParameters() != null && operation.getParameters().stream()
        .anyMatch(p -> p.getIn() == Parameter.In.HEADER && IdempotentWrites.HEADER.equalsIgnoreCase(p.getName()))) {
      return;
    }
    operation.addParameter(OASFactory.createParameter().name(IdempotentWrites.HEADER).in(Parameter.In.HEADER)
        .required(false).example("3f1c9a52-7d1e-4c1b-9d2e-5a8b6c0d4e7f")
        .description("Makes a retry safe: a retry with the same key and request answers what the first answered "
            + "(status and body, with Idempotent-Replayed: true), also when that answer was lost; the same key for "
            + "another request is 409 DUPLICATE_ID; while the first is still being answered, 503 with Retry-After. "
            + "Keys are per tenant and kept 24 hours (slotgate.idempotency.retention).")
        .schema(OASFactory.createSchema().addType(SchemaType.STRING).minLength(1)
            .maxLength(IdempotentWrites.MAX_KEY_LENGTH)));
  }

  /**
   * Lists {@code status} on the operation unless it documents that status with a body of its own. The answer is
   * the same for every operation of the face, so it is written once under components/responses (ErrorNNN,
   * LifecycleErrorNNN) and referred to: written out on all 72 operations it made the document 558 KB.
   */
  private static void addError(OpenAPI openAPI, Operation operation, int status, boolean lifecycle) {
    String code = String.valueOf(status);
    if (operation.getResponses().hasAPIResponse(code)) {
      APIResponse existing = operation.getResponses().getAPIResponse(code);
      if (existing.getContent() != null && !existing.getContent().getMediaTypes().isEmpty()) {
        return;
      }
    }
    String name = (lifecycle ? "LifecycleError" : "Error") + code;
    if (openAPI.getComponents().getResponses() == null || !openAPI.getComponents().getResponses().containsKey(name)) {
      openAPI.getComponents().addResponse(name, errorResponse(status, lifecycle));
    }
    operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().ref(name));
  }

  private static APIResponse errorResponse(int status, boolean lifecycle) {
    String code = String.valueOf(status);
    List<ErrorCatalogue.Entry> entries = ErrorCatalogue.forStatus(status);
    Map<String, Example> examples = new LinkedHashMap<>();
    for (ErrorCatalogue.Entry entry : entries) {
      examples.put(entry.code(), OASFactory.createExample().summary(entry.when()).value(lifecycle
          ? Map.of("errors", List.of(Map.of("message", entry.when(), "code", entry.code(), "type",
              ErrorResponses.type(entry.code()), "statusCode", code)))
          : Map.of("uuid", "87432dfb-2e47-4532-a1b7-4b113d48867d", "code", entry.code(), "messages",
              List.of(entry.when()))));
    }
    MediaType media = OASFactory.createMediaType()
        .schema(OASFactory.createSchema().ref(lifecycle ? "LifecycleErrors" : "Error"))
        .examples(examples);
    Content content = OASFactory.createContent().addMediaType(JSON, media);
    APIResponse response = OASFactory.createAPIResponse()
        .description(String.join("; ", entries.stream().map(e -> e.code() + ": " + e.when()).toList()))
        .content(content);
    if (status == 503 || status == 429) {
      response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
          .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
    }
    if (status == 401) {
      response.addHeader("WWW-Authenticate", OASFactory.createHeader().description("Bearer")
          .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
    }
    return response;
  }

  /** Both error bodies' code enums come from the catalogue; the lifecycle body is described here (seed 002). */
  private static void errorSchemas(OpenAPI openAPI) {
    List<Object> codes = ErrorCatalogue.ENTRIES.stream().map(ErrorCatalogue.Entry::code).distinct()
        .map(Object.class::cast).toList();
    Schema error = openAPI.getComponents().getSchemas().get("Error");
    if (error != null && error.getProperties() != null && error.getProperties().get("code") != null) {
      error.getProperties().get("code").enumeration(codes);
    }
    Schema item = OASFactory.createSchema().addType(SchemaType.OBJECT)
        .description("One error: what is wrong, its stable code, its kind and HTTP status; arguments carry what a "
            + "client needs to react (e.g. the current status and the action)")
        .addProperty("message", string().example("Cannot accept an appointment in status CANCELLED"))
        .addProperty("code", string().enumeration(codes))
        .addProperty("type", string().enumeration(List.of("VALIDATION", "BUSINESS", "SECURITY", "NOT_FOUND",
            "TECHNICAL")))
        .addProperty("statusCode", string().example("422"))
        .addProperty("arguments", OASFactory.createSchema().addType(SchemaType.OBJECT)
            .example(Map.of("status", "CANCELLED", "action", "accept")));
    openAPI.getComponents().addSchema("LifecycleErrorItem", item);
    openAPI.getComponents().addSchema("LifecycleErrors", OASFactory.createSchema().addType(SchemaType.OBJECT)
        .description("The lifecycle face's error body (seed 002)")
        .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
            .items(OASFactory.createSchema().ref("LifecycleErrorItem"))));
  }

  /**
   * Every object a request body holds is closed ({@code additionalProperties: false}): the request mapper refuses a
   * field its record does not declare (400, api/http/StrictFields). Maps (names per locale) keep their
   * {@code additionalProperties} schema; seed 003's alias spellings are declared properties (openapi-texts.yaml).
   * A closed schema a response shares (a wholesale timeslot) is closed there too, which is what slotgate writes.
   */
  private static void closeRequestBodies(OpenAPI openAPI) {
    java.util.Set<Schema> closed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
      if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
          && operation.getRequestBody().getContent().getMediaType(JSON) != null) {
        close(openAPI, operation.getRequestBody().getContent().getMediaType(JSON).getSchema(), closed);
      }
    }));
  }

  private static void close(OpenAPI openAPI, Schema schema, java.util.Set<Schema> closed) {
    if (schema == null || !closed.add(schema)) {
      return;
    }
    if (schema.getRef() != null && openAPI.getComponents().getSchemas() != null) {
      close(openAPI, openAPI.getComponents().getSchemas().get(schema.getRef()
          .substring(schema.getRef().lastIndexOf('/') + 1)), closed);
    }
    if (schema.getProperties() != null && !schema.getProperties().isEmpty()
        && schema.getAdditionalPropertiesSchema() == null && schema.getAdditionalPropertiesBoolean() == null) {
      schema.setAdditionalPropertiesBoolean(false);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(property -> close(openAPI, property, closed));
    }
    close(openAPI, schema.getItems(), closed);
    for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
      if (parts != null) {
        parts.forEach(part -> close(openAPI, part, closed));
      }
    }
  }

  private static Schema string() {
    return OASFactory.createSchema().addType(SchemaType.STRING);
  }
}

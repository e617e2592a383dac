package io.slotgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.slotgate.api.error.ErrorCatalogue;
import io.slotgate.testing.OpenApiOperations;
import io.slotgate.testing.OpenApiOperations.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is what clients generate code from: every operation lists the statuses it answers in its
 * face's error schema, the wholesale headers, enums, examples and readable names. FuzzTest checks the other way
 * round (every status it sees is listed).
 */
@QuarkusTest
class OpenApiContractTest {

  private static JsonNode openapi;

  @BeforeEach
  void read() {
    openapi = OpenApiOperations.document();
  }

  private static List<Operation> operations() {
    return OpenApiOperations.of(openapi);
  }

  /**
   * Generated clients name their methods after operationId: every operation has one, unique, and they are the
   * names committed in src/test/resources/operation-ids.txt (a rename or a lost id breaks clients, so it fails here).
   */
  @Test
  void everyOperationHasItsStableUniqueOperationId() throws Exception {
    List<String> served = operations().stream()
        .map(op -> op.method().toUpperCase() + " " + op.template() + " " + op.spec().path("operationId").asText("-"))
        .sorted().toList();
    List<String> committed = Files.readAllLines(Path.of("src/test/resources/operation-ids.txt")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).sorted().toList();
    assertEquals(committed, served, "operation ids served vs committed:\n" + String.join("\n", served));
    assertEquals(served.size(), served.stream().map(line -> line.substring(line.lastIndexOf(' '))).distinct().count(),
        "operation ids are unique");
  }

  @Test
  void everyOperationListsItsSuccessAndEveryErrorInItsFacesSchema() {
    List<String> problems = new ArrayList<>();
    for (Operation op : operations()) {
      JsonNode responses = op.spec().get("responses");
      boolean success = false;
      for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
        String code = codes.next();
        JsonNode response = resolved(responses.get(code));
        if (code.startsWith("2")) {
          success = true;
          if (!code.equals("204") && !response.path("content").path("application/json").has("schema")) {
            problems.add(op.label() + " " + code + " has no body schema");
          }
        } else {
          String ref = response.path("content").path("application/json").path("schema").path("$ref").asText();
          String expected = op.template().startsWith("/enterprises/") ? "#/components/schemas/LifecycleErrors"
              : "#/components/schemas/Error";
          if (!ref.equals(expected)) {
            problems.add(op.label() + " " + code + " is not in the face's error schema " + expected + ": " + ref);
          }
        }
      }
      if (!success) {
        problems.add(op.label() + " lists no 2xx answer");
      }
      for (String code : List.of("400", "401", "403", "406", "503")) {
        if (!responses.has(code)) {
          problems.add(op.label() + " does not list " + code);
        }
      }
      if (op.spec().has("requestBody")) {
        for (String code : List.of("413", "415", "422")) {
          if (!responses.has(code)) {
            problems.add(op.label() + " takes a body but does not list " + code);
          }
        }
      }
      if (op.template().contains("{") && !responses.has("404")) {
        problems.add(op.label() + " takes an id but does not list 404");
      }
    }
    assertEquals(List.of(), problems);
  }

  /** A shared answer ({@code $ref} to components/responses) as the answer itself. */
  private static JsonNode resolved(JsonNode response) {
    String ref = response.path("$ref").asText();
    if (ref.isEmpty()) {
      return response;
    }
    JsonNode target = openapi.at(ref.substring(1));
    assertFalse(target.isMissingNode(), "dangling reference " + ref);
    return target;
  }

  @Test
  void wholesaleOperationsDeclareTheirRequiredHeaders() {
    List<String> problems = new ArrayList<>();
    for (Operation op : operations()) {
      if (!op.template().startsWith("/WholesaleGateway/")) {
        continue;
      }
      for (String header : List.of("X-Request-ID", "X-Conversation-ID", "Tenant")) {
        boolean declared = false;
        for (JsonNode parameter : op.spec().path("parameters")) {
          declared |= parameter.path("in").asText().equals("header") && parameter.path("name").asText().equals(header)
              && parameter.path("required").asBoolean();
        }
        if (!declared) {
          problems.add(op.label() + " does not declare required header " + header);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyRequestBodyAndSeededResponseHasAnExample() {
    List<String> problems = new ArrayList<>();
    for (Operation op : operations()) {
      JsonNode content = op.spec().path("requestBody").path("content");
      // A body is JSON, or a supplier's coverage as CSV.
      JsonNode body = content.has("text/csv") ? content.path("text/csv") : content.path("application/json");
      if (op.spec().has("requestBody") && !body.has("examples") && !body.has("example")) {
        problems.add(op.label() + " request body has no example");
      }
    }
    // The seeded wholesale operations show the seeds' example answers.
    Set<String> seeded = Set.of("/WholesaleGateway/v1.0/gateway/appointments",
        "/WholesaleGateway/v1.0/gateway/appointments/{id}", "/WholesaleGateway/v1.0/gateway/appointments/{id}/_actions/confirm",
        "/WholesaleGateway/v1.0/gateway/available-appointments");
    for (Operation op : operations()) {
      if (seeded.contains(op.template())) {
        JsonNode responses = op.spec().get("responses");
        JsonNode success = responses.has("200") ? responses.get("200") : responses.get("201");
        if (!success.path("content").path("application/json").has("examples")) {
          problems.add(op.label() + " success has no example");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void fieldsWithAFixedSetOfValuesSayWhichAndNamesAreReadable() {
    Set<String> enumerated = Set.of("classification", "classifications", "purpose", "appointmentPurpose", "role",
        "type", "meetingType", "status");
    List<String> problems = new ArrayList<>();
    JsonNode schemas = openapi.get("components").get("schemas");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = it.next();
      if (schema.getKey().matches(".*\\d$")) {
        problems.add("schema name " + schema.getKey() + " ends in a number (a clash of two classes' names)");
      }
      for (Iterator<Map.Entry<String, JsonNode>> props = schema.getValue().path("properties").fields(); props.hasNext(); ) {
        Map.Entry<String, JsonNode> property = props.next();
        // An address's type is free text in seed 001 ("e.g. UPRN").
        boolean freeText = schema.getKey().equals("Address") && property.getKey().equals("type");
        // Error codes are a fixed set too (a service's code is the tenant's own name for it).
        boolean errorCode = schema.getKey().contains("Error") && property.getKey().equals("code");
        if (errorCode && !property.getValue().has("enum")) {
          problems.add(schema.getKey() + ".code has no enum");
        }
        if (enumerated.contains(property.getKey()) && !freeText && !property.getValue().has("enum")
            && !property.getValue().has("$ref")) {
          problems.add(schema.getKey() + "." + property.getKey() + " has no enum");
        }
      }
    }
    for (Operation op : operations()) {
      for (JsonNode parameter : op.spec().path("parameters")) {
        JsonNode schema = parameter.path("schema");
        boolean hasEnum = schema.has("enum") || schema.path("items").has("enum");
        if (enumerated.contains(parameter.path("name").asText()) && !hasEnum) {
          problems.add(op.label() + " parameter " + parameter.path("name").asText() + " has no enum");
        }
      }
    }
    for (JsonNode tag : openapi.path("tags")) {
      if (tag.path("description").asText().contains("seed")) {
        problems.add("tag " + tag.path("name").asText() + " describes itself by a seed number");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theErrorCatalogueIsInTheDocumentAndTheApiDoc() throws Exception {
    String description = openapi.get("info").get("description").asText();
    String apiDoc = Files.readString(Path.of("docs/api.md"));
    for (ErrorCatalogue.Entry entry : ErrorCatalogue.ENTRIES) {
      String row = "| " + entry.code() + " | " + entry.status() + " | " + entry.when() + " | " + entry.clientAction() + " |";
      assertTrue(description.contains(row), "OpenAPI description lacks " + row);
      assertTrue(apiDoc.contains(row), "docs/api.md lacks the catalogue row (copy ErrorCatalogue.markdown()): " + row);
    }
    JsonNode codes = openapi.get("components").get("schemas").get("Error").get("properties").get("code").get("enum");
    assertEquals(ErrorCatalogue.ENTRIES.stream().map(ErrorCatalogue.Entry::code).distinct().count(), codes.size());
  }

  /** What the seeds call required is marked required: every face's headers, and their response fields. */
  @Test
  void theHeadersAndResponseFieldsTheSeedsRequireAreMarkedRequired() {
    List<String> problems = new ArrayList<>();
    for (Operation op : operations()) {
      List<String> headers = op.template().startsWith("/external/") ? List.of("X-TENANT-ID")
          : op.template().startsWith("/WholesaleGateway/") ? List.of("Tenant", "X-Request-ID", "X-Conversation-ID")
          : List.of();
      for (String header : headers) {
        boolean required = false;
        for (JsonNode parameter : op.spec().path("parameters")) {
          required |= parameter.path("name").asText().equals(header) && parameter.path("required").asBoolean();
        }
        if (!required) {
          problems.add(op.label() + " does not require " + header);
        }
      }
    }
    Map<String, List<String>> seeds = Map.of(
        "Appointment", List.of("id", "address", "serviceSpecification", "timeslot"),
        "Error", List.of("uuid", "code", "messages"),
        "AppointmentData", List.of("id", "subject", "office", "appointmentParticipants", "answers", "meetingType",
            "status", "hybrid", "trailingBufferTime", "createdAt", "createdByType", "createdFrom", "updatedAt",
            "updatedByType", "updatedFrom"),
        "Participant", List.of("role", "participant", "type"));
    seeds.forEach((schema, fields) -> {
      List<String> marked = new ArrayList<>();
      openapi.path("components").path("schemas").path(schema).path("required").forEach(f -> marked.add(f.asText()));
      fields.stream().filter(field -> !marked.contains(field)).forEach(field -> problems.add(schema + "." + field
          + " is required by its seed but not marked"));
    });
    assertEquals(List.of(), problems);
  }
}
